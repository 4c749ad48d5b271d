"""Response formats: JSON (rendered with orjson), CSV for lists, JSON-LD for the exports, and the browsable API."""

from collections.abc import Mapping
from typing import Any

import orjson
from rest_framework import renderers

from facts.api import exports

_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, byte for byte, written by orjson: several times faster on large pages.

    Compact, UTF-8, U+2028/U+2029 escaped as DRF does. Dates and anything orjson does not know
    go through DRF's own encoder; an indented rendering (`Accept: application/json; indent=4`,
    the browsable API) and anything orjson refuses fall back to DRF's renderer.
    """

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        if data is None:
            return b""
        # get_indent reads an empty media type as it does None (the stubs accept only a str).
        if self.get_indent(accepted_media_type or "", renderer_context or {}) is not None or self.ensure_ascii:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(data, default=self.encoder_class().default, option=_ORJSON_OPTIONS)
        except (orjson.JSONEncodeError, TypeError):
            return super().render(data, accepted_media_type, renderer_context)
        # DRF escapes these two so the JSON is also valid JavaScript.
        if b"\xe2\x80\xa8" in rendered or b"\xe2\x80\xa9" in rendered:
            rendered = rendered.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
        return rendered


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API as Factbase's: its name, article bodies as text, forms that send If-Match.

    Under the Content-Security-Policy: a sign-out with no inline script, the ETag handed to an
    external script (the template), and no inline style element (DRF adds Pygments' style sheet
    as one when Pygments is installed; the response is shown without its colours instead)."""

    template = "facts/browsable_api.html"

    def get_context(
        self, data: Any, accepted_media_type: str | None, renderer_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context = super().get_context(data, accepted_media_type, renderer_context)
        response = renderer_context.get("response")
        etag = response.get("ETag") if response is not None else None
        context["etag"], context["etag_json"] = etag, orjson.dumps(etag).decode() if etag else None
        body = data.get("body") if isinstance(data, dict) else None
        context["article_body"] = body if isinstance(body, str) else None
        context["code_style"] = None
        return context


class JSONLDRenderer(JSONRenderer):
    """JSON-LD (Web Annotation, schema.org ClaimReview) is JSON with its own media type."""

    media_type = "application/ld+json"
    format = "jsonld"


class CSVRenderer(renderers.BaseRenderer):
    """CSV with a fixed header per resource and formulas neutralised (facts/api/exports.py).

    A page (with `cursor` or `page_size`) or a single record; a list without them is streamed
    whole by facts.api.listing before it gets here. A view may lay out its own table with
    `csv_table(data)` (the comparison: a row per figure).
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        if data is None:
            return b""
        context = renderer_context or {}
        view, request, response = context.get("view"), context.get("request"), context.get("response")
        table = getattr(view, "csv_table", None)
        header, rows = table(data) if table is not None else exports.table(view, data)
        if request is not None and response is not None:
            response["Content-Disposition"] = exports.attachment(request)
        return exports.csv_bytes(rows, header)
