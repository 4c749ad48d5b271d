"""The state the actor rules share while they read an article: entities, mentions, roles.

facts.extraction.actors assembles the rules in layers, each a class on top of the one before:
this state, then roles (facts.extraction.roles), organizations (facts.extraction.organizations),
people (facts.extraction.people), and the finder that classifies each name (actors).
"""

import re
from dataclasses import dataclass, field

from facts.extraction.candidates import ActorCandidate, MentionCandidate, RoleCandidate, Span
from facts.extraction.lexicon import (
    HONORIFICS,
)
from facts.extraction.places import COUNTRIES, DEMONYMS, PLACE_DESCRIPTORS, PLACES
from facts.extraction.text import Document

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
_HONORIFIC_WORDS = "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True) if h.endswith("."))
CAP_WORD = (
    rf"(?:(?:{_HONORIFIC_WORDS}|Gen\.|Sen\.|Rep\.|Gov\.|Lt\.|Col\.|Capt\.|Sgt\.|St\.)"
    rf"|(?:[{UPPER}]\.){{2,3}}"  # U.S., U.N.
    rf"|[{UPPER}]\.(?= [{UPPER}])"  # an initial: J. Smith
    rf"|(?:Mc|Mac|O['’])[{UPPER}][{LOWER}]+"
    rf"|[{UPPER}][{LOWER}]+(?:['’][{UPPER}]?[{LOWER}]+)*(?:-[{UPPER}{LOWER}][{LOWER}]+)*"
    rf"|[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})?(?![{LOWER}]))"
)
PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|ter|bin|ibn|al|el|le|la|dos|das)"
NAME_RUN = re.compile(rf"(?<![\w.]){CAP_WORD}(?: (?:{PARTICLE} )?{CAP_WORD})*")
WORD = re.compile(r"\S+")
_POSTED_IN = rf" (?:in|to) [{UPPER}][{LOWER}]+(?: [{UPPER}][{LOWER}]+)?"
EMBASSY = re.compile(
    rf"(?<![\w-])(?:the |The )?((?:[{UPPER}][\w.]*(?:['’]s)? )+"
    rf"(?:(?:embassy|consulate)(?![\w-])(?:{_POSTED_IN})?|mission(?![\w-]){_POSTED_IN}))"
)
"""A country's embassy or consulate; its mission only when posted somewhere (`the US mission to the
UN`), since `the US mission` alone is as often a military one."""
ACRONYM_AFTER = re.compile(rf"(?:['’]s)? \(((?:[{UPPER}]\.?){{2,8}})\)")
ORG_CONTINUATION = re.compile(rf" (?:of|for|on|and) (?:the )?(?={CAP_WORD})")
ORG_CONTINUATION_FIRST = re.compile(rf" (?:of|for|on) (?:the )?(?={CAP_WORD})")
POSSESSIVE = re.compile(r"['’]s$")
WEAK_EVIDENCE = frozenset({"speaker of a reporting verb"})


@dataclass
class Entity:
    """A person or organization being assembled while the article is read."""

    type: str
    name: str
    first: Span
    forms: list[str] = field(default_factory=list)
    gender: str = ""
    rule: str = ""
    confidence: float = 0.8
    surname: str = ""
    family_first: bool = False
    key: str = ""
    head_noun: str = ""  # the organization noun of its role (“group”), for “the group” later

    def add_form(self, form: str) -> None:
        if form != self.name and form not in self.forms:
            self.forms.append(form)


@dataclass
class Name:
    """A capitalized run found in the body, before it is known what it names."""

    start: int
    end: int
    text: str
    words: list[tuple[int, int, str]]


@dataclass
class Actors:
    """The entities of one article, their mentions and roles, with lookups by offset."""

    entities: list[Entity]
    mentions: list[tuple[Span, Entity, str, float]]
    roles: list[RoleCandidate]
    role_spans: dict[int, tuple[Span, Entity]]  # role end → (role span, holder), for attributions

    def mentions_within(self, start: int, end: int) -> list[tuple[Span, Entity]]:
        return [(span, entity) for span, entity, _, _ in self.mentions if start <= span.start and span.end <= end]

    def people_before(self, position: int) -> list[tuple[Span, Entity]]:
        return [
            (span, entity) for span, entity, _, _ in self.mentions if entity.type == "person" and span.end <= position
        ]

    def candidates(self) -> tuple[list[ActorCandidate], list[MentionCandidate]]:
        actors = [
            ActorCandidate(
                type=entity.type,
                name=entity.name,
                aliases=tuple(entity.forms),
                first=entity.first,
                confidence=entity.confidence,
                rule=entity.rule,
            )
            for entity in self.entities
        ]
        mentions = [
            MentionCandidate(span=span, type=entity.type, name=entity.name, confidence=confidence, rule=rule)
            for span, entity, rule, confidence in self.mentions
        ]
        return actors, mentions


def _words(body: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in WORD.finditer(body[start:end])]


def demonym_key(text: str) -> str:
    """A comparable form of an organization name: no leading article, “China's X” as “Chinese X”."""
    text = re.sub(r"^(?:the|The) ", "", text)
    match = re.match(r"^([\w.]+)['’]s (.+)$", text)
    if match and match.group(1) in COUNTRIES:
        return f"{COUNTRIES[match.group(1)]} {match.group(2)}"
    return text


def _possessive(text: str) -> bool:
    return "'" in text or "’" in text


class ActorState:
    """What the actor rules know so far about one article."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.body = document.body
        self.entities: list[Entity] = []
        self.mentions: list[tuple[Span, Entity, str, float]] = []
        self.roles: list[RoleCandidate] = []
        self.role_spans: dict[int, tuple[Span, Entity]] = {}
        self.honorific_surnames: dict[str, str] = {}

    def _is_place(self, text: str) -> bool:
        text = POSSESSIVE.sub("", text)
        if text in PLACES:
            return True
        words = text.split()
        return all(w in PLACES or w in PLACE_DESCRIPTORS or w in DEMONYMS or w in COUNTRIES for w in words)
