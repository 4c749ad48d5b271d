"""Request body parsing that turns every malformed body into a 400, never a 500."""

from collections.abc import Mapping
from typing import IO, Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, plus a clear 400 for JSON nested too deeply to parse.

    Python's json module raises RecursionError (not ValueError) on a body such as
    200 KB of "[", which DRF would let escape as a 500.
    """

    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
