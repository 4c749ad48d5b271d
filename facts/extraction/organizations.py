"""Organizations: by their head word, by apposition, by context, by the model; their short forms,
acronyms and initialisms, merged into one organization per article.
"""

import re

from facts.extraction import recognized
from facts.extraction.actor_state import (
    ACRONYM_AFTER,
    EMBASSY,
    NAME_RUN,
    ORG_CONTINUATION,
    ORG_CONTINUATION_FIRST,
    POSSESSIVE,
    Entity,
    Name,
    _possessive,
    demonym_key,
)
from facts.extraction.candidates import Span
from facts.extraction.lexicon import (
    ORG_ACRONYMS,
    ORG_HEADS,
    ORG_NOUNS,
    is_role_noun,
)
from facts.extraction.places import COUNTRIES, DEMONYMS
from facts.extraction.roles import RoleRules


class OrganizationRules(RoleRules):
    """The organizations of an article (see the module doc and facts.extraction.actors)."""

    def _embassies(self, taken: list[tuple[int, int]]) -> None:
        """“the U.S. embassy in Beijing”: a country's mission, an organization though lowercase."""
        if not re.search(r"\b(?:embassy|consulate|mission)\b", self.body):
            return
        for match in EMBASSY.finditer(self.body):
            start, end = match.span(1)
            first_word = match.group(1).split()[0]
            if POSSESSIVE.sub("", first_word) not in COUNTRIES and first_word not in DEMONYMS:
                continue
            self._mention_org(start, end, rule="embassy", confidence=0.8)
            taken.append((start, end))

    def _organization_appositions(self, names: list[Name], taken: list[tuple[int, int]]) -> None:
        """“A refugee aid group in Seoul, Good Friends, says”: the name is an organization's."""
        by_start = {name.start: name for name in names}
        pattern = re.compile(
            r"(?:^|(?<=[\s\"“(]))((?:A|An|The|a|an|the) (?:[\w'’-]+ ){0,4}?(" + "|".join(sorted(ORG_NOUNS)) + r")"
            r"(?: (?:in|of|from|based in) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)?), (?=[A-Z])"
        )
        for match in pattern.finditer(self.body):
            name = by_start.get(match.end())
            if name is None or self.body[name.end : name.end + 1] not in (",", ""):
                continue
            if self._is_place(name.text):
                continue
            entity = self._mention_org(name.start, name.end, rule="apposition to an organization noun", confidence=0.7)
            entity.head_noun = match.group(2)
            role_start, role_end = match.span(1)
            role = Span.of(self.body, role_start, role_end)
            title = re.sub(r"^(?:A|An|The|a|an|the) ", "", role.exact)
            title = re.sub(r" (?:in|of|from|based in) .*$", "", title)
            self._add_role(role, entity, title.lower(), None, "organization described before its name", 0.7)
            taken.append((name.start, name.end))

    def _organization_end(self, name: Name) -> int | None:
        """Where the organization this run begins ends, or None when it names none."""
        words = [POSSESSIVE.sub("", w) for _, _, w in name.words]
        if len(words) == 1 and words[0] in ORG_ACRONYMS:
            # “the UN refugee agency UNHCR”: the acronym describes the organization named next.
            descriptor = re.match(
                r"(?: [a-z]+){0,3} (?:" + "|".join(sorted(ORG_NOUNS)) + r") [A-Z]", self.body[name.end :]
            )
            return None if descriptor else name.end
        end = name.end
        extended = False
        while True:
            # “and” continues a name only after “of”/“for” (“Ministry of Trade and Industry”),
            # not between two names (“the World Trade Centre and the Pentagon”).
            match = (ORG_CONTINUATION if extended else ORG_CONTINUATION_FIRST).match(self.body, end)
            if not match:
                match = re.compile(r" and (?=[A-Z])").match(self.body, end)
            if not match:
                break
            following = NAME_RUN.match(self.body, match.end())
            if not following:
                break
            if (
                not extended
                and match.group().startswith(" and")
                and (following.group().split()[-1] not in ORG_HEADS or POSSESSIVE.sub("", words[-1]) in ORG_HEADS)
            ):
                break  # “Australian Federal Police and ASIO”: two names, not one
            end = following.end()
            words.extend(following.group().split())
            extended = True
        last = POSSESSIVE.sub("", words[-1])
        if last in ORG_HEADS or (extended and any(w in ORG_HEADS for w in words)):
            return end
        # “Ministry of Foreign Affairs”: the head word first, then what it is of.
        return None

    def _organization_context(self, name: Name) -> bool:
        """“analysts at Brookfield Securities”, “directors of Northgate Housing”, “Shares of
        Halvorsen Robotics”: a name that people work at, or whose shares trade, is an organization's."""
        before = re.search(r"(\w+) (?:at|of|for|with) (?:the )?$", self.body[max(0, name.start - 40) : name.start])
        if before is None:
            return False
        noun = before.group(1).lower()
        singular = noun[:-1] if noun.endswith("s") else noun
        return noun in ("shares", "stock", "stake") or is_role_noun(noun) or is_role_noun(singular)

    def _mention_org(self, start: int, end: int, *, rule: str, confidence: float) -> Entity:
        if POSSESSIVE.search(self.body[start:end]) and end - start > 3:
            end -= 2  # “the Transport Safety Bureau's report”: the name without its possessive
        text = self.body[start:end]
        key = demonym_key(text)
        entity = next((e for e in self.entities if e.type == "organization" and e.key == key), None)
        if entity is None:
            entity = self._org_by_suffix(key)
        if entity is None:
            entity = Entity("organization", text, Span(start, end, text), rule=rule, confidence=confidence, key=key)
            self.entities.append(entity)
        elif _possessive(entity.name) and not _possessive(text) and len(text.split()) >= len(entity.name.split()):
            # Prefer a form without a possessive as the name: “Chinese Foreign Ministry”.
            entity.forms.append(entity.name)
            entity.name = text
            entity.first = Span(start, end, text)
        entity.add_form(text)
        self.mentions.append((Span(start, end, text), entity, rule, confidence))
        return entity

    def _org_by_suffix(self, key: str) -> Entity | None:
        """The one organization named earlier whose name ends with this shorter one (“Foreign
        Ministry” after “Chinese Foreign Ministry”). A longer name after a shorter one is
        another organization (“the House”, then “the White House”)."""
        found = [e for e in self.entities if e.type == "organization" and e.key.endswith(" " + key)]
        return found[0] if len(found) == 1 else None

    def _acronyms(self) -> None:
        """“Office of the … (UNHCR)”: the acronym is an alias, and names the organization later."""
        for span, entity, _, _ in list(self.mentions):
            if entity.type != "organization":
                continue
            match = ACRONYM_AFTER.match(self.body, span.end)
            if match:
                acronym = match.group(1)
                entity.add_form(acronym)
                self._merge_into(entity, acronym)
                for found in re.finditer(rf"(?<![\w.]){re.escape(acronym)}(?![\w])", self.body):
                    if not any(s.start == found.start() for s, _, _, _ in self.mentions):
                        self.mentions.append((Span.of(self.body, found.start(), found.end()), entity, "acronym", 0.75))

    def _short_forms(self) -> None:
        """“Labor” and “Labor Party”, “Transport Safety Bureau” and “Australian Transport Safety
        Bureau”: the shorter form (less a head word, or less a country word) is an alias of the fuller."""
        organizations = [e for e in self.entities if e.type == "organization"]
        for short in organizations:
            for full in organizations:
                if full is short or short not in self.entities or full not in self.entities:
                    continue
                extra = full.name.split()
                if full.name.endswith(" " + short.name) and len(extra) == len(short.name.split()) + 1:
                    fits = extra[0] in DEMONYMS or extra[0] in COUNTRIES or extra[0] in ("National", "Federal")
                elif full.name.startswith(short.name + " ") and len(extra) == len(short.name.split()) + 1:
                    fits = extra[-1] in ORG_HEADS
                else:
                    fits = False
                if fits:
                    full.add_form(short.name)
                    for form in short.forms:
                        full.add_form(form)
                    self._merge_into(full, short.name)

    def _initialisms(self) -> None:
        """“the CBO” after “the Congressional Budget Office”: an acronym of a name is its alias."""
        for entity in list(self.entities):
            if entity.type == "organization" and re.fullmatch(r"[A-Z]{2,6}", entity.name):
                named = [e for e in self.entities if e is not entity and e.type == "organization"]
                found = [e for e in named if recognized.initials(e.name) == entity.name]
                if len(found) == 1 and entity in self.entities:
                    found[0].add_form(entity.name)
                    self._merge_into(found[0], entity.name)

    def _merge_into(self, entity: Entity, name: str) -> None:
        """Another organization found under this name (the model's “CASA”) is this one."""
        for other in [e for e in self.entities if e is not entity and e.type == "organization" and e.name == name]:
            self.entities.remove(other)
            self.mentions = [(sp, entity if en is other else en, r, c) for sp, en, r, c in self.mentions]

    def _organization_by_model(self, name: Name, start: int, end: int) -> bool:
        """Whether a run the model reads as an organization names one: not a description (“the
        Federal Government”, “Thai TV networks”) and not a place (“in Samut Sakhon”)."""
        text = self.body[start:end]
        if recognized.is_description(text) or self._is_place(text) or recognized.after_place_word(self.body, start):
            return False
        if recognized.names_a_thing(text) or recognized.read_elsewhere_as_a_thing(self.document.parse, text):
            return False  # “the Mir space station”, “the Davis Cup”: a facility, an event, a product
        first = text.split()[0]
        return not (first in DEMONYMS and re.match(r" [a-z]", self.body[name.end : name.end + 2]))

    def _single_organization(self, name: Name, word: str, label: str) -> bool:
        """“Ansett”, “Hamas”, “the Pentagon”: one word the model reads as an organization's name."""
        if word in recognized.INSTITUTIONS or recognized.has_an_organization_s_belongings(
            self.body, name.start + len(word)
        ):
            return True
        if label != recognized.ORGANIZATION or self.document.is_common_word(word) or self._is_place(word):
            return False
        if word in DEMONYMS or word in recognized.PEOPLES:
            return False
        if recognized.after_place_word(self.body, name.start) and not word.isupper():
            return (
                False  # “in Samut Sakhon”; an acronym the model reads as an organization is not a place (“from DFAT”)
            )
        if recognized.read_elsewhere_as_a_thing(self.document.parse, word):
            return False
        if self.body[name.start - 1 : name.start] == "(" and self.body[name.end : name.end + 1] == ")":
            return False  # “(CASA)”: the alias of the name before it
        return not recognized.is_description(word)
