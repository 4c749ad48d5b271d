"""Precision, recall and F1 of the extractor against a reference: the seed fixtures or the devset.

The seed reference is a fixtures directory in the seed format (fixtures/README.md); the
development set (fixtures/devset/, facts.extraction.devset) is real news annotated with the
issue's conventions. What is compared, per record type:

- quote_spans: direct quotes by span alone;
- quotes: direct quotes whose speaker is also right;
- figures: figures with the same qualifier and the same value, low and high bounds;
- people, organizations: per article, the named actors. A proposed actor matches a
  reference actor of the same type when its name, or one of its aliases, is the
  reference's name or one of its aliases;
- paraphrases, mentions, roles: reported where the reference has them (no target).

Matching is one to one. Records with a span match when their other attributes are equal and
their spans overlap by at least half of the longer one (`MIN_OVERLAP`); of several candidates
the most overlapping pairs are taken first. Speakers are the same when both are the same
person or organization (names compared as above), or both groups with the same words ignoring
case; on the devset an unnamed source has no speaker, so a proposed group counts as none.
Everything here is plain data: the same comparison scores the extractor's raw output and what
the database holds after editors accept proposals (facts.accepted_scoring).
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from facts.extraction import extract_all
from facts.extraction.candidates import Extraction, Speaker

TYPES = ("quote_spans", "quotes", "figures", "people", "organizations", "paraphrases", "mentions", "roles")

TARGETS = {
    # record type: (minimum precision or None, minimum recall)
    "quotes": (Decimal("0.8"), Decimal("0.9")),
    "figures": (Decimal("0.8"), Decimal("0.9")),
    "people": (None, Decimal("0.9")),
    "organizations": (None, Decimal("0.9")),
}
"""The quality the extractor must reach on the seed articles (issue 5)."""

BANDS = ((0.9, "0.90–1.00"), (0.8, "0.80–0.89"), (0.6, "0.60–0.79"), (0.0, "0.00–0.59"))
"""Confidence bands, highest first, for precision by band."""


def band_of(confidence: float) -> str:
    return next(label for floor, label in BANDS if round(confidence, 2) >= floor)


MIN_OVERLAP = 0.5
"""Two spans match when they share at least this share of the longer one."""


@dataclass(frozen=True)
class Item:
    """One record to compare: a key that must be equal, an optional span, and how to show it."""

    key: tuple
    label: str
    span: tuple[int, int] | None = None
    confidence: float | None = None  # a proposal's, for precision by confidence band


@dataclass
class Score:
    """How proposals of one type compare with the reference."""

    type: str
    matched: int = 0
    reference: int = 0
    proposed: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    bands: dict[str, list[int]] = field(default_factory=dict)  # band → [matched, proposed]

    def count_band(self, confidence: float | None, matched: bool) -> None:
        if confidence is None:
            return
        band = self.bands.setdefault(band_of(confidence), [0, 0])
        band[0] += matched
        band[1] += 1

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.reference if self.reference else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def meets(self, target: tuple[Decimal | None, Decimal]) -> bool:
        minimum_precision, minimum_recall = target
        precision_ok = minimum_precision is None or Decimal(str(self.precision)) >= minimum_precision
        return precision_ok and Decimal(str(self.recall)) >= minimum_recall


class Names:
    """Canonical names of the reference people and organizations, by name and alias.

    `unnamed_groups`: the reference gives unnamed sources no speaker (the devset's convention),
    so a proposed group speaker counts as none.
    """

    def __init__(self, entities: dict[str, Any], *, unnamed_groups: bool = False) -> None:
        self.unnamed_groups = unnamed_groups
        self.canonical: dict[tuple[str, str], str] = {}
        for kind, key in (("person", "people"), ("organization", "organizations")):
            for entry in entities.get(key, []):
                for name in [entry["name"], *entry.get("aliases", [])]:
                    self.canonical[(kind, name)] = entry["name"]

    def of(self, kind: str, *names: str) -> str:
        """The reference name any of these names is known by, else the first name."""
        for name in names:
            found = self.canonical.get((kind, name))
            if found is not None:
                return found
        return names[0]

    def speaker(self, speaker: Speaker | None) -> tuple[str, str] | None:
        if speaker is None or (speaker.type == "group" and self.unnamed_groups):
            return None
        if speaker.type == "group":
            return ("group", speaker.name.casefold())
        return (speaker.type, self.of(speaker.type, speaker.name))


def reference_speaker(entry: dict[str, str] | None) -> tuple[str, str] | None:
    """A speaker as the reference files write it: {"person": …}, {"organization": …}, {"group": …}."""
    if not entry:
        return None
    if "person" in entry:
        return ("person", entry["person"])
    if "organization" in entry:
        return ("organization", entry["organization"])
    return ("group", entry["group"].casefold())


def decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def span_label(exact: str, start: int) -> str:
    shown = exact if len(exact) <= 70 else exact[:67] + "..."
    return f"{start}: {shown!r}"


def speaker_label(speaker: tuple[str, str] | None) -> str:
    return "the article" if speaker is None else f"{speaker[0]} {speaker[1]!r}"


def empty_items() -> dict[str, list[Item]]:
    return {kind: [] for kind in TYPES}


def quote_items(
    items: dict[str, list[Item]],
    start: int,
    exact: str,
    who: tuple[str, str] | None,
    confidence: float | None = None,
) -> None:
    """A direct quote counts twice: by its span, and by its span with its speaker."""
    span = (start, start + len(exact))
    items["quote_spans"].append(Item((), span_label(exact, start), span, confidence))
    items["quotes"].append(Item((who,), f"{span_label(exact, start)} by {speaker_label(who)}", span, confidence))


def figure_item(
    start: int, exact: str, qualifier: str, bounds: Sequence[Decimal | None], confidence: float | None = None
) -> Item:
    label = f"{span_label(exact, start)} {qualifier} value={bounds[0]} low={bounds[1]} high={bounds[2]}"
    return Item((qualifier, *bounds), label, (start, start + len(exact)), confidence)


def actor_items(items: dict[str, list[Item]], named: dict[str, set[str]]) -> None:
    for kind, key in (("person", "people"), ("organization", "organizations")):
        items[key] = [Item((name,), name) for name in sorted(named[kind])]


def reference_items(facts: dict[str, Any], body: str, names: Names) -> dict[str, list[Item]]:
    """The records of one seed fixture article, as items to compare."""
    items = empty_items()
    for claim in facts.get("claims", []):
        who = reference_speaker(claim.get("speaker"))
        if claim["kind"] == "direct_quote":
            quote_items(items, claim["start"], claim["exact"], who)
        elif claim["kind"] == "paraphrase":
            label = f"{span_label(claim['exact'], claim['start'])} by {speaker_label(who)}"
            items["paraphrases"].append(Item((who,), label, (claim["start"], claim["start"] + len(claim["exact"]))))
    for figure in facts.get("figures", []):
        bounds = [decimal(figure.get(k)) for k in ("value", "low", "high")]
        items["figures"].append(figure_item(figure["start"], figure["exact"], figure["qualifier"], bounds))
    named: dict[str, set[str]] = {"person": set(), "organization": set()}
    for mention in facts.get("mentions", []):
        kind = "person" if "person" in mention else "organization"
        named[kind].add(mention[kind])
        items["mentions"].append(_passage_item(mention, kind))
    actor_items(items, named)
    for role in facts.get("roles", []):
        items["roles"].append(_passage_item(role, "person" if "person" in role else "organization"))
    return items


def _passage_item(record: dict[str, Any], kind: str) -> Item:
    """A mention or a role of the reference: its span and the actor it names."""
    span = (record["start"], record["start"] + len(record["exact"]))
    return Item((kind, record[kind]), f"{span_label(record['exact'], record['start'])} → {record[kind]}", span)


def extraction_items(extraction: Extraction, names: Names) -> dict[str, list[Item]]:
    """What the extractor proposes for one article, as items to compare."""
    items = empty_items()
    for claim in extraction.claims:
        who = names.speaker(claim.speaker)
        if claim.kind == "direct_quote":
            quote_items(items, claim.span.start, claim.span.exact, who, claim.confidence)
        else:
            label = f"{span_label(claim.span.exact, claim.span.start)} by {speaker_label(who)}"
            items["paraphrases"].append(Item((who,), label, (claim.span.start, claim.span.end)))
    for figure in extraction.figures:
        bounds = [decimal(figure.value), decimal(figure.low), decimal(figure.high)]
        span, exact = figure.span, figure.span.exact
        items["figures"].append(figure_item(span.start, exact, figure.qualifier, bounds, figure.confidence))
    for actor in extraction.actors:
        key = "people" if actor.type == "person" else "organizations"
        name = names.of(actor.type, actor.name, *actor.aliases)
        label = name if name == actor.name else f"{actor.name} (= {name})"
        items[key].append(Item((name,), label, confidence=actor.confidence))
    for mention in extraction.mentions:
        name = names.of(mention.type, mention.name)
        label = f"{span_label(mention.span.exact, mention.span.start)} → {name}"
        items["mentions"].append(Item((mention.type, name), label, (mention.span.start, mention.span.end)))
    for role in extraction.roles:
        name = names.of(role.holder.type, role.holder.name)
        label = f"{span_label(role.span.exact, role.span.start)} of {name}"
        items["roles"].append(Item((role.holder.type, name), label, (role.span.start, role.span.end)))
    return items


def overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """The share of the longer span that two spans have in common (1.0 for two records without span)."""
    if a is None or b is None:
        return 1.0 if a is None and b is None else 0.0
    shared = min(a[1], b[1]) - max(a[0], b[0])
    longest = max(a[1] - a[0], b[1] - b[0])
    return max(0, shared) / longest if longest else 0.0


def match(wanted: list[Item], offered: list[Item]) -> list[tuple[int, int]]:
    """One-to-one pairs (reference index, proposal index) of equal keys and enough overlap, best first."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for j, item in enumerate(offered):
        by_key[item.key].append(j)
    pairs = []
    for i, item in enumerate(wanted):
        for j in by_key.get(item.key, []):
            shared = overlap(item.span, offered[j].span)
            if shared >= MIN_OVERLAP:
                pairs.append((-shared, i, j))
    pairs.sort()
    return _pairs(pairs)


def _pairs(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    taken_i: set[int] = set()
    taken_j: set[int] = set()
    chosen = []
    for _, i, j in pairs:
        if i not in taken_i and j not in taken_j:
            taken_i.add(i)
            taken_j.add(j)
            chosen.append((i, j))
    return chosen


def compare(
    scores: dict[str, Score], article: str, reference: dict[str, list[Item]], proposed: dict[str, list[Item]]
) -> None:
    """Add one article's comparison to the scores (items matched one to one, see `match`)."""
    for kind in TYPES:
        score = scores.setdefault(kind, Score(kind))
        wanted, offered = reference[kind], proposed[kind]
        pairs = match(wanted, offered)
        score.reference += len(wanted)
        score.proposed += len(offered)
        score.matched += len(pairs)
        found = {i for i, _ in pairs}
        used = {j for _, j in pairs}
        score.misses.extend(f"{article} {item.label}" for i, item in enumerate(wanted) if i not in found)
        score.false_positives.extend(f"{article} {item.label}" for j, item in enumerate(offered) if j not in used)
        for j, item in enumerate(offered):
            score.count_band(item.confidence, j in used)


def fixture_articles(directory: Path) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(stem, body, facts) of every article in a fixtures directory, in name order."""
    for text_path in sorted((directory / "articles").glob("*.txt")):
        body = text_path.read_bytes().decode("utf-8")
        facts = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
        yield text_path.stem, body, facts


def load_names(directory: Path) -> Names:
    return Names(json.loads((directory / "entities.json").read_text(encoding="utf-8")))


def evaluate(directory: Path) -> dict[str, Score]:
    """Run the extractor on every fixture article and score it against the fixtures."""
    names = load_names(directory)
    articles = list(fixture_articles(directory))
    scores: dict[str, Score] = {kind: Score(kind) for kind in TYPES}
    found = extract_all([body for _, body, _ in articles])
    for (stem, body, facts), extraction in zip(articles, found, strict=True):
        compare(scores, stem, reference_items(facts, body, names), extraction_items(extraction, names))
    return scores
