"""Articles written for these tests in the styles of other outlets (tests/extraction/articles/),
with what an editor would record from each."""

import pytest

from facts.extraction import extract
from tests.extraction.helpers import ARTICLES_DIR, figures, organizations, people, quotes

# What an editor would record from each article in tests/extraction/articles/: every direct
# quote with its speaker, every figure with (qualifier, value, low, high), the people and the
# organizations. The extractor must find all of it and nothing else.
EXPECTED = {
    "wire_copy": {  # wire copy: dateline, bare surnames and given names, trailing attributions
        "quotes": {
            "We are enforcing the law, nothing more,": "Somchai Wattana",
            "Every case will be investigated.": "Somchai Wattana",
            "People are afraid to go to the hospital,": "Sunee Chaiyarat",
            "They hide in their rooms.": "Sunee Chaiyarat",
        },
        "figures": {
            "two": ("exact", "2", "2", "2"),
            "within 14": ("up_to", "14", None, "14"),
            "47": ("exact", "47", "47", "47"),
            "nine": ("exact", "9", "9", "9"),
            "as many as 2,500": ("as_many_as", "2500", None, "2500"),
            "at least 300": ("at_least", "300", "300", None),
            "thousands": ("vague", None, "2000", "10000"),
            "an estimated 2.3 million": ("approximately", "2300000", None, None),
            "between 1 million and 1.5 million": ("range", None, "1000000", "1500000"),
        },
        "people": {"Somchai Wattana", "Sunee Chaiyarat"},
        "organizations": {"Immigration Bureau", "Migrant Workers Rights Network", "Labour Ministry"},
    },
    "report_figures": {  # a report with many figures
        "quotes": {
            "We are at a watershed. Wars are lasting longer, and people are being displaced faster than "
            "solutions are being found.": "Filippo Grandi"
        },
        "figures": {
            "about half": ("approximately", "0.5", None, None),
            "fewer than half": ("fewer_than", "0.5", None, "0.5"),
            "68.5 million": ("exact", "68500000", "68500000", "68500000"),
            "65.6 million": ("exact", "65600000", "65600000", "65600000"),
            "16.2 million": ("exact", "16200000", "16200000", "16200000"),
            "about 44,500": ("approximately", "44500", None, None),
            "Some 3.1 million": ("approximately", "3100000", None, None),
            "85": ("exact", "85", "85", "85"),
            "3.5 million": ("exact", "3500000", "3500000", "3500000"),
            "Nearly 5 million": ("approximately", "5000000", None, None),
            "more than 650,000": ("more_than", "650000", "650000", None),
            "close to 900,000": ("approximately", "900000", None, None),
            "102,800": ("exact", "102800", "102800", "102800"),
            "roughly 667,400": ("approximately", "667400", None, None),
            "between 10 and 15 million": ("range", None, "10000000", "15000000"),
            "56%": ("exact", "56", "56", "56"),
            "$7.7 billion": ("exact", "7700000000", "7700000000", "7700000000"),
        },
        "people": {"Filippo Grandi"},
        "organizations": {"UNHCR"},
    },
    "typographic_quotes": {  # British style: typographic single and double quotes, “Dr” without a period
        "quotes": {
            "We told them again and again that the wall would not hold,": "Margaret Holloway",
            "Nobody listened. Now look at us.": "Margaret Holloway",
            "We will be reviewing every decision that was taken,": "David Price",
            "If mistakes were made, we will own them.": "David Price",
            "This was not an act of God,": "Priya Raman",
            "The modelling showed a one-in-30-year risk, and the defences were built for a one-in-20-year "
            "flood.": "Priya Raman",
            "Money was never the problem,": "David Price",
        },
        "figures": {
            "a": ("exact", "1", "1", "1"),
            "four": ("exact", "4", "4", "4"),
            "More than 200": ("more_than", "200", "200", None),
            "about 1,200": ("approximately", "1200", None, None),
            "up to £15m": ("up_to", "15000000", None, "15000000"),
            "between £40m and £60m": ("range", None, "40000000", "60000000"),
            "£2.4 million": ("exact", "2400000", "2400000", "2400000"),
        },
        "people": {"Margaret Holloway", "David Price", "Priya Raman"},
        "organizations": {"Environment Agency", "BBC", "University of Leeds"},
    },
    "speaker_after_quote": {  # the speaker is introduced after the quote
        "quotes": {
            "This decision keeps the doors open, at least for now,": "Maria Gonzalez",
            "But the fight is far from over.": "Maria Gonzalez",
            "We cannot keep pouring money into facilities that fewer than 20 patients use on a typical day,": (
                "Jennifer Lee"
            ),
            "That money could pay for 150 nurses.": "Jennifer Lee",
            "If you close this hospital, people will die,": "Samuel Okafor",
            "It is that simple.": "Samuel Okafor",
        },
        "figures": {
            "two": ("exact", "2", "2", "2"),
            "three": ("exact", "3", "3", "3"),
            "some 40,000": ("approximately", "40000", None, None),
            "about 12,000": ("approximately", "12000", None, None),
            "$18 million": ("exact", "18000000", "18000000", "18000000"),
            "fewer than 20": ("fewer_than", "20", None, "20"),
            "150": ("exact", "150", "150", "150"),
            "dozens": ("vague", None, "24", None),
        },
        "people": {"Maria Gonzalez", "Jennifer Lee", "Samuel Okafor"},
        "organizations": {"Oregon Rural Health Association", "Oregon Health Authority"},
    },
    "local_news_exclusions": {  # dates, times, ages, ordinals, labels; a quote over two paragraphs
        "quotes": {
            "We have seen this before,": "Angela Ruiz",
            "In the summer of 2019 we had 31 shootings in 90 days, and we got through it.": "Angela Ruiz",
            "We will get through this too.": "Angela Ruiz",
        },
        "figures": {
            "90": ("exact", "90", "90", "90"),
            "14": ("exact", "14", "14", "14"),
            "nine": ("exact", "9", "9", "9"),
            "31": ("exact", "31", "31", "31"),
        },
        "people": {"Angela Ruiz"},
        "organizations": {"St. Mary's Hospital"},
    },
    "business_wire": {  # business wire: money, percentages, a title of two words, “she said”
        "quotes": {
            "We were too optimistic about the second half,": "Linda Marsh",
            "Orders in Germany and France slowed sharply in August.": "Linda Marsh",
            "It is a painful decision,": "Linda Marsh",
        },
        "figures": {
            "at least 16": ("at_least", "16", "16", None),
            "nearly 12%": ("approximately", "12", None, None),
            "between $410 million and $430 million": ("range", None, "410000000", "430000000"),
            "about 3,400": ("approximately", "3400", None, None),
            "two": ("exact", "2", "2", "2"),
            "seven": ("exact", "7", "7", "7"),
            "roughly 600": ("approximately", "600", None, None),
            "$455 million": ("exact", "455000000", "455000000", "455000000"),
            "$35 million to $40 million": ("range", None, "35000000", "40000000"),
            "$212.5 million": ("exact", "212500000", "212500000", "212500000"),
            "$298 million": ("exact", "298000000", "298000000", "298000000"),
        },
        "people": {"Linda Marsh", "Erik Halvorsen"},
        "organizations": {"Halvorsen Robotics", "Brookfield Securities"},
    },
    "court_report": {  # a court report: a quoted fragment in reported speech, organizations without a head word
        "quotes": {
            "some of the most vulnerable people in the city": "Helen Carter",
            "I trusted the people who worked for me,": "Daniel Shaw",
            "I will appeal.": "Daniel Shaw",
            "made a scapegoat": "Paul Nkemelu",
        },
        "figures": {
            "six": ("exact", "6", "6", "6"),
            "two": ("exact", "2", "2", "2"),
            "more than £1.2 million": ("more_than", "1200000", "1200000", None),
            "214": ("exact", "214", "214", "214"),
            "dozens": ("vague", None, "24", None),
            "between 30 and 40": ("range", None, "30", "40"),
            "thousands": ("vague", None, "2000", "10000"),
        },
        "people": {"Helen Carter", "Daniel Shaw", "Paul Nkemelu"},
        "organizations": {"Northgate Housing", "Serious Fraud Office"},
    },
    "magazine_feature": {  # a magazine feature: “says X” inverted, a quote introduced by a colon
        "quotes": {
            "We never turn anyone away,": "Somsak Phongphan",
            "Even when the medicine runs out.": "Somsak Phongphan",
            "If we close, these people have nowhere else to go.": "Nila Win",
        },
        "figures": {
            "three": ("exact", "3", "3", "3"),
            "about 60": ("approximately", "60", None, None),
            "roughly 2 million": ("approximately", "2000000", None, None),
            "about $55,000": ("approximately", "55000", None, None),
            "dozens": ("vague", None, "24", None),
        },
        "people": {"Somsak Phongphan", "Nila Win"},
        "organizations": set(),
    },
    "political_news": {  # political news: titles, a vote tally, `called it "…"`, institutions
        "quotes": {
            "a once-in-a-generation investment.": "Maria Alvarez",
            "I voted no because we cannot afford it,": "Tom Bridges",
            "The CBO is not counting the growth this will create,": "Dana Kim",
            "As soon as it reaches his desk.": "Dana Kim",
        },
        "figures": {
            "52": ("exact", "52", "52", "52"),
            "48": ("exact", "48", "48", "48"),
            "$1.2 trillion": ("exact", "1200000000000", "1200000000000", "1200000000000"),
            "about 45,000": ("approximately", "45000", None, None),
            "up to 10 million": ("up_to", "10000000", None, "10000000"),
            "Nineteen": ("exact", "19", "19", "19"),
            "$256 billion": ("exact", "256000000000", "256000000000", "256000000000"),
        },
        "people": {"Maria Alvarez", "Tom Bridges", "Dana Kim"},
        "organizations": {"Senate", "House", "Congressional Budget Office", "White House"},
    },
}


def test_every_test_article_has_its_expectations():
    assert {path.stem for path in ARTICLES_DIR.glob("*.txt")} == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_articles_in_other_styles(stem):
    body = (ARTICLES_DIR / f"{stem}.txt").read_bytes().decode("utf-8")
    found = extract(body)
    expected = EXPECTED[stem]

    assert quotes(found) == expected["quotes"]
    assert figures(found) == expected["figures"]
    assert people(found) == expected["people"]
    assert organizations(found) == expected["organizations"]
