"""Precision and recall of the extractor against curated fixtures (the reference).

The reference is a fixtures directory in the seed format (fixtures/README.md): every
article's text and what an editor recorded from it. What is compared, per record type:

- quotes: direct quotes. A proposal matches a reference quote when it has the same span
  (the same `start` and `end`: the words inside the marks, trailing punctuation inside
  the marks included) and the same speaker.
- paraphrases: the same, for attributed paraphrases (reported, no target).
- figures: the same span, the same qualifier, and the same value, low and high bounds.
- people, organizations: per article, the named actors. A proposed actor matches a
  reference actor of the same type when its name, or one of its aliases, is the
  reference's name or one of its aliases (entities.json).
- mentions: the same span naming the same actor; roles: the same span held by the same
  actor (reported, no target).

Speakers are the same when both are the same person or organization (names compared as
above), or both groups with the same words ignoring case. Everything here is plain data:
the same comparison scores the extractor's raw output (`evaluate`) and what the database
holds after editors accept proposals (facts.accepted_scoring).
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from facts.extraction import extract
from facts.extraction.candidates import Extraction, Speaker

TYPES = ("quotes", "figures", "people", "organizations", "paraphrases", "mentions", "roles")

TARGETS = {
    # record type: (minimum precision or None, minimum recall)
    "quotes": (Decimal("0.8"), Decimal("0.9")),
    "figures": (Decimal("0.8"), Decimal("0.9")),
    "people": (None, Decimal("0.9")),
    "organizations": (None, Decimal("0.9")),
}
"""The quality the extractor must reach on the seed articles (issue 5)."""


@dataclass(frozen=True)
class Item:
    """One record to compare: a key that decides matching, and how to show it."""

    key: tuple
    label: str


@dataclass
class Score:
    """How proposals of one type compare with the reference."""

    type: str
    matched: int = 0
    reference: int = 0
    proposed: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.reference if self.reference else 1.0

    def meets(self, target: tuple[Decimal | None, Decimal]) -> bool:
        minimum_precision, minimum_recall = target
        precision_ok = minimum_precision is None or Decimal(str(self.precision)) >= minimum_precision
        return precision_ok and Decimal(str(self.recall)) >= minimum_recall


class Names:
    """Canonical names of the reference people and organizations, by name and alias."""

    def __init__(self, entities: dict[str, Any]) -> None:
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
        if speaker is None:
            return None
        if speaker.type == "group":
            return ("group", speaker.name.casefold())
        return (speaker.type, self.of(speaker.type, speaker.name))


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def _span_label(exact: str, start: int) -> str:
    shown = exact if len(exact) <= 70 else exact[:67] + "..."
    return f"{start}: {shown!r}"


def _speaker_label(speaker: tuple[str, str] | None) -> str:
    return "the article" if speaker is None else f"{speaker[0]} {speaker[1]!r}"


def reference_items(facts: dict[str, Any], body: str, names: Names) -> dict[str, list[Item]]:
    """The records of one fixture article, as items to compare."""
    items: dict[str, list[Item]] = {kind: [] for kind in TYPES}

    def speaker(entry: dict[str, str] | None) -> tuple[str, str] | None:
        if not entry:
            return None
        if "person" in entry:
            return ("person", entry["person"])
        if "organization" in entry:
            return ("organization", entry["organization"])
        return ("group", entry["group"].casefold())

    for claim in facts.get("claims", []):
        kind = {"direct_quote": "quotes", "paraphrase": "paraphrases"}.get(claim["kind"])
        if kind is None:
            continue
        end = claim["start"] + len(claim["exact"])
        who = speaker(claim.get("speaker"))
        items[kind].append(
            Item((claim["start"], end, who), f"{_span_label(claim['exact'], claim['start'])} by {_speaker_label(who)}")
        )
    for figure in facts.get("figures", []):
        end = figure["start"] + len(figure["exact"])
        bounds = tuple(_decimal(figure.get(k)) for k in ("value", "low", "high"))
        items["figures"].append(
            Item(
                (figure["start"], end, figure["qualifier"], *bounds),
                f"{_span_label(figure['exact'], figure['start'])} {figure['qualifier']} "
                f"value={bounds[0]} low={bounds[1]} high={bounds[2]}",
            )
        )
    named: dict[str, set[str]] = {"person": set(), "organization": set()}
    for mention in facts.get("mentions", []):
        kind = "person" if "person" in mention else "organization"
        name = mention[kind]
        named[kind].add(name)
        end = mention["start"] + len(mention["exact"])
        items["mentions"].append(
            Item((mention["start"], end, kind, name), f"{_span_label(mention['exact'], mention['start'])} → {name}")
        )
    for kind, key in (("person", "people"), ("organization", "organizations")):
        items[key] = [Item((name,), name) for name in sorted(named[kind])]
    for role in facts.get("roles", []):
        kind = "person" if "person" in role else "organization"
        end = role["start"] + len(role["exact"])
        items["roles"].append(
            Item((role["start"], end, kind, role[kind]), f"{_span_label(role['exact'], role['start'])} of {role[kind]}")
        )
    return items


def extraction_items(extraction: Extraction, names: Names) -> dict[str, list[Item]]:
    """What the extractor proposes for one article, as items to compare."""
    items: dict[str, list[Item]] = {kind: [] for kind in TYPES}
    for claim in extraction.claims:
        kind = "quotes" if claim.kind == "direct_quote" else "paraphrases"
        who = names.speaker(claim.speaker)
        items[kind].append(
            Item(
                (claim.span.start, claim.span.end, who),
                f"{_span_label(claim.span.exact, claim.span.start)} by {_speaker_label(who)}",
            )
        )
    for figure in extraction.figures:
        bounds = (_decimal(figure.value), _decimal(figure.low), _decimal(figure.high))
        items["figures"].append(
            Item(
                (figure.span.start, figure.span.end, figure.qualifier, *bounds),
                f"{_span_label(figure.span.exact, figure.span.start)} {figure.qualifier} "
                f"value={bounds[0]} low={bounds[1]} high={bounds[2]}",
            )
        )
    for actor in extraction.actors:
        key = "people" if actor.type == "person" else "organizations"
        name = names.of(actor.type, actor.name, *actor.aliases)
        items[key].append(Item((name,), name if name == actor.name else f"{actor.name} (= {name})"))
    for mention in extraction.mentions:
        name = names.of(mention.type, mention.name)
        items["mentions"].append(
            Item(
                (mention.span.start, mention.span.end, mention.type, name),
                f"{_span_label(mention.span.exact, mention.span.start)} → {name}",
            )
        )
    for role in extraction.roles:
        name = names.of(role.holder.type, role.holder.name)
        items["roles"].append(
            Item(
                (role.span.start, role.span.end, role.holder.type, name),
                f"{_span_label(role.span.exact, role.span.start)} of {name}",
            )
        )
    return items


def compare(
    scores: dict[str, Score], article: str, reference: dict[str, list[Item]], proposed: dict[str, list[Item]]
) -> None:
    """Add one article's comparison to the scores (items are matched one to one by key)."""
    for kind in TYPES:
        score = scores.setdefault(kind, Score(kind))
        wanted = {item.key: item for item in reference[kind]}
        offered = {item.key: item for item in proposed[kind]}
        score.reference += len(wanted)
        score.proposed += len(offered)
        for key, item in wanted.items():
            if key in offered:
                score.matched += 1
            else:
                score.misses.append(f"{article} {item.label}")
        for key, item in offered.items():
            if key not in wanted:
                score.false_positives.append(f"{article} {item.label}")


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
    scores: dict[str, Score] = {}
    for stem, body, facts in fixture_articles(directory):
        compare(scores, stem, reference_items(facts, body, names), extraction_items(extract(body), names))
    return scores
