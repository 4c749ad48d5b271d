"""Writing one generated article sentence by sentence, recording each fact's passage by its offsets.

Quotes, paraphrases and assertions with their speakers (people, organizations, groups, or the
article's own voice), figures with every qualifier, the speakers' mentions and some roles. The
body is only ever appended to, so each offset recorded is where the passage stands in the final
body; bench/generate.py turns the facts into rows.
"""

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bench.vocabulary import Vocabulary, Zipf, number_text, sentence

WORDS_PER_QUOTE = (8, 22)

_SAID = ["said", "added", "explained", "told reporters", "warned", "insisted"]
_GROUPS = [
    "some activists",
    "a senior official",
    "local residents",
    "aid workers",
    "a diplomat who asked not to be named",
    "human rights groups",
    "witnesses",
    "analysts",
]
_TITLES = ["director", "spokesperson", "researcher", "executive director", "minister", "professor", "chair", "editor"]
_SCALES = [10, 100, 1_000, 10_000, 100_000, 1_000_000]
_VAGUE = [
    ("dozens of", 24, 99),
    ("hundreds of", 200, 999),
    ("thousands of", 2_000, 9_999),
    ("tens of thousands of", 20_000, 99_999),
    ("hundreds of thousands of", 200_000, 999_999),
    ("millions of", 2_000_000, None),
]
_QUALIFIERS = ["exact", "approximately", "more_than", "at_least", "up_to", "as_many_as", "range", "fewer_than", "vague"]


@dataclass
class Cast:
    """Who and what articles can name, the draws that pick them, and the first id of each table's rows."""

    vocabulary: Vocabulary
    people: list[tuple[str, str]]
    organizations: list[str]
    measures: list[tuple[str, str]]  # (name, unit)
    first_ids: dict[str, int]
    speakers: Zipf
    organization_speakers: Zipf
    measure_draw: Zipf


def _decimal(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _figure_number(rng: random.Random, n: int, qualifier: str) -> tuple[str, int | None, int | None, int | None]:
    """A number as the article words it for its qualifier: (text, value, low, high)."""
    value = low = high = None
    if qualifier == "exact":
        text, value, low, high = number_text(n), n, n, n
    elif qualifier == "approximately":
        text, value = f"about {number_text(n)}", n
    elif qualifier in ("more_than", "at_least"):
        text, value, low = f"{qualifier.replace('_', ' ')} {number_text(n)}", n, n
    elif qualifier in ("up_to", "as_many_as", "fewer_than"):
        text, value, high = f"{qualifier.replace('_', ' ')} {number_text(n)}", n, n
    elif qualifier == "range":
        low, high = n, n * rng.randint(2, 5)
        text = f"between {number_text(low)} and {number_text(high)}"
    else:
        text, low, high = rng.choice(_VAGUE)
    return text, value, low, high


class ArticleWriter:
    """One article's body as it is written, and the facts in it: (table, fields with start and end)."""

    def __init__(self, cast: Cast, rng: random.Random) -> None:
        self.cast = cast
        self.rng = rng
        self.parts: list[str] = []
        self.length = 0
        self.facts: list[tuple[str, dict[str, Any]]] = []
        self.named: set[int] = set()

    @property
    def body(self) -> str:
        return "".join(self.parts)

    def emit(self, text: str) -> int:
        """Append `text` to the body; where it starts."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def mention(self, person: int, start: int, end: int) -> None:
        """A person's name at start..end: a mention, the first time the article names them."""
        if person not in self.named:
            self.named.add(person)
            self.facts.append(("facts_mention", {"start": start, "end": end, "person": person}))

    def speaker(self) -> dict[str, Any]:
        """Who says a claim: a person, an organization, a group, or ({}) the article itself."""
        cast, rng = self.cast, self.rng
        roll = rng.random()
        if roll < 0.6:
            return {"person": cast.first_ids["facts_person"] + cast.speakers.draw(rng)}
        if roll < 0.72:
            return {"organization": cast.first_ids["facts_organization"] + cast.organization_speakers.draw(rng)}
        if roll < 0.87:
            return {"group": rng.choice(_GROUPS)}
        return {}

    def _speaker_name(self, speaker: dict[str, Any]) -> str:
        cast = self.cast
        if "person" in speaker:
            first, last = cast.people[speaker["person"] - cast.first_ids["facts_person"]]
            return f"{first} {last}"
        if "organization" in speaker:
            return (
                "a statement from " + cast.organizations[speaker["organization"] - cast.first_ids["facts_organization"]]
            )
        return speaker["group"]

    def _words(self, opening: str, rest: list[str], speaker: dict | None, key: int, with_figure: bool) -> int:
        """A claim's words (with a figure inside when asked); where they start."""
        start = self.emit(opening)
        if with_figure:
            self.emit(" ")
            self.figure(speaker=speaker, claim=key, inline=True)
        self.emit(" " + " ".join(rest))
        return start

    def claim(self, with_figure: bool) -> None:
        """One claim: an assertion in the article's voice, or a speaker's paraphrase or direct quote."""
        rng = self.rng
        speaker = self.speaker()
        key = len(self.facts)
        status = "unreviewed" if rng.random() < 0.9 else rng.choice(["verified", "disputed", "false", "unverifiable"])
        words = self.cast.vocabulary.sample(rng, rng.randint(*WORDS_PER_QUOTE))
        claim = {"key": key, "review_status": status, **speaker}
        if not speaker:
            start = self._words(sentence(words[:4]), words[4:], None, key, with_figure)
            claim |= {"kind": "assertion", "start": start, "end": self.emit(".")}
            self.facts.append(("facts_claim", claim))
            return
        name = self._speaker_name(speaker)
        if rng.random() < 0.25:
            fields, mention_at = self._paraphrase(name, words, speaker, key, with_figure)
        else:
            fields, mention_at = self._direct_quote(name, words, speaker, key, with_figure)
        claim |= fields
        self.facts.append(("facts_claim", claim))
        if "person" in speaker:
            self.mention(speaker["person"], mention_at, mention_at + len(name))
            if rng.random() < 0.15:
                self._role(speaker["person"], name)

    def _paraphrase(
        self, name: str, words: list[str], speaker: dict, key: int, with_figure: bool
    ) -> tuple[dict[str, Any], int]:
        """Writes `<name> says <words>.`: the claim's fields, and where the name stands."""
        verb = f"{name} says"
        attribution_start = self.emit(verb)
        self.emit(" ")
        start = self._words(" ".join(words[:4]), words[4:], speaker, key, with_figure)
        end = self.emit(".")
        attribution = (attribution_start, attribution_start + len(verb))
        fields = {"kind": "paraphrase", "start": start, "end": end, "attribution": attribution}
        return fields, attribution_start

    def _direct_quote(
        self, name: str, words: list[str], speaker: dict, key: int, with_figure: bool
    ) -> tuple[dict[str, Any], int]:
        """Writes `“<Words>,” said <name>.`: the claim's fields, and where the name stands."""
        self.emit("“")
        start = self._words(sentence(words[:4]), words[4:], speaker, key, with_figure)
        end = self.emit(",")
        self.emit("” ")
        verb = f"{self.rng.choice(_SAID)} {name}"
        attribution_start = self.emit(verb)
        self.emit(".")
        attribution = (attribution_start, attribution_start + len(verb))
        fields = {"kind": "direct_quote", "start": start, "end": end, "attribution": attribution}
        return fields, attribution_start + len(verb) - len(name)

    def _role(self, person: int, name: str) -> None:
        """Writes `<name> is <title> at <organization>.`, the role's passage being the title and organization."""
        cast = self.cast
        title = self.rng.choice(_TITLES)
        organization = cast.first_ids["facts_organization"] + cast.organization_speakers.draw(self.rng)
        self.emit(f" {name} is ")
        role_start = self.emit(f"{title} at {cast.organizations[organization - cast.first_ids['facts_organization']]}")
        role_end = self.emit(".")
        role = {"start": role_start, "end": role_end, "person": person, "title": title, "affiliation": organization}
        self.facts.append(("facts_role", role))

    def figure(self, speaker: dict | None, claim: int | None, inline: bool = False) -> int:
        """A number as reported; standalone figures are in the article's own voice."""
        cast, rng = self.cast, self.rng
        measure = cast.first_ids["facts_measure"] + cast.measure_draw.draw(rng)
        unit = cast.measures[measure - cast.first_ids["facts_measure"]][1]
        n = rng.randint(1, 99) * rng.choice(_SCALES) // 10 or 1
        qualifier = rng.choice(_QUALIFIERS)
        text, value, low, high = _figure_number(rng, n, qualifier)
        place = cast.vocabulary.sample(rng, 1)[0].capitalize()
        if not inline:
            self.emit(sentence(cast.vocabulary.sample(rng, rng.randint(3, 8))) + " ")
        start = self.emit(text)
        end = start + len(text)
        self.emit(f" {unit} in {place}")
        if not inline:
            self.emit(".")
        fields = {
            "start": start,
            "end": end,
            "qualifier": qualifier,
            "unit": unit,
            "place": place,
            "value": _decimal(value),
            "low": _decimal(low),
            "high": _decimal(high),
            "measure": measure if rng.random() < 0.8 else None,
            "claim": claim,
            **(speaker or {}),
        }
        self.facts.append(("facts_figure", fields))
        return start
