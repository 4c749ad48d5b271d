"""The reporting words the attribution rules look for, and small readings of the text around them."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from facts.extraction.candidates import Span, Speaker
from facts.extraction.lexicon import (
    AUXILIARIES,
    DETERMINERS,
    IRREGULAR_VERBS,
    NOUN_OR_VERB,
    PRONOUNS,
    REPORTING_VERBS,
    SIGN_NOUNS,
)

VERB = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))


VERB_PHRASE = rf"(?:went on to (?:say|add|explain|note)|(?:{VERB}))"


WORD_OR_WENT_ON = re.compile(r"\bwent on to (?:say|add|explain|note)\b|\b[a-z]+\b")


class _VerbOccurrences:
    """Reporting verbs in a text: its lowercase words looked up in REPORTING_VERBS.

    The same interface as a compiled pattern's `finditer` and `search`, but one pass over
    the words with a set lookup each, rather than an alternation of every verb.
    """

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        for match in WORD_OR_WENT_ON.finditer(text, pos, len(text) if endpos is None else endpos):
            word = match.group()
            if word in REPORTING_VERBS or word.startswith("went on"):
                yield match

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)


VERB_OCCURRENCE = _VerbOccurrences()


ACCORDING_TO = re.compile(r"\b[Aa]ccording to ")


SIGN_BEFORE = re.compile(
    r"(?:was |were |is |are )?(?:carrying|holding|waving|displaying|raising|carried|held|waved|displayed|raised) "
    r"(?:a |the |some )?(?:" + "|".join(sorted(SIGN_NOUNS)) + r") "
    r"(?:reading|saying|that read|that said|which read|with the words)[,:]?\s*$"
)


TRAILING_PUNCTUATION = ".!?…"


MAX_SPEAKER_WORDS = 12


NEEDS_THAT = frozenset({"find", "finds", "found", "show", "shows", "showed"})


NAMING_VERBS = frozenset(
    {"call", "calls", "called", "describe", "describes", "described", "dub", "dubs", "dubbed", "term", "terms"}
    | {"termed"}
)


LEADING_SUBORDINATORS = re.compile(
    r"(?:(?:And|But|Yet|So|Or|and|but|yet|so|or|Then|then|Now|now|Though|though|Although|although|While|while|"
    r"As|as|Because|because|Since|since|If|if|When|when|Whereas|whereas|After|after)\s+)+"
)


@dataclass
class Attribution:
    """Reporting words and the speaker they give, found around a quote or before a statement."""

    span: Span
    speaker: Speaker | None
    confidence: float
    rule: str
    subject_start: int  # where the speaker's words begin (for cutting an outer statement)


def _skip_blank(body: str, position: int) -> int:
    while position < len(body) and body[position].isspace():
        position += 1
    return position


DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?(?:\s*\([^)]{1,40}\))?\s*[—–-]{1,2}\s+")


class _Shifted:
    """A match on a slice, seen at its place in the body."""

    def __init__(self, match: re.Match, offset: int) -> None:
        self._match = match
        self._offset = offset

    def start(self) -> int:
        return self._match.start() + self._offset

    def end(self) -> int:
        return self._match.end() + self._offset

    def group(self) -> str:
        return self._match.group()


def _subject_that(body: str, position: int) -> bool:
    """Whether the “that” before `position` is a pronoun subject: followed directly by a verb."""
    following = re.match(r"(\w+)", body[position:])
    return bool(following and following.group(1).lower() in AUXILIARIES | {"does", "do", "did", "means", "shows"})


def _is_passive(body: str, verb: re.Match) -> bool:
    """“is believed to be”, “A group … believed to be”: a participle, not a reporting verb."""
    if re.match(r" to\b", body[verb.end() : verb.end() + 3]):
        return True
    return bool(re.search(r"\b(?:is|are|was|were|be|been|being)\s+$", body[max(0, verb.start() - 8) : verb.start()]))


def _is_noun_or_infinitive(
    body: str, verb: "re.Match | _Shifted", mention_ends_at: Callable[[int], bool] | None = None
) -> bool:
    """Whether a reporting word is not a finite verb here: “the reports”, “news reports say”,
    “refuses to confirm”, “would say”, “the report found”, “state officials”."""
    before = re.search(r"([\w'’]+)\s+$", body[max(0, verb.start() - 20) : verb.start()])
    word = verb.group()
    if word in NOUN_OR_VERB and not re.match(r" that\b", body[verb.end() : verb.end() + 6]):
        # Such a word is a verb after a pronoun or a name, before “that”, or after a plural
        # noun and before a determiner (“Insurers estimate the total”).
        previous = before.group(1) if before else ""
        following = re.match(r"\s+(\w+)", body[verb.end() : verb.end() + 20])
        gap = len(body[: verb.start()]) - len(body[: verb.start()].rstrip())
        after_name = mention_ends_at is not None and mention_ends_at(verb.start() - gap)
        after_plural = (
            re.fullmatch(r"[A-Za-z]*[^s'’]s", previous) is not None
            and following is not None
            and following.group(1).lower() in DETERMINERS | set(PRONOUNS)
        )
        if previous.lower() not in PRONOUNS and not after_name and not after_plural:
            return True
    if before:
        word = before.group(1).lower()
        if word in ("to", "would", "could", "will", "might", "may", "must", "should", "can", "cannot", "not"):
            return True
        if (word in DETERMINERS and word not in ("that",)) or word.endswith(("'s", "’s")):
            return True
    after = re.match(r"\s+(\w+)", body[verb.end() : verb.end() + 20])
    if after and (after.group(1) in IRREGULAR_VERBS or re.fullmatch(r"[a-z]+ed", after.group(1))):
        return True  # “the report found”
    return bool(
        after and (after.group(1) in REPORTING_VERBS or after.group(1) in ("is", "are", "was", "were", "have", "has"))
    )
