"""Request body parsing that turns every malformed body into a 400, never a 500."""

import codecs
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import IO, Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError


def refuse_constant(name: str) -> None:
    """NaN, Infinity and -Infinity are not JSON, and no figure is infinite."""
    raise ValueError(f"{name} is not a number JSON has; send a finite number")


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, reading numbers exactly and refusing what JSON does not allow.

    - A number with a fraction or an exponent is read as a Decimal, never through binary
      floating point, so `12345678901234567.5` is stored as sent (as `import_articles` reads
      it), and `1e-400` is refused for its decimal places instead of becoming 0. Whole
      numbers stay ints.
    - NaN and ±Infinity are refused.
    - Python's json module raises RecursionError (not ValueError) on a body such as 200 KB
      of "[", which DRF would let escape as a 500: a clear 400 instead.
    """

    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        # DRF's choice of charset, which refuses codecs that decompress (bz2_codec and the like).
        encoding = parsers.get_encoding(parser_context or {})  # type: ignore[attr-defined]
        try:
            return json.load(codecs.getreader(encoding)(stream), parse_float=Decimal, parse_constant=refuse_constant)
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
