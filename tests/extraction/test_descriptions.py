"""Speakers named earlier and referred to by a description or by nothing at all (issue 12, hybrid-3).

Made-up sentences in the shape of wire copy with its paragraph breaks removed.
"""

import pytest

from facts.extraction import extract
from tests.extraction.helpers import people, quotes

# A description of a person resolves to the person introduced with that role ----------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            'Treasury spokesman Mark Allen visited the port. "The deal will hold," the spokesman said.',
            "The deal will hold,",
            "Mark Allen",
        ),
        (
            'Prime Minister Ruth Calder met the unions on Monday. "We listened," the Prime Minister said.',
            "We listened,",
            "Ruth Calder",
        ),
        (
            'Opposition Leader Simon Crane toured the mine. "This is a disaster," the Opposition Leader said.',
            "This is a disaster,",
            "Simon Crane",
        ),
        (
            'Harold Vane, the harbour master, shut the port. "Nobody goes out," the harbour master told reporters.',
            "Nobody goes out,",
            "Harold Vane",
        ),
        (
            'Tom Ruddle, 34, was arrested at the border. "I did nothing wrong," the 34-year-old said.',
            "I did nothing wrong,",
            "Tom Ruddle",
        ),
    ],
)
def test_a_description_of_a_person_is_the_person_introduced_with_that_role(text, quote, speaker):
    assert quotes(extract(text))[quote] == speaker


def test_a_description_goes_to_the_holder_whose_office_it_names_not_to_the_last_person_named():
    found = extract(
        "Prime Minister Ruth Calder and Foreign Minister Jo Bell flew to Jakarta. "
        '"The talks went well," the prime minister said.'
    )

    assert quotes(found)["The talks went well,"] == "Ruth Calder"


def test_a_description_nobody_was_introduced_with_stays_unnamed():
    found = extract('Harold Vane closed the channel. "Nobody goes out," the police spokesman said.')

    assert quotes(found)["Nobody goes out,"] != "Harold Vane"


def test_a_description_of_someone_else_is_not_the_person():
    found = extract('Treasury spokesman Mark Allen visited the port. "It will hold," the minister\'s spokeswoman said.')

    assert quotes(found)["It will hold,"] != "Mark Allen"


def test_a_capitalized_description_after_the_is_not_a_name():
    found = extract('Opposition Leader Simon Crane toured the mine. "It is over," the Opposition Leader said.')

    assert people(found) == {"Simon Crane"}


# A quote with no reporting clause of its own goes on from the speaker named before ----------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            '"We tried," Jane Hale said. Ms Hale has farmed near the river for 20 years. "It is a scandal."',
            "It is a scandal.",
        ),
        (
            '"We tried," Jane Hale said. The council has not answered her letters since March. "They know it."',
            "They know it.",
        ),
        (
            'Asked about the delay, Jane Hale blamed the council. "They never listened to us."',
            "They never listened to us.",
        ),
        (
            'Jane Hale lost her house in the flood. She now lives in a tent. "I have nothing left at all."',
            "I have nothing left at all.",
        ),
    ],
)
def test_a_quote_in_a_sentence_of_its_own_goes_on_from_the_person_the_text_was_about(text, quote):
    found = extract(text)

    assert quotes(found)[quote] == "Jane Hale"
    assert next(c for c in found.claims if c.span.exact == quote).confidence <= 0.6


def test_a_quote_after_an_unnamed_source_is_not_given_to_a_person_named_earlier():
    found = extract('Jane Hale was at the scene. A witness said the man fled. "He was armed and shouting."')

    assert quotes(found)["He was armed and shouting."] is None


def test_a_quote_after_a_sentence_naming_several_people_gets_no_speaker():
    found = extract('Jane Hale met Tom Ruddle and Ana Lind at the court. "It was a long day for all of us."')

    assert quotes(found)["It was a long day for all of us."] is None


def test_sir_or_dame_with_a_given_name_is_the_person_introduced_with_the_full_name():
    found = extract('Sir Edmund Vale climbed the ridge in 1953. "It was cold," Sir Edmund said later.')

    assert people(found) == {"Edmund Vale"}
    assert quotes(found)["It was cold,"] == "Edmund Vale"


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        ("Treasurer Ann Corbett said the budget was sound.", "Ann Corbett", "treasurer"),
        ("Coach Lee Hartley said the team was ready.", "Lee Hartley", "coach"),
        ("Justice Ian Morrow ruled on Monday.", "Ian Morrow", "justice"),
    ],
)
def test_an_office_written_before_a_name_is_a_role_not_part_of_the_name(text, person, title):
    found = extract(text)

    assert people(found) == {person}
    assert [r.title for r in found.roles] == [title]


def test_the_coach_said_is_the_person_introduced_as_coach():
    found = extract('Coach Lee Hartley named the side. "We are ready," the coach said.')

    assert quotes(found)["We are ready,"] == "Lee Hartley"


def test_a_description_after_an_unnamed_holder_of_that_role_stays_unnamed():
    found = extract(
        "Treasury spokesman Mark Allen said the deal was done. A police spokesman said two men were held. "
        '"They will be charged," the spokesman said.'
    )

    assert quotes(found)["They will be charged,"] != "Mark Allen"


@pytest.mark.parametrize(
    "text",
    [
        "Treasury spokesman Mark Allen said the deal was done.",
        '"The deal is done," Treasury spokesman Mark Allen said.',
    ],
)
def test_an_organization_before_a_role_before_a_name_leaves_the_person_as_the_speaker(text):
    found = extract(text)

    assert {c.speaker.name for c in found.claims if c.speaker} == {"Mark Allen"}
