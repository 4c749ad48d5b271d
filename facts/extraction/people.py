"""People: a form of address, a title, evidence around a run of capitalized words, short
references (surnames, given names) resolved to the person introduced earlier.
"""

import re

from facts.extraction.actor_state import (
    POSSESSIVE,
    Entity,
    Name,
)
from facts.extraction.candidates import Span
from facts.extraction.lexicon import (
    HONORIFICS,
    ORG_ACRONYMS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_MODIFIERS,
    TITLES,
    is_role_noun,
)
from facts.extraction.organizations import OrganizationRules
from facts.extraction.places import COUNTRIES, DEMONYMS

GIVEN_NAME_HONORIFICS = frozenset({"Sir", "Dame"})
"""Forms of address used with the given name (“Sir Edmund” for Sir Edmund Hillary)."""


class PeopleRules(OrganizationRules):
    """The people of an article (see the module doc and facts.extraction.actors)."""

    def _leading_title(self, words: list[str]) -> int:
        """How many leading words are a title (“Foreign Minister”, “President”), leaving a name."""
        count = 0
        titled = False
        for index, word in enumerate(words[:-1]):
            lower = word.lower()
            if lower in TITLES:
                count, titled = index + 1, True
            elif titled and lower in ROLE_NOUNS:
                count = index + 1  # “Chief Executive”, “Managing Director”
            elif not (lower in TITLE_MODIFIERS or word in DEMONYMS or POSSESSIVE.sub("", word) in COUNTRIES):
                break
        if count and (words[count - 1].lower() in TITLES or words[count - 1].lower() in ROLE_NOUNS):
            return count
        return 0

    def _person_evidence(self, name: Name) -> str:
        """Why a run of capitalized words names a person, or "" when nothing says so."""
        body = self.body
        after = body[name.end : name.end + 120]
        before = body[max(0, name.start - 60) : name.start]
        surname = POSSESSIVE.sub("", name.words[-1][2])
        if surname in self.honorific_surnames or name.words[0][2] in self.honorific_surnames:
            return "full name of a person addressed as Mr./Ms./Dr."
        if re.match(r", \d{1,3},", after):
            return "name with an age"
        if re.match(r",? (?:a|an|the|who is|who was) ", after) and self._role_after(name.end) is not None:
            return "role in apposition"
        role_match = re.match(r", ([a-z][\w-]*(?: [a-z][\w-]*){0,3})(?: (?:of|for|at|with|in)\b|,)", after)
        if role_match and is_role_noun(role_match.group(1).split()[-1]):
            return "role in apposition"
        if re.match(r" (?:is|was|has been|had been) (?:a|an|the) ", after) and self._copular_role(name.end):
            return "role stated in a sentence"
        previous = re.search(r"([A-Za-z-]+) $", before)
        if previous and previous.group(1).lower() in ROLE_NOUNS:
            return "role before the name"
        if re.match(r",", after) and self._role_apposed_before(name.start) is not None:
            return "role in apposition before the name"
        placed = re.search(r"\b(?:in|at|from|to|near|into|of|outside|inside|across|around|for)\s+$", before)
        for pattern in (r",? (?:also |later |then )?([a-z]+)\b", r",[^,.;:]{1,100}, (?:also |later |then )?([a-z]+)\b"):
            if placed:
                break  # “… in Samut Sakhon, said”: a place ends the clause before the verb
            verb_after = re.match(pattern, after)
            if verb_after and verb_after.group(1) in SPEECH_VERBS:
                return "speaker of a reporting verb"
        verb_before = re.search(r"\b([a-z]+) $", before)
        if verb_before and verb_before.group(1) in SPEECH_VERBS:
            return "speaker of a reporting verb"
        if re.search(r"\b(?:[Aa]ccording to|[Aa]sked|[Tt]old by) $", before):
            return "source of an attribution"
        return ""

    def _single_word(self, name: Name, label: str = "") -> None:
        """A single capitalized word: a surname of someone already introduced, or an acronym."""
        word = POSSESSIVE.sub("", name.text)
        if word in ORG_ACRONYMS:
            if self._organization_end(name) is not None:
                self._mention_org(name.start, name.start + len(word), rule="organization acronym", confidence=0.7)
            return
        if self.document.is_clause_start(name.start) and self.document.is_common_word(word):
            return
        # The surname (“Flake said”), else the other part of a two-part name (“Somchai said”:
        # Thai style; “Chun”: family name first), when only one person has it.
        people = [e for e in self.entities if e.type == "person" and " " in e.name]
        found = [e for e in people if e.surname == word]
        rule = "surname of a person named earlier"
        if not found:
            found = [e for e in people if word in e.name.split()]
            rule = "part of the name of a person named earlier"
        if len({id(e) for e in found}) == 1:
            entity = found[0]
            span = Span.of(self.body, name.start, name.start + len(word))
            entity.add_form(word)
            self.mentions.append((span, entity, rule, 0.75 if rule.startswith("surname") else 0.6))
        elif not found and self._single_organization(name, word, label):
            self._mention_org(name.start, name.start + len(word), rule="organization named (model)", confidence=0.65)

    def _mention_person(
        self, name: Name, *, honorific: str = "", rule: str = "form of address", confidence: float = 0.9
    ) -> Entity:
        words = name.words
        end = words[-1][1]
        if POSSESSIVE.search(words[-1][2]):
            end -= 2
        span = Span.of(self.body, name.start, end)
        name_words = [w for _, _, w in words[1:]] if honorific else [w for _, _, w in words]
        name_words[-1] = POSSESSIVE.sub("", name_words[-1])
        full = " ".join(name_words)
        family_first = len(name_words) >= 2 and "-" in name_words[-1] and name_words[-1][0].isupper()
        surname = name_words[0] if family_first else name_words[-1]
        entity = None
        if honorific or len(name_words) == 1:
            entity = self._person_by_surname(surname, HONORIFICS.get(honorific, ""), span.start)
        if entity is None and honorific in GIVEN_NAME_HONORIFICS and len(name_words) == 1:
            entity = next((e for e in self.entities if e.type == "person" and e.name.split()[0] == surname), None)
        if entity is None:
            entity = next((e for e in self.entities if e.type == "person" and e.name == full), None)
        if entity is None and not honorific:
            # A full name whose surname was first met with a form of address (“Mr. Flake … Gordon Flake”).
            entity = next(
                (e for e in self.entities if e.type == "person" and e.surname == surname and " " not in e.name),
                None,
            )
            if entity is not None:
                entity.forms.append(entity.name)
                entity.name = full
                entity.first = span
        if entity is None:
            display = full if len(name_words) > 1 else span.exact
            entity = Entity(
                "person",
                display,
                span,
                rule=rule,
                confidence=confidence,
                surname=surname,
                family_first=family_first,
            )
            self.entities.append(entity)
        if honorific and HONORIFICS.get(honorific):
            entity.gender = HONORIFICS[honorific]
        entity.add_form(span.exact)
        self.mentions.append((span, entity, rule, confidence))
        return entity

    def _person_by_surname(self, surname: str, gender: str, position: int) -> Entity | None:
        found = [
            e
            for e in self.entities
            if e.type == "person" and e.surname == surname and (not gender or e.gender in ("", gender))
        ]
        if not found:
            return None
        return found[-1]
