"""The extraction development set (fixtures/devset/): real news annotated by hand, in two splits.

`tune` (Lee corpus lines 100–119) may be read and tuned on; `test` (lines 120–159) is scored
once, untouched. The annotations live in fixtures/devset/lee_<line>.json; the texts are rebuilt
into .local/devset/ by scripts/devset.py (they are not ours to redistribute), and each is checked
against the SHA-256 its annotation records before it is scored.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facts.extraction import extract_all
from facts.extraction.scoring import (
    TYPES,
    Item,
    Names,
    Score,
    actor_items,
    compare,
    decimal,
    empty_items,
    extraction_items,
    figure_item,
    quote_items,
    reference_speaker,
    span_label,
)

SPLITS = {"tune": range(100, 120), "test": range(120, 160)}
"""Which corpus lines each split holds."""


@dataclass(frozen=True)
class DevArticle:
    """One annotated article of the development set."""

    line: int
    body: str
    annotation: dict[str, Any]

    @property
    def names(self) -> Names:
        return Names(self.annotation, unnamed_groups=True)


class DevsetMissing(Exception):
    """The texts are not rebuilt yet, or differ from what was annotated."""


def articles(split: str, annotations: Path, texts: Path) -> Iterable[DevArticle]:
    """The split's articles, each text checked against the SHA-256 of its annotation."""
    for line in SPLITS[split]:
        annotation = json.loads((annotations / f"lee_{line}.json").read_text(encoding="utf-8"))
        path = texts / f"lee_{line}.txt"
        if not path.exists():
            raise DevsetMissing(f"{path} is missing: run `python scripts/devset.py` to rebuild the texts.")
        body = path.read_bytes().decode("utf-8")
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != annotation["sha256"]:
            raise DevsetMissing(f"{path} differs from the text that was annotated (SHA-256).")
        yield DevArticle(line, body, annotation)


def reference_items(annotation: dict[str, Any]) -> dict[str, list[Item]]:
    """An annotation file's records, as items to compare (facts.extraction.scoring)."""
    items = empty_items()
    for quote in annotation.get("quotes", []):
        quote_items(items, quote["start"], quote["exact"], reference_speaker(quote.get("speaker")))
    for figure in annotation.get("figures", []):
        bounds = [decimal(figure.get(k)) for k in ("value", "low", "high")]
        items["figures"].append(figure_item(figure["start"], figure["exact"], figure["qualifier"], bounds))
    for mention in annotation.get("mentions", []):
        kind = "person" if "person" in mention else "organization"
        span = (mention["start"], mention["start"] + len(mention["exact"]))
        label = f"{span_label(mention['exact'], mention['start'])} → {mention[kind]}"
        items["mentions"].append(Item((kind, mention[kind]), label, span))
    named = {
        "person": {entry["name"] for entry in annotation.get("people", [])},
        "organization": {entry["name"] for entry in annotation.get("organizations", [])},
    }
    actor_items(items, named)
    return items


def evaluate_split(split: str, annotations: Path, texts: Path) -> dict[str, Score]:
    """Run the extractor on every article of a split and score it against the annotations."""
    chosen = list(articles(split, annotations, texts))
    scores: dict[str, Score] = {kind: Score(kind) for kind in TYPES}
    for article, found in zip(chosen, extract_all([a.body for a in chosen]), strict=True):
        compare(
            scores, f"lee_{article.line}", reference_items(article.annotation), extraction_items(found, article.names)
        )
    return scores
