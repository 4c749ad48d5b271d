"""Content negotiation: DRF's, except that a `format` the resource does not offer is 406, with a message.

DRF answers an unknown `?format=` with a bare 404 (as if the record did not exist) and treats
an empty one as no format at all, so a client that meant one and lost its value (a template
with an empty variable) silently gets JSON. Here both are 406 Not Acceptable naming the formats
the resource offers, as an Accept header that none of them matches already is.
"""

from collections.abc import Iterable
from typing import Any

from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request


class StrictFormatNegotiation(DefaultContentNegotiation):
    """`format` must be one this resource offers (406 otherwise); Accept as DRF handles it."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        renderers = list(renderers)
        sent = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        offered = [renderer.format for renderer in renderers]
        if format_suffix is None and sent is not None and sent not in offered:
            formats = ", ".join(format for format in offered if format != "api")
            what = "The format parameter is empty" if sent == "" else f"This resource is not offered as {sent!r}"
            raise NotAcceptable(f"{what}: give one of {formats}, or leave it out.")
        return super().select_renderer(request, renderers, format_suffix)
