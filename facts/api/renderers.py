"""Response formats: JSON (rendered with orjson), CSV for lists, JSON-LD for the exports, and the browsable API."""

import csv
import io
from collections.abc import Mapping
from typing import Any

import orjson
from rest_framework import renderers

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


class JSONLDRenderer(JSONRenderer):
    """JSON-LD (Web Annotation, schema.org ClaimReview) is JSON with its own media type."""

    media_type = "application/ld+json"
    format = "jsonld"


class CSVRenderer(renderers.BaseRenderer):
    """One row per record, nested objects flattened to dotted columns (passage.start).

    Lists render the records of the current page; the next page is in the Link header.
    Lists of values are joined with "; ". Text is written exactly as stored.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        flat_rows = [_flatten(row) for row in rows]
        columns: dict[str, None] = {}
        for row in flat_rows:
            columns.update(dict.fromkeys(row))
        output = io.StringIO()
        writer = csv.DictWriter(output, fieldnames=list(columns), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(flat_rows)
        return output.getvalue().encode(self.charset)


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(value, dict):
        return {prefix or "value": _cell(value)}
    flat: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(item, dict):
            flat.update(_flatten(item, name))
        else:
            flat[name] = _cell(item)
    return flat


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(
            str(_cell(item)) if not isinstance(item, dict) else str(item.get("url", item)) for item in value
        )
    if value is None:
        return ""
    return value


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's HTML pages of the API under the Content-Security-Policy: a sign-out with no inline
    script (the template), and no inline style element (DRF adds Pygments' style sheet as one
    when Pygments is installed; the response is shown without its colours instead)."""

    template = "facts/browsable_api.html"

    def get_context(self, data: Any, accepted_media_type: str | None, renderer_context: Mapping[str, Any]) -> dict:
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        return context
