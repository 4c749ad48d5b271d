"""Content negotiation: DRF's, except that an empty `?format=` is refused instead of ignored."""

from collections.abc import Iterable
from typing import Any

from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request


class StrictFormatNegotiation(DefaultContentNegotiation):
    """An empty `format` is answered as DRF answers an unknown one (404), with a message.

    DRF treats `?format=` as no format at all, so a client that meant one and lost its value
    (a template with an empty variable) silently gets JSON.
    """

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        if format_suffix is None and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            formats = ", ".join(renderer.format for renderer in renderers if renderer.format != "api")
            raise NotFound(f"The format parameter is empty: give one of {formats}, or leave it out.")
        return super().select_renderer(request, renderers, format_suffix)
