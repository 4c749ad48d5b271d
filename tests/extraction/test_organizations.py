"""What the model types ORG but is not an organization, and names it types ORG that are people (hybrid-3).

Made-up sentences; where the small model's reading of a sentence is not certain, the rule is
exercised on a hand-made parse (facts.extraction.nlp.Parse is plain data).
"""

import pytest

from facts.extraction import extract, recognized
from facts.extraction.nlp import Entity, Parse
from tests.extraction.helpers import organizations


@pytest.mark.parametrize(
    "text",
    [
        "Crowds filled the Regent Theatre for the opening night.",
        "The Hilton Hotel was evacuated after a bomb threat on Tuesday.",
    ],
)
def test_a_building_the_model_types_as_an_organization_is_not_one(text):
    assert organizations(extract(text)) == set()


@pytest.mark.parametrize(
    ("name", "thing"),
    [
        ("Regent Theatre", True),
        ("Davis Cup", True),
        ("Patriot Act", True),
        ("Mir Space Station", True),
        ("Qantas", False),
        ("Civil Aviation Safety Authority", False),
    ],
)
def test_the_head_word_tells_a_facility_an_event_a_law_or_a_product_from_an_organization(name, thing):
    assert recognized.names_a_thing(name) is thing


def test_a_name_coordinated_with_a_person_is_read_as_a_person():
    body = "Police arrested Tomas Varga and Lena Brook after the match."
    parse = Parse([], [Entity(16, 27, "Tomas Varga", "ORG"), Entity(32, 42, "Lena Brook", "PERSON")])

    assert recognized.conjoined_with_person(parse, body, 16, 27)
    assert not recognized.conjoined_with_person(parse, "Ernst and Young hired Lena Brook.", 0, 15)


def test_a_name_the_model_reads_as_a_place_more_often_than_as_an_organization_is_not_one():
    parse = Parse(
        [],
        [Entity(0, 6, "Kosovo", "ORG"), Entity(20, 26, "Kosovo", "GPE"), Entity(40, 46, "Kosovo", "GPE")],
    )

    assert recognized.read_elsewhere_as_a_thing(parse, "Kosovo")
    assert not recognized.read_elsewhere_as_a_thing(Parse([], [Entity(0, 6, "Qantas", "ORG")]), "Qantas")


def test_commonwealth_used_for_the_federal_government_is_a_description():
    assert recognized.is_description("Commonwealth")
    assert not recognized.is_description("Commonwealth Bank")


def test_a_mission_is_an_organization_only_when_posted_somewhere():
    found = extract("The US mission to Geneva said it would help. The US mission will stay focused on the hills.")

    assert organizations(found) == {"US mission to Geneva"}


def test_a_name_whose_possessive_has_owners_or_staff_is_an_organization():
    found = extract("Administrator Kim Lowe says Norfolk's new owners will decide how many jobs go.")

    assert "Norfolk" in organizations(found)


def test_international_bodies_are_organizations_not_places():
    found = extract("The United Nations said it would send food. The European Union said it would pay.")

    assert organizations(found) == {"United Nations", "European Union"}


def test_an_acronym_the_model_reads_as_an_organization_is_one_even_after_from():
    found = extract("Officials from DFAT met the delegation on Monday. He flew in from NSW.")

    assert organizations(found) == {"DFAT"}
