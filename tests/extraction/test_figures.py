"""Figures: numbers with their qualifier, bounds, unit and counted noun, and what is not a figure
(facts.extraction.figures)."""

from decimal import Decimal

import pytest

from facts.extraction import extract
from tests.extraction.helpers import figure, figures


@pytest.mark.parametrize(
    ("text", "exact", "expected"),
    [
        ("Police arrested 175 North Koreans.", "175", ("exact", "175", "175", "175")),
        ("More than 8,000 people fled.", "More than 8,000", ("more_than", "8000", "8000", None)),
        ("Officials counted 1 250 000 voters.", "1 250 000", ("exact", "1250000", "1250000", "1250000")),
        ("Some 3.1 million people waited.", "Some 3.1 million", ("approximately", "3100000", None, None)),
        ("Seven North Koreans tried to enter.", "Seven", ("exact", "7", "7", "7")),
        (
            "It helped the three dozen or so individuals involved.",
            "three dozen or so",
            ("approximately", "36", None, None),
        ),
        ("Twenty-five people were hurt.", "Twenty-five", ("exact", "25", "25", "25")),
        ("A dozen boats sank.", "A dozen", ("exact", "12", "12", "12")),
        ("Dozens of people fled.", "Dozens", ("vague", None, "24", None)),
        ("Hundreds of migrants were rounded up.", "Hundreds", ("vague", None, "200", "1000")),
        ("Thousands of workers left.", "Thousands", ("vague", None, "2000", "10000")),
        ("Tens of thousands have fled.", "Tens of thousands", ("vague", None, "20000", "100000")),
        ("Hundreds of thousands marched.", "Hundreds of thousands", ("vague", None, "200000", "1000000")),
        ("About 150,000 refugees live there.", "About 150,000", ("approximately", "150000", None, None)),
        ("Some activists say up to 300,000 hide.", "up to 300,000", ("up_to", "300000", None, "300000")),
        ("As many as 2,500 migrants work there.", "As many as 2,500", ("as_many_as", "2500", None, "2500")),
        ("At least 300 people were held.", "At least 300", ("at_least", "300", "300", None)),
        ("Fewer than 20 patients come.", "Fewer than 20", ("fewer_than", "20", None, "20")),
        ("Nearly 5 million Syrians fled.", "Nearly 5 million", ("approximately", "5000000", None, None)),
        ("Almost 400 homes burned.", "Almost 400", ("approximately", "400", None, None)),
        ("Between 150 and 200 more are hiding.", "Between 150 and 200", ("range", None, "150", "200")),
        ("They expect 150 to 200 guests.", "150 to 200", ("range", None, "150", "200")),
        ("They expect 150-200 guests.", "150-200", ("range", None, "150", "200")),
        ("Six or seven people came.", "Six or seven", ("range", None, "6", "7")),
        ("Between 1 and 2 million people voted.", "Between 1 and 2 million", ("range", None, "1000000", "2000000")),
        ("It had 30 or more members.", "30 or more", ("at_least", "30", "30", None)),
        ("Prices rose 5 per cent.", "5", ("exact", "5", "5", "5")),
        ("It costs $7.7 billion.", "$7.7 billion", ("exact", "7700000000", "7700000000", "7700000000")),
        ("Repairs could cost up to £15m.", "up to £15m", ("up_to", "15000000", None, "15000000")),
    ],
)
def test_figures_with_their_qualifier_and_bounds(text, exact, expected):
    assert figures(extract(text))[exact] == expected


def test_the_hedged_range_of_article_000(seeds):
    _, found = seeds["000"]
    hedged = figure(found, "More than 100,000, and perhaps as many as 300,000")

    assert (hedged.qualifier, hedged.low, hedged.high, hedged.value) == (
        "range",
        Decimal(100000),
        Decimal(300000),
        None,
    )
    assert hedged.noun.exact == "North Koreans"
    assert hedged.unit == "people"


def test_a_figure_in_an_attributed_statement_has_its_speaker_and_counted_noun(seeds):
    _, found = seeds["002"]
    tens = figure(found, "tens of thousands")
    seven = figure(found, "seven")
    dozens = figure(found, "Dozens")

    assert (tens.speaker.name, tens.noun.exact) == ("Erica Kang", "North Koreans")
    assert (seven.speaker.name, seven.noun.exact) == ("A South Korean diplomat", "North Koreans")
    assert dozens.speaker is None  # the article's own voice
    assert tens.claim is not None and tens.claim.contains(tens.span)


def test_units_from_currency_percent_measurements_and_counted_people():
    found = extract("Insurers put damage at $40 million, 12% of homes, four feet deep; 300 refugees and 20 boats.")

    assert {f.span.exact: f.unit for f in found.figures} == {
        "$40 million": "dollars",
        "12%": "percent",
        "four": "feet",
        "300": "people",
        "20": "",
    }


def test_the_counted_noun_can_come_before_the_figure():
    found = extract("The raid brought the number of North Koreans detained so far this year to more than 400.")

    assert figure(found, "more than 400").noun.exact == "North Koreans"


@pytest.mark.parametrize(
    "text",
    [
        "He was jailed in China in 2001 for his work.",  # a year
        "The tournament begins next Friday (5/31).",  # a date
        "It happened on March 3, 2021, in the evening.",  # a date
        "Talks resume on 12 January in Geneva.",  # a date
        "He was shot at about 9:15 p.m. outside a bar.",  # a time of day
        "The meeting starts at 10 a.m. sharp.",  # a time of day
        "It recalls the trails of the 19th century.",  # an ordinal
        "It was the first time anyone had asked.",  # an ordinal
        "A 34-year-old man was arrested.",  # an age
        "Marsh, 49, took over the company.",  # an age
        "Children below the age of 18 were among them.",  # an age
        "The suspect, aged 45, was released.",  # an age
        "He was arrested near Route 9 at night.",  # a label
        "Cases of COVID-19 fell sharply.",  # a name
        "It is one of the lifelines for the north.",  # “one of”
        "One outspoken activist spoke.",  # “one” alone
        "The victim, a father of two, was taken away.",  # no count of its own
        "The Foreign Ministry refused to confirm that the seven were North Koreans.",  # a back-reference
        "It was a one-in-30-year risk.",  # part of a compound
    ],
)
def test_years_dates_times_ordinals_ages_and_labels_are_not_figures(text):
    assert figures(extract(text)) == {}


@pytest.mark.parametrize(
    ("text", "exact", "expected"),
    [
        # durations and frequencies are quantities a newsroom reports
        ("The court handed down a four-month sentence.", "four", ("exact", "4", "4", "4")),
        ("Agreement came after nine days of talks.", "nine", ("exact", "9", "9", "9")),
        ("The ferry sank 20 years ago.", "20", ("exact", "20", "20", "20")),
        ("Suspects can be held for up to 48 hours.", "up to 48", ("up_to", "48", None, "48")),
        ("The pump has failed more than once this winter.", "more than once", ("more_than", "1", "1", None)),
        ("The landlord defrauded tenants over six years.", "six", ("exact", "6", "6", "6")),
        ("Talks ended within 14 days.", "within 14", ("up_to", "14", None, "14")),
        # a/an as one with its unit
        ("Forecasters expect up to a foot of snow.", "up to a", ("up_to", "1", None, "1")),
        ("The keeper stayed out for more than an hour.", "more than an", ("more_than", "1", "1", None)),
        ("The payments should have come a month ago.", "a", ("exact", "1", "1", "1")),
        # fractions
        ("Half of the town lost power overnight.", "Half", ("exact", "0.5", "0.5", "0.5")),
        ("One-tenth of the budget went on repairs.", "One-tenth", ("exact", "0.1", "0.1", "0.1")),
        ("Turnout was just over half the roll.", "just over half", ("more_than", "0.5", "0.5", None)),
        # currencies with a country mark
        ("The fine was A$9,500 for each breach.", "A$9,500", ("exact", "9500", "9500", "9500")),
        ("Tickets cost US$3 at the gate.", "US$3", ("exact", "3", "3", "3")),
        ("The bid was worth C$2 billion.", "C$2 billion", ("exact", "2000000000", "2000000000", "2000000000")),
        # qualifier words read in context
        ("Okafor won the 200 metres in record time.", "200", ("exact", "200", "200", "200")),
        ("The fare would go up to $8 next year.", "$8", ("exact", "8", "8", "8")),
        (
            "The fuel levy stayed at the best part of two dollars.",
            "the best part of two",
            ("approximately", "2", None, None),
        ),
    ],
)
def test_durations_fractions_articles_currencies_and_qualifiers_in_context(text, exact, expected):
    assert figures(extract(text))[exact] == expected


def test_a_change_and_a_level_are_two_figures_not_a_range():
    found = figures(extract("The minimum wage rose by $1 to $8.25 an hour."))

    assert found["$1"] == ("exact", "1", "1", "1")
    assert found["$8.25"] == ("exact", "8.25", "8.25", "8.25")


@pytest.mark.parametrize(
    "text",
    [
        "The river was once a trade route.",  # “once” meaning formerly
        "They had twice as many volunteers.",  # a ratio
        "The percentage rose in the first half of the year.",  # a part of a period
    ],
)
def test_rates_and_words_that_only_look_like_counts_are_not_figures(text):
    assert figures(extract(text)) == {}


def test_a_meaning_per_is_a_rate_not_a_figure():
    assert set(figures(extract("The clinic sees 60 patients a day."))) == {"60"}
