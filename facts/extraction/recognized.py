"""What the statistical model says about a capitalized run: person, organization, or neither.

The rules find names by their lexical cues (a form of address, a title, an organization word,
an apposition); many names in real news have none (`Maria Okafor won the 200 metres`,
`Guides Tom Reyes and Ana Lind were acquitted`). The model's named entities (PERSON, ORG)
decide those, and veto a rule's weak guess where the model reads a place, a facility or a
nationality. Descriptions of governments and legislatures by their country (`the Federal
Government`, `Parliament`) are never organizations (fixtures/devset/README.md).
"""

import re

from facts.extraction.lexicon import _words
from facts.extraction.nlp import Entity, Parse

PERSON = "PERSON"
ORGANIZATION = "ORG"
NOT_ACTORS = frozenset({"GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})
"""Labels of names that are never people or organizations."""

GENERIC_BODIES = frozenset(["government", "parliament", "cabinet", "opposition", "administration", "commonwealth"])
"""Heads of a description (“the Federal Government”, “the Opposition”): not a name of its own
unless more than a country or an office word precedes them."""

DESCRIPTION_WORDS = frozenset(
    [
        "the",
        "federal",
        "national",
        "state",
        "australian",
        "american",
        "british",
        "us",
        "u.s.",
        "united",
        "states",
        "indian",
        "israeli",
        "palestinian",
        "afghan",
        "chinese",
        "japanese",
        "french",
        "german",
        "russian",
        "new",
        "zealand",
        "government's",
        "opposition",
        "interim",
    ]
)

FACILITY_WORDS = frozenset({"Detention", "Trade", "Shopping", "Convention", "Medical", "Community", "Sports"})
"""Words that make a “… Centre” a building rather than an organization."""

NOT_ORGANIZATION_HEADS = _words(
    """
    Station Theatre Theater Stadium Arena Oval Ground Airport Bridge Park Street Road Hotel Tower Towers
    Building Hall Mall Plaza Hospital Ward Prison Gaol Jail Camp Base Barracks Dam Mine Reef Island Islands
    River Lake Mountain Mountains Valley Beach Bay Harbour Harbor Coast Peninsula Range Desert Strait
    Cup Games Olympics Championship Championships Open Festival Awards Trophy Series Tour Test Classic Show
    Act Bill Treaty Accord Agreement Charter Protocol Code Plan Doctrine
    War Crisis Summit Conference Day Week Year
    Spacecraft Shuttle Satellite Rover Probe Module
    """
)
"""Head words that make a name the model reads as an organization a facility, a place, an event,
a law or a product (“the Mir space station”, “the Regent Theatre”, “the Davis Cup”, “the Patriot Act”)."""

INSTITUTIONS = frozenset({"Pentagon", "White House", "Kremlin", "Vatican", "Downing Street"})
"""Names of places that stand for the institution that works there, when they act or speak."""


def label_of(parse: Parse, start: int, end: int) -> str:
    """The label of the entity covering most of [start, end), or "" when the model names none."""
    best, best_shared = "", 0
    for entity in parse.entities_in(start, end):
        shared = min(end, entity.end) - max(start, entity.start)
        if shared > best_shared:
            best, best_shared = entity.label, shared
    return best if best_shared * 2 >= end - start else ""


def person_inside(parse: Parse, start: int, end: int) -> Entity | None:
    """A PERSON entity that starts after `start` and ends with the run: the words before it
    are a title or a rank (“Attorney-General Daryl Williams”, “Rear Admiral John Smith”)."""
    for entity in parse.entities_in(start, end):
        trimmed_end = entity.end - 2 if re.search(r"['’]s$", entity.text) else entity.end
        if entity.label == PERSON and entity.start > start and trimmed_end >= end - 2 and " " in entity.text:
            return entity
    return None


def is_description(text: str) -> bool:
    """“the Federal Government”, “Parliament”, “the Bush administration”: a description, not a name."""
    words = re.sub(r"['’]s$", "", text).split()
    if not words or words[-1].lower() not in GENERIC_BODIES:
        return False
    if words[-1] == "administration":
        return True  # “the Bush administration”
    return all(word.lower().rstrip(",") in DESCRIPTION_WORDS for word in words[:-1])


def entity_bounds(parse: Parse, start: int, end: int) -> tuple[int, int]:
    """The run cut to the model's organization inside it (“United Nations” of “United Nations
    Middle East envoy”), without a leading “the”."""
    for entity in parse.entities_in(start, end):
        if entity.label == ORGANIZATION:
            low, high = max(start, entity.start), min(end, entity.end)
            if high - low >= (end - start) // 2:
                return low, high
    return start, end


PEOPLES = frozenset({"Rohingya", "Aboriginal", "Aborigines", "Kurds", "Uighurs", "Uyghurs", "Tamils", "Pashtuns"})
"""Names of peoples the model can take for organizations."""

STREET_WORDS = frozenset({"Lane", "Street", "Road", "Avenue", "Drive", "Square", "Boulevard", "Highway"})


def is_street(text: str) -> bool:
    """“Mill Lane”: a street, which the model can take for a person."""
    return text.split()[-1] in STREET_WORDS


def initials(name: str) -> str:
    """“Congressional Budget Office” → CBO (the capitalized words' first letters)."""
    return "".join(word[0] for word in re.sub(r"^(?:the|The) ", "", name).split() if word[0].isupper())


PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|from|outside|above|below|beyond|across)"
    r"|\b(?:town|city|village|suburb|province|state|region) of) $"
)


def after_place_word(body: str, start: int) -> bool:
    """“in Samut Sakhon”, “the town of Ashbury”: a name the model calls an organization, in a place's slot."""
    return PLACE_BEFORE.search(body[max(0, start - 24) : start]) is not None


PORTFOLIO_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|minister|secretary|shadow|critic) (?:on|for) $", re.IGNORECASE
)


def is_portfolio(body: str, start: int) -> bool:
    """“spokesman on Home Affairs”, “Minister for Foreign Affairs”: the name of a portfolio."""
    return PORTFOLIO_BEFORE.search(body[max(0, start - 30) : start]) is not None


NUMBER_NAMES = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
)
"""Number words that can be part of a name (“Channel Nine”, “the Group of Seven”)."""

PORTFOLIOS = frozenset(
    {"Defence", "Defense", "Foreign", "Home", "Health", "Education", "Treasury", "Justice", "Interior"}
)


def names_organization_in(entity: Entity, start: int, end: int) -> bool:
    """Whether a model's entity inside a title names an organization (“Labor MP”, “Navy Captain”),
    not a portfolio (“Deputy Defence Secretary”)."""
    if entity.label != ORGANIZATION or entity.start < start or entity.end > end:
        return False
    return entity.text not in PORTFOLIOS and not is_description(entity.text)


def names_a_thing(text: str) -> bool:
    """Whether a name ends with the head word of a facility, a place, an event, a law or a product."""
    words = re.sub(r"['’]s$", "", text).split()
    return bool(words) and words[-1] in NOT_ORGANIZATION_HEADS


def conjoined_with_person(parse: Parse, body: str, start: int, end: int) -> bool:
    """“Makhaya Ntini and Nanti Hayward”: a name in a coordination with a person the model
    recognizes, read as a person (the small model often types one of two names ORG)."""
    if re.search(r" (?:and|&) ", body[start:end]):
        return False  # “Ernst and Young”: one name already joined
    after = re.match(r" (?:and|or) ", body[end : end + 5])
    if after and label_of(parse, end + after.end(), _run_end(body, end + after.end())) == PERSON:
        return True
    before = re.search(r" (?:and|or) $", body[max(0, start - 5) : start])
    if before:
        for entity in parse.entities_in(max(0, start - 60), start - len(before.group())):
            if entity.label == PERSON and entity.end == start - len(before.group()):
                return True
    return False


def _run_end(body: str, start: int) -> int:
    """The end of the capitalized words starting at `start`."""
    match = re.match(r"(?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*)*", body[start:])
    return start + (match.end() if match else 0)


def read_elsewhere_as_a_thing(parse: Parse, text: str) -> bool:
    """Whether the model labels the same words a place, a nationality, an event or a product more
    often than an organization across the article (it reads each occurrence on its own)."""
    labels = [entity.label for entity in parse.entities if entity.text == text]
    things = sum(label in NOT_ACTORS for label in labels)
    return things > labels.count(ORGANIZATION)


BELONGINGS = _words(
    """
    administrator administrators owner owners shareholders shares staff employees workforce board
    directors creditors headquarters fleet aircraft planes subsidiary subsidiaries profit profits
    chief executive chairman management stores branches
    """
)
"""What an organization has and a person does not (“Ansett's administrators”, “Qantas' fleet”)."""


def has_an_organization_s_belongings(body: str, end: int) -> bool:
    """Whether a name's possessive is followed by what only organizations have (“Ansett's new owners”)."""
    match = re.match(
        r"(?:['’]s|['’]) (?:(?:new|former|remaining|own|biggest|largest|top|annual) )?([a-z]+)", body[end:]
    )
    return match is not None and match.group(1) in BELONGINGS
