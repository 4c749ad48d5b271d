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
"""

from facts.extraction.actors import Entity
from facts.extraction.candidates import Span
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
