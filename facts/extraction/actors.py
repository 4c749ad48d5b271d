"""People and organizations: names, the short forms that refer back to them, and stated roles.

A name is a run of capitalized words. What it names is decided by the words in and around
it, never by a list of names:

- a form of address (“Mr. Flake”, “Dr. Vollertsen”) makes it a person;
- a final organization word (“… Institute”, “… Ministry”, “… Center for Pacific Affairs”),
  an organization acronym (UNHCR), an embassy (“the U.S. embassy in Beijing”) or an
  apposition with an organization noun (“A refugee aid group in Seoul, Good Friends,”)
  makes it an organization;
- a place name never becomes a person;
- a run of two to four words is a person when something says so: a role in apposition
  (“Gordon Flake, executive director of …”; “Chun Ki-won, a South Korean missionary”),
  a role or title before it (“German doctor Norbert Vollertsen”, “President …”), a
  sentence stating the role (“Cathleen Newland is a director of …”), a reporting verb
  (“said Erica Kang”, “Gordon Flake … says”, “according to …”), an age (“John Smith,
  45,”), or a form of address with the same surname elsewhere in the article.

Short forms are resolved within the article: “Mr. Flake”, “Dr. Vollertsen” and a bare
“Flake” go to the person introduced with that surname (for a name whose given name is
hyphenated, “Chun Ki-won”, the family name comes first); “Foreign Ministry” goes to the
one organization whose name ends with it, “China's Foreign Ministry” and “Chinese Foreign
Ministry” are one organization, and an acronym in parentheses after a name is its alias."""

import re

from facts.extraction import coreference, recognized
from facts.extraction.actor_state import (
    NAME_RUN,
    POSSESSIVE,
    WEAK_EVIDENCE,
    Actors,
    Entity,
    Name,
    _words,
    demonym_key,
)
from facts.extraction.candidates import Span
from facts.extraction.lexicon import (
    HONORIFICS,
    ORG_HEADS,
    ORG_NOUNS,
    ROLE_NOUNS,
    STOP_WORDS,
    TITLE_MODIFIERS,
    TITLES,
)
from facts.extraction.people import PeopleRules
from facts.extraction.places import COUNTRIES, DEMONYMS, PLACES
from facts.extraction.roles import finalize_roles
from facts.extraction.text import Document

__all__ = ["Actors", "Entity", "Name", "demonym_key", "finalize_roles", "find_actors"]


def find_actors(document: Document) -> Actors:
    return _ActorFinder(document).run()


class _ActorFinder(PeopleRules):
    """Reads an article's capitalized runs in order and decides what each one names."""

    def run(self) -> Actors:
        names = self._names()
        for name in names:
            words = [w for _, _, w in name.words]
            if words[0] in HONORIFICS and len(words) > 1:
                self.honorific_surnames[POSSESSIVE.sub("", words[-1])] = HONORIFICS[words[0]]
        taken: list[tuple[int, int]] = []
        self._embassies(taken)
        self._organization_appositions(names, taken)
        for name in names:
            if any(s <= name.start < e for s, e in taken):
                continue
            self._classify(name)
        self._acronyms()
        self._initialisms()
        self._short_forms()
        self.mentions.sort(key=lambda item: (item[0].start, item[0].end))
        self._roles()
        return Actors(self.entities, self.mentions, self.roles, self.role_spans)

    def _names(self) -> list[Name]:
        """Capitalized runs, without the sentence-initial ordinary word some begin with."""
        names = []
        for match in NAME_RUN.finditer(self.body):
            words = _words(self.body, match.start(), match.end())
            # The, A, But…: capitalized because they begin a sentence (or always: “The”).
            while words and (
                words[0][2] in ("The", "A", "An")
                or (self.document.is_clause_start(words[0][0]) and self._ordinary(words[0][2]))
            ):
                words = words[1:]
            while words:
                # “Mr Gutnick's Melbourne First ticket”: the possessor's name ends at its possessive.
                cut = len(words)
                if words[0][2] in HONORIFICS:
                    cut = next((i + 1 for i, (_, _, w) in enumerate(words[:-1]) if POSSESSIVE.search(w)), cut)
                part, words = words[:cut], words[cut:]
                start, end = part[0][0], part[-1][1]
                names.append(Name(start, end, self.body[start:end], part))
        return self._joined_by_the_model(names)

    def _joined_by_the_model(self, names: list[Name]) -> list[Name]:
        """“Ernst and Young”, “Marks & Spencer”: two runs the model reads as one organization are one name."""
        joined: list[Name] = []
        for name in names:
            previous = joined[-1] if joined else None
            if previous is not None and self._one_organization(previous, name):
                words = previous.words + name.words
                joined[-1] = Name(previous.start, name.end, self.body[previous.start : name.end], words)
            else:
                joined.append(name)
        return joined

    def _one_organization(self, first: Name, second: Name) -> bool:
        """Two short runs joined by “and”/“&” that the model reads as one organization (“Ernst and Young”),
        not two full names (“the Australian Federal Police and ASIO”)."""
        if self.body[first.end : second.start] not in (" and ", " & "):
            return False
        if min(len(first.words), len(second.words)) > 1 or POSSESSIVE.sub("", first.words[-1][2]) in ORG_HEADS:
            return False
        return recognized.label_of(self.document.parse, first.start, second.end) == recognized.ORGANIZATION

    def _ordinary(self, word: str) -> bool:
        if word in HONORIFICS or word in COUNTRIES or word in PLACES or word in DEMONYMS:
            return False
        if word.lower() in TITLES or word.lower() in TITLE_MODIFIERS:
            return False  # “Police Chief Angela Ruiz”, “Foreign Minister …” at the start of a sentence
        if word.endswith("s") and word[:-1].lower() in ROLE_NOUNS:
            return True  # “Guides Tom Reyes and Ana Lind”: a plural role noun, not part of a name
        return self.document.is_common_word(POSSESSIVE.sub("", word))

    def _classify(self, name: Name) -> None:
        words = [w for _, _, w in name.words]
        if words[0] in HONORIFICS:
            if len(words) > 1:
                self._mention_person(name, honorific=words[0])
            return
        label = recognized.label_of(self.document.parse, name.start, name.end)
        if self._as_organization(name, label):
            return
        if self._titled_person(name, words):
            return
        if self._is_place(name.text) or len(words) > 4 or words[-1].lower() in TITLES:
            return  # a place, or a title alone (“High Commissioner”)
        if coreference.describes_a_person(words) and re.search(
            r"\b[Tt]he $", self.body[max(0, name.start - 4) : name.start]
        ):
            return  # “the Opposition Leader”: a description of a person, not a name
        if len(words) == 1:
            self._single_word(name, label)
            return
        stop_words = [w.lower() for w in words if w.lower() in STOP_WORDS]
        if stop_words and not (label == recognized.ORGANIZATION and set(stop_words) <= recognized.NUMBER_NAMES):
            return  # “Channel Nine” is a name; “But The” is not
        described = self._role_after(name.end)
        if described is not None and self._role_is_org_description(described):
            # “Good Friends, a refugee aid group in Seoul, says”: described as an organization.
            self._mention_org(name.start, name.end, rule="organization described after its name", confidence=0.7)
            return
        self._person_or_organization(name, label)

    def _as_organization(self, name: Name, label: str) -> bool:
        """An organization by its head word (unless the model reads a place or a facility there)."""
        organization_end = self._organization_end(name)
        if organization_end is None:
            return False
        text = self.body[name.start : organization_end]
        if recognized.is_description(text) or self._is_place(text):
            return True
        if POSSESSIVE.sub("", name.words[-1][2]) in ("Centre", "Center") and (
            label in ("FAC", "GPE", "LOC") or any(w in recognized.FACILITY_WORDS for _, _, w in name.words)
        ):
            return True  # “Woomera Detention Centre”: a facility
        self._mention_org(name.start, organization_end, rule="organization name", confidence=0.8)
        return True

    def _titled_person(self, name: Name, words: list[str]) -> bool:
        """“Police Chief Angela Ruiz”, “Attorney-General Daryl Williams”: a title, then a person."""
        title_words = self._leading_title(words)
        inside = recognized.person_inside(self.document.parse, name.start, name.end)
        if not title_words and inside is not None:
            title_words = next((i for i, (s, _, _) in enumerate(name.words) if s >= inside.start), 0)
        if not title_words or title_words >= len(words):
            return False
        rest = name.words[title_words:]
        if all(POSSESSIVE.sub("", w).lower() in TITLES for _, _, w in rest):
            return True  # “the Prime Minister's office”: a title alone
        person = Name(rest[0][0], rest[-1][1], self.body[rest[0][0] : rest[-1][1]], rest)
        if not self._is_place(person.text):
            entity = self._mention_person(person, rule="name after a title", confidence=0.8)
            role = Span.of(self.body, name.start, name.words[title_words - 1][1])
            for inside_title in self.document.parse.entities_in(role.start, role.end):
                # “Labor MP Lyn Breuer”, “Navy Captain John Smith”: the organization named in the title.
                if recognized.names_organization_in(inside_title, role.start, role.end):
                    self._mention_org(
                        inside_title.start, inside_title.end, rule="organization in a title", confidence=0.65
                    )
            self._add_role(role, entity, role.exact.lower(), None, "title before a name", 0.7)
        return True

    def _person_or_organization(self, name: Name, label: str) -> None:
        """A run of two to four words: what the words around it say, else what the model reads."""
        if recognized.is_portfolio(self.body, name.start):
            return  # “Labor's spokesman on Home Affairs”: a portfolio, not a person
        evidence = self._person_evidence(name)
        told = re.search(r"\b(?:told|tells|telling|asked) $", self.body[max(0, name.start - 10) : name.start])
        if evidence in WEAK_EVIDENCE and (label == recognized.ORGANIZATION or (told and label)):
            # A reporting verb says someone speaks, not who: organizations speak too (“Ernst and
            # Young, …, says”), and who is told may be a broadcaster (“told Channel Nine”).
            evidence = ""
        if (label in recognized.NOT_ACTORS and not evidence) or recognized.is_description(name.text):
            return
        if label == recognized.ORGANIZATION and evidence == "role before the name":
            previous = re.search(r"(\w+) $", self.body[max(0, name.start - 30) : name.start])
            if previous and previous.group(1).lower() in ORG_NOUNS:
                evidence = ""  # “accountancy firm Ernst and Young”: an organization noun, not a role
        if (
            label == recognized.ORGANIZATION
            and not evidence
            and len(name.words) > 1
            and recognized.conjoined_with_person(self.document.parse, self.body, name.start, name.end)
        ):
            evidence = "name coordinated with a person"
        if label == recognized.ORGANIZATION and not evidence:
            start, end = recognized.entity_bounds(self.document.parse, name.start, name.end)
            if self._organization_by_model(name, start, end):
                self._mention_org(start, end, rule="organization named (model)", confidence=0.7)
        elif evidence:
            self._mention_person(name, rule=evidence, confidence=0.85)
        elif self._organization_context(name):
            self._mention_org(name.start, name.end, rule="organization of a role or shares", confidence=0.6)
        elif (
            label == recognized.PERSON
            and not recognized.is_street(name.text)
            and not recognized.after_place_word(self.body, name.start)
            and not re.search(r"\b[Tt]he $", self.body[max(0, name.start - 4) : name.start])
        ):
            self._mention_person(name, rule="person named (model)", confidence=0.75)
