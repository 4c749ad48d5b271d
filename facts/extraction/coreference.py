"""Coreference the attribution rules need: a description to its organization, a pronoun to its person.

- **Descriptions of organizations** (`the paper said`, `the airline said`, `the agency, which …`)
  refer to the last organization of that kind named before them: one whose name ends with the
  noun (`the ministry` → Foreign Ministry), or whose head word is of that kind (`the paper` → a
  name ending Times, Post, Courier…; `the airline` → … Airlines, … Airways), or, for nouns any
  organization can be described by (`the company`, `the organisation`, `the airline`), the last
  organization named. `the group` is not one of them: it is as often a group of people.
- **Pronouns** (`he said`, `she told`): among the people named before, of a compatible gender
  where the text shows it (a form of address, or an earlier pronoun resolved to them), the
  nearest one; when several people share its sentence, the one whose gender the text showed,
  else the grammatical subject (the model's nsubj) of that sentence, with a lower confidence.
- **Descriptions of people** (`the spokesman said`, `the Prime Minister said`, `the 34-year-old
  said`): the person most recently named who was introduced with that role (in apposition, before
  the name or as a title: `Treasury spokesman Mark Allen`, `Prime Minister John Howard`) or with
  that age (`Mark Allen, 41,`); the description's words and the role's must not contradict each
  other (`the prime minister` is not `Foreign Minister Jo Bell`). Nobody introduced so: unnamed.
"""

import re

from facts.extraction.actor_state import Actors, Entity
from facts.extraction.candidates import Span
from facts.extraction.lexicon import ROLE_NOUNS, TITLES
from facts.extraction.nlp import Parse

KIND_HEADS = {
    "paper": ("Times", "Post", "Herald", "Journal", "Tribune", "Courier", "Gazette", "Telegraph", "Chronicle", "News"),
    "airline": ("Airlines", "Airways", "Air", "Airline"),
    "carrier": ("Airlines", "Airways", "Air", "Airline"),
    "broadcaster": ("Broadcasting", "Corporation", "News", "Television", "TV", "Radio", "Nine", "Seven"),
    "network": ("Network", "Television", "TV", "News"),
    "bank": ("Bank",),
    "court": ("Court", "Tribunal"),
    "party": ("Party",),
    "union": ("Union",),
    "club": ("Club",),
}
KIND_HEADS["newspaper"] = KIND_HEADS["paper"]
KIND_HEADS["station"] = KIND_HEADS["broadcaster"]

ANY_ORGANIZATION = frozenset({"company", "firm", "organisation", "organization", "airline", "carrier", "paper"})
"""Nouns that can describe an organization of any name (the last one named, when none has a head of the kind)."""

SUBJECT = ("nsubj", "nsubjpass")


def described(noun: str, organizations: list[tuple[Span, Entity]]) -> Entity | None:
    """The organization `the <noun>` refers to, from those named before it (latest last)."""
    noun = noun.lower()
    for _, entity in reversed(organizations):
        last = entity.name.split()[-1]
        if last.lower() == noun or last in KIND_HEADS.get(noun, ()):
            return entity
    if noun in ANY_ORGANIZATION and organizations:
        return organizations[-1][1]
    return None


def subject_among(parse: Parse, people: list[tuple[Span, Entity]]) -> Entity | None:
    """The one of these mentions (of one sentence) that is its grammatical subject, if any."""
    for span, entity in people:
        token = parse.token_at(span.end - 1)
        if token is not None and token.dep in SUBJECT:
            return entity
    return None


AGE_DESCRIPTION = re.compile(r"(\d{1,3})-year-old")
GENERIC_MODIFIERS = frozenset({"federal", "state", "national", "acting", "new", "former", "then", "current"})
"""Words a later description may add or leave out without naming another office (`the federal minister`)."""


def _compatible(description: list[str], title: list[str]) -> bool:
    """Whether a description (`prime minister`) can refer to the holder of a title (`prime minister`):
    the same head noun, and the modifiers of one contained in those of the other."""
    if not title or title[-1] != description[-1]:
        return False
    wanted = set(description[:-1]) - GENERIC_MODIFIERS
    held = set(title[:-1]) - GENERIC_MODIFIERS
    return wanted <= held or held <= wanted


def _ages(body: str, actors: Actors, position: int) -> dict[int, str]:
    """The age each person named before `position` was introduced with (`Jo Bell, 34,`, `34-year-old Jo Bell`)."""
    ages: dict[int, str] = {}
    for span, entity in actors.people_before(position):
        after = re.match(r", (\d{1,3}),", body[span.end : span.end + 6])
        before = re.search(r"\b(\d{1,3})-year-old (?:[a-z]+ ){0,3}$", body[max(0, span.start - 40) : span.start])
        found = after or before
        if found:
            ages[id(entity)] = found.group(1)
    return ages


def person_described(description: str, body: str, actors: Actors, position: int) -> Entity | None:
    """The person a description without a name refers to (see the module doc), or None."""
    words = [w.lower() for w in description.split()]
    if not words:
        return None
    holders: dict[int, Entity] = {}
    age = AGE_DESCRIPTION.fullmatch(words[-1])
    if age:
        ages = _ages(body, actors, position)
        holders = {id(e): e for _, e in actors.people_before(position) if ages.get(id(e)) == age.group(1)}
    else:
        for role_span, entity in actors.role_spans.values():
            title = re.sub(r"^(?:an?|the|one) ", "", role_span.exact.lower())
            head_part = re.split(r" (?:of|for|at|with|in|from|to|on)\b", title)[0].split()
            if entity.type == "person" and role_span.end <= position and _compatible(words, head_part):
                holders[id(entity)] = entity
    latest = [entity for _, entity in actors.people_before(position) if id(entity) in holders]
    return latest[-1] if latest else None


def describes_a_person(words: list[str]) -> bool:
    """Whether capitalized words after `the` are a description of a person (`the Opposition Leader`)."""
    last = words[-1].lower()
    return last in ROLE_NOUNS or last in TITLES
