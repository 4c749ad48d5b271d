"""What the extractor proposes: plain frozen dataclasses with exact spans of the body.

Every span holds `body[start:end] == exact` (offsets in code points, Python `str`
indices, end exclusive), so a candidate can be stored as a passage as it is.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article body."""

    start: int
    end: int
    exact: str

    @classmethod
    def of(cls, body: str, start: int, end: int) -> "Span":
        return cls(start, end, body[start:end])

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement or a figure comes from: a named person or organization, or a group.

    `type` is "person", "organization" or "group"; `name` is the person's or the
    organization's name as the article gives it in full, or the group's words as written
    (“Some activists”).
    """

    type: str
    name: str


@dataclass(frozen=True, slots=True)
class ActorCandidate:
    """A person or an organization the article names, with the other forms it uses."""

    type: str  # "person" or "organization"
    name: str
    aliases: tuple[str, ...]
    first: Span  # where the article names it first, in its fullest form
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class MentionCandidate:
    """One place the article names a person or an organization (full name, alias or short form)."""

    span: Span
    type: str  # "person" or "organization"
    name: str  # the actor's name (ActorCandidate.name)
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class RoleCandidate:
    """A role or affiliation the article states, with its own passage."""

    span: Span
    holder: Speaker  # type "person" or "organization"
    title: str
    affiliation: str | None
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """A direct quote (the words inside the marks) or an attributed paraphrase."""

    span: Span
    kind: str  # "direct_quote" or "paraphrase"
    speaker: Speaker | None
    attribution: Span | None
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class FigureCandidate:
    """A number as reported, with the bounds its qualifier gives it (see facts.models.Figure)."""

    span: Span
    qualifier: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    noun: Span | None  # the counted noun phrase (“North Koreans”), when the text has one
    speaker: Speaker | None
    claim: Span | None  # the claim the figure sits in, when it sits in one
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything proposed for one article body."""

    actors: tuple[ActorCandidate, ...] = ()
    mentions: tuple[MentionCandidate, ...] = ()
    roles: tuple[RoleCandidate, ...] = ()
    claims: tuple[ClaimCandidate, ...] = ()
    figures: tuple[FigureCandidate, ...] = ()
