"""`offsets=utf16`: passage offsets in UTF-16 code units, as JavaScript (and Hypothesis) count them.

Factbase's offsets are Unicode code points (Python `str` indices). A JavaScript string indexes
UTF-16 code units, where a character outside the Basic Multilingual Plane (😀, 𝒜, many CJK
extension characters) takes two, so every such character before a passage shifts it by one.
With `offsets=utf16` a read gives `start`/`end` (a passage's, a claim's attribution's, a W3C
TextPositionSelector's) in UTF-16 units: `body.substring(start, end)` in JavaScript is then
the `exact` text. `offsets=codepoints` is the default. Writes always take code points.

Converting needs the article's text: the bodies of a page's articles are read in one query
(`preload`), a single record's when it is first needed.
"""

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from rest_framework.request import Request

from facts.models import Article

OFFSETS_PARAMETER = "offsets"
CHOICES = ("codepoints", "utf16")
BMP_END = 0xFFFF


class Utf16Offsets:
    """Code point offsets → UTF-16 offsets, per article."""

    def __init__(self) -> None:
        # Per article: the code point positions of its characters beyond the BMP, in order.
        self.astral: dict[int, list[int]] = {}

    def add(self, article_id: int, body: str) -> None:
        self.astral[article_id] = [index for index, char in enumerate(body) if ord(char) > BMP_END]

    def load(self, article_ids: Iterable[int | None]) -> None:
        """Read the bodies of the articles not known yet, in one query."""
        missing = {pk for pk in article_ids if pk is not None and pk not in self.astral}
        if missing:
            for pk, body in Article.objects.filter(pk__in=missing).values_list("pk", "body"):
                self.add(pk, body)

    def __call__(self, article_id: int, offset: int | None) -> int | None:
        if offset is None:
            return None
        if article_id not in self.astral:
            self.load([article_id])
        # Each astral character before the offset counts twice in UTF-16.
        return offset + bisect_left(self.astral.get(article_id, []), offset)


def requested(request: Request | None) -> str:
    """The `offsets` asked for: codepoints (the default) or utf16; anything else is 400."""
    from facts.api.listing import one_value

    if request is None:
        return "codepoints"
    return one_value(request, OFFSETS_PARAMETER, CHOICES) or "codepoints"


def converter_for(context: dict[str, Any]) -> Utf16Offsets | None:
    """The request's converter (made once, kept in the serializer context), None for code points."""
    if context.get(OFFSETS_PARAMETER) != "utf16":
        return None
    converter = context.get("_utf16")
    if converter is None:
        converter = context["_utf16"] = Utf16Offsets()
    return converter


def preload(context: dict[str, Any], records: Iterable[Any]) -> None:
    """Read in one query the bodies a page of records needs converted (nothing for code points)."""
    converter = converter_for(context)
    if converter is not None:
        converter.load(getattr(record, "article_id", None) for record in records)
