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
Ministry” are one organization, and an acronym in parentheses after a name is its alias.
"""

import re
from dataclasses import dataclass, field

from facts.extraction import recognized
from facts.extraction.candidates import ActorCandidate, MentionCandidate, RoleCandidate, Span, Speaker
from facts.extraction.lexicon import (
    COUNTRIES,
    DEMONYMS,
    DETERMINERS,
    HONORIFICS,
    ORG_ACRONYMS,
    ORG_HEADS,
    ORG_NOUNS,
    PLACE_DESCRIPTORS,
    PLACES,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STOP_WORDS,
    TITLE_MODIFIERS,
    TITLES,
    is_role_noun,
)
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
EMBASSY = re.compile(
    rf"(?<![\w-])(?:the |The )?((?:[{UPPER}][\w.]*(?:['’]s)? )+(?:embassy|consulate|mission)(?![\w-])(?: (?:in|to) "
    rf"[{UPPER}][{LOWER}]+(?: [{UPPER}][{LOWER}]+)?)?)"
)
ACRONYM_AFTER = re.compile(rf"(?:['’]s)? \(((?:[{UPPER}]\.?){{2,8}})\)")
ORG_CONTINUATION = re.compile(rf" (?:of|for|on|and) (?:the )?(?={CAP_WORD})")
ORG_CONTINUATION_FIRST = re.compile(rf" (?:of|for|on) (?:the )?(?={CAP_WORD})")
POSSESSIVE = re.compile(r"['’]s$")
WEAK_EVIDENCE = frozenset({"speaker of a reporting verb"})
"""Evidence for a person that the model's reading of the name can override (“told Channel Nine”)."""


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


def find_actors(document: Document) -> Actors:
    return _ActorFinder(document).run()


def _words(body: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in WORD.finditer(body[start:end])]


def demonym_key(text: str) -> str:
    """A comparable form of an organization name: no leading article, “China's X” as “Chinese X”."""
    text = re.sub(r"^(?:the|The) ", "", text)
    match = re.match(r"^([\w.]+)['’]s (.+)$", text)
    if match and match.group(1) in COUNTRIES:
        return f"{COUNTRIES[match.group(1)]} {match.group(2)}"
    return text


class _ActorFinder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.body = document.body
        self.entities: list[Entity] = []
        self.mentions: list[tuple[Span, Entity, str, float]] = []
        self.roles: list[RoleCandidate] = []
        self.role_spans: dict[int, tuple[Span, Entity]] = {}
        self.honorific_surnames: dict[str, str] = {}

    # The passes -------------------------------------------------------------------------

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
        return names

    def _ordinary(self, word: str) -> bool:
        if word in HONORIFICS or word in COUNTRIES or word in PLACES or word in DEMONYMS:
            return False
        if word.lower() in TITLES or word.lower() in TITLE_MODIFIERS:
            return False  # “Police Chief Angela Ruiz”, “Foreign Minister …” at the start of a sentence
        if word.endswith("s") and word[:-1].lower() in ROLE_NOUNS:
            return True  # “Guides Tom Reyes and Ana Lind”: a plural role noun, not part of a name
        return self.document.is_common_word(POSSESSIVE.sub("", word))

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
        if len(words) == 1:
            self._single_word(name, label)
            return
        if any(w.lower() in STOP_WORDS for w in words):
            return
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
            self._add_role(role, entity, role.exact.lower(), None, "title before a name", 0.7)
        return True

    def _person_or_organization(self, name: Name, label: str) -> None:
        """A run of two to four words: what the words around it say, else what the model reads."""
        if recognized.is_portfolio(self.body, name.start):
            return  # “Labor's spokesman on Home Affairs”: a portfolio, not a person
        evidence = self._person_evidence(name)
        told = re.search(r"\b(?:told|tells|telling|asked) $", self.body[max(0, name.start - 10) : name.start])
        if evidence in WEAK_EVIDENCE and told and label in (recognized.ORGANIZATION, *recognized.NOT_ACTORS):
            evidence = ""  # “told Channel Nine”: who is told may be a broadcaster; the model reads it
        if (label in recognized.NOT_ACTORS and not evidence) or recognized.is_description(name.text):
            return
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

    # Organizations ----------------------------------------------------------------------

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

    # People -----------------------------------------------------------------------------

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

    def _is_place(self, text: str) -> bool:
        text = POSSESSIVE.sub("", text)
        if text in PLACES:
            return True
        words = text.split()
        return all(w in PLACES or w in PLACE_DESCRIPTORS or w in DEMONYMS or w in COUNTRIES for w in words)

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

    def _organization_by_model(self, name: Name, start: int, end: int) -> bool:
        """Whether a run the model reads as an organization names one: not a description (“the
        Federal Government”, “Thai TV networks”) and not a place (“in Samut Sakhon”)."""
        text = self.body[start:end]
        if recognized.is_description(text) or self._is_place(text) or recognized.after_place_word(self.body, start):
            return False
        first = text.split()[0]
        return not (first in DEMONYMS and re.match(r" [a-z]", self.body[name.end : name.end + 2]))

    def _single_organization(self, name: Name, word: str, label: str) -> bool:
        """“Ansett”, “Hamas”, “the Pentagon”: one word the model reads as an organization's name."""
        if word in recognized.INSTITUTIONS:
            return True
        if label != recognized.ORGANIZATION or self.document.is_common_word(word) or self._is_place(word):
            return False
        if word in DEMONYMS or word in recognized.PEOPLES or recognized.after_place_word(self.body, name.start):
            return False
        if self.body[name.start - 1 : name.start] == "(" and self.body[name.end : name.end + 1] == ")":
            return False  # “(CASA)”: the alias of the name before it
        return not recognized.is_description(word)

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

    # Roles ------------------------------------------------------------------------------

    def _roles(self) -> None:
        """Roles in apposition, before a name, and stated in a sentence (see the module doc)."""
        seen_people: set[int] = set()
        for span, entity, _, _ in list(self.mentions):
            if entity.type == "person":
                role = self._role_after(span.end)
                if role is not None and not self._role_is_org_description(role):
                    self._add_role(
                        role, entity, *self._title_and_affiliation(role, span.end), "role in apposition", 0.75
                    )
                else:
                    copular = self._copular_role(span.end)
                    if copular is not None:
                        self._add_role(
                            copular, entity, *self._title_and_affiliation(copular, span.end), "role stated", 0.7
                        )
                before = self._role_before(span.start)
                if before is not None:
                    self._add_role(before, entity, *self._title_and_affiliation(before, span.end), "role before", 0.7)
                apposed = self._role_apposed_before(span.start)
                if apposed is not None:
                    title, _ = self._title_and_affiliation(apposed, span.end)
                    self._add_role(apposed, entity, title, None, "role in apposition before the name", 0.65)
                seen_people.add(id(entity))
            elif entity.type == "organization":
                role = self._role_after(span.end)
                if role is not None and self._role_is_org_description(role):
                    title = re.sub(r"^(?:a|an|the) ", "", role.exact)
                    title = re.sub(r" (?:in|of|from|based in) .*$", "", title)
                    entity.head_noun = entity.head_noun or title.split()[-1]
                    self._add_role(role, entity, title, None, "organization described after its name", 0.65)

    def _role_after(self, end: int) -> Span | None:
        """“, executive director of the Mansfield Center … in Washington,”: the words after the comma."""
        body = self.body
        if body[end : end + 2] != ", ":
            return None
        start = end + 2
        match = re.match(r"[^,;:.!?\"“”()]{2,160}", body[start:])
        if not match:
            return None
        text = match.group()
        # Stop before a relative clause or a reporting verb.
        cut = re.search(r" (?:who|which|that|whose|where|when|says|said|added|told|and)\b", text)
        if cut:
            text = text[: cut.start()]
        # Abbreviations such as “U.S.” continue the role past their period.
        while body[start + len(text) : start + len(text) + 1] == "." and re.search(
            r"(?:\b[A-Z]\.?[A-Z]?|\bNo|\bSt|\bInc|\bCorp)$", text
        ):
            more = re.match(r"\.[^,;:!?\"“”()]{0,120}", body[start + len(text) :])
            if not more:
                break
            text += more.group()
        text = text.rstrip(" .")
        words = text.split()
        if not words or len(words) > 16:
            return None
        first = words[0]
        if first.lower() in REPORTING_VERBS or first.lower() in STOP_WORDS - DETERMINERS:
            return None  # “David Price, said he …”: a verb, not a role
        if first[0].isdigit() or (first[0].isupper() and first not in DEMONYMS and first.lower() not in TITLES):
            return None
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on)\b", text)[0].split()
        if not head_part:
            return None
        head = head_part[-1].lower()
        if not is_role_noun(head, loose=True) and head not in ORG_NOUNS:
            return None
        return Span.of(body, start, start + len(text))

    def _role_is_org_description(self, role: Span) -> bool:
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on|based)\b", role.exact)[0].split()
        return bool(head_part) and head_part[-1].lower() in ORG_NOUNS and head_part[-1].lower() not in ROLE_NOUNS

    def _copular_role(self, end: int) -> Span | None:
        """“Cathleen Newland is a director of the Migration Policy Institute in Washington.”"""
        match = re.match(r" (?:is|was|has been|had been) ((?:a|an|the) [^,;:.!?\"“”()]{2,160})", self.body[end:])
        if not match:
            return None
        text = match.group(1)
        cut = re.search(r" (?:who|which|that|whose|where|when|and)\b", text)
        if cut:
            text = text[: cut.start()]
        start = end + match.start(1)
        while self.body[start + len(text) : start + len(text) + 1] == "." and re.search(r"\b[A-Z]\.?[A-Z]?$", text):
            more = re.match(r"\.[^,;:!?\"“”()]{0,120}", self.body[start + len(text) :])
            if not more:
                break
            text += more.group()
        text = text.rstrip(" .")
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on)\b", text)[0].split()
        if len(head_part) < 2 or not is_role_noun(head_part[-1], loose=True):
            return None
        return Span.of(self.body, start, start + len(text))

    def _role_before(self, start: int) -> Span | None:
        """“German doctor Norbert Vollertsen”: role words right before the name."""
        words = re.search(r"((?:[\w'’-]+ ){1,4})$", self.body[max(0, start - 60) : start])
        if not words:
            return None
        tokens = words.group(1).split()
        if not is_role_noun(tokens[-1]) or tokens[-1][0].isupper():
            return None
        kept: list[str] = []
        for token in reversed(tokens):
            lower = token.lower()
            if lower in STOP_WORDS or (token[0].isupper() and token not in DEMONYMS and lower not in TITLE_MODIFIERS):
                break
            kept.insert(0, token)
        if not kept:
            return None
        text = " ".join(kept)
        role_start = start - len(text) - 1
        if self.body[role_start : start - 1] != text:
            return None
        return Span.of(self.body, role_start, start - 1)

    def _role_apposed_before(self, start: int) -> Span | None:
        """A role, a comma, then the person: “One outspoken activist, German doctor Norbert
        Vollertsen, says”; “A spokeswoman for the authority, Jennifer Lee, says”; “The
        council’s leader, Councillor David Price, said”."""
        sentence_start, _ = self.document.sentence_at(start)
        prefix = self.body[sentence_start:start]
        matches = list(
            re.finditer(
                r"(?:^|(?<=[\s,]))((?:One|A|An|The|one|a|an|the) (?:[\w'’-]+ ){0,3}?([\w-]+)"
                r"(?: (?:for|of|at|with|in) [^,;:]{1,60})?), ",
                prefix,
            )
        )
        match = matches[-1] if matches else None
        if match is None or not is_role_noun(match.group(2)):
            return None
        rest = prefix[match.end() :]
        # Only role words (or nothing) may stand between the comma and the name.
        if rest and not all(w in DEMONYMS or is_role_noun(w) or w.lower() in TITLE_MODIFIERS for w in rest.split()):
            return None
        return Span.of(self.body, sentence_start + match.start(1), sentence_start + match.end(1))

    def _title_and_affiliation(self, role: Span, position: int) -> tuple[str, str | None]:
        """A short title (“executive director”) and the organization it is held at, if named."""
        text = re.sub(r"^(?:One|A|An|The|one|a|an|the) ", "", role.exact)
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on)\b", text)[0].split()
        title_words: list[str] = []
        for word in reversed(head_part):
            lower = word.lower()
            if not title_words or lower in TITLE_MODIFIERS or (lower in ROLE_NOUNS and lower in TITLES):
                title_words.insert(0, lower)
            else:
                break
        affiliation = None
        for span, entity, _, _ in self.mentions:
            if entity.type == "organization" and role.start <= span.start and span.end <= role.end:
                affiliation = entity.name
                # “Navy spokeswoman”: the organization is the affiliation, not part of the title.
                named = {w.lower() for w in span.exact.split()}
                title_words = [w for w in title_words if w not in named] or title_words
                break
        title = " ".join(title_words) or text.lower()
        if affiliation is None:
            generic = re.search(r"\b(?:of|for|at|with) the (" + "|".join(sorted(ORG_NOUNS)) + r")\b", role.exact)
            if generic:
                affiliation = self._organization_described_as(generic.group(1), role.start)
        return title, affiliation

    def _organization_described_as(self, noun: str, before: int) -> str | None:
        """“for the group”: the organization last described with that noun before this point."""
        candidates = [
            entity
            for span, entity, _, _ in self.mentions
            if entity.type == "organization" and span.end <= before and entity.head_noun == noun
        ]
        return candidates[-1].name if candidates else None

    def _add_role(
        self, span: Span, holder: Entity, title: str, affiliation: str | None, rule: str, confidence: float
    ) -> None:
        if any(r.span.start == span.start and r.span.end == span.end for r in self.roles):
            return
        self.roles.append(
            RoleCandidate(
                span=span,
                holder=Speaker(holder.type, holder.name),
                title=title,
                affiliation=affiliation,
                confidence=confidence,
                rule=rule,
            )
        )
        self.role_spans[span.end] = (span, holder)


def _possessive(text: str) -> bool:
    return "'" in text or "’" in text


def finalize_roles(actors: Actors) -> list[RoleCandidate]:
    """Roles with their holders' final names (a person's name can grow as the article goes on)."""
    by_old_name: dict[tuple[str, str], str] = {}
    for entity in actors.entities:
        for form in [entity.name, *entity.forms]:
            by_old_name[(entity.type, form)] = entity.name
    final = []
    for role in actors.roles:
        holder_name = by_old_name.get((role.holder.type, role.holder.name), role.holder.name)
        affiliation = role.affiliation
        if affiliation is not None:
            affiliation = by_old_name.get(("organization", affiliation), affiliation)
        final.append(
            RoleCandidate(
                span=role.span,
                holder=Speaker(role.holder.type, holder_name),
                title=role.title,
                affiliation=affiliation,
                confidence=role.confidence,
                rule=role.rule,
            )
        )
    return final
