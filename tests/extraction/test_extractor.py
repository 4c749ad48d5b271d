"""The extractor on its own: pure functions over a body, every pattern, and the exclusions.

No database here. The seed articles' key cases, and articles written for these tests in
the styles of other outlets (tests/extraction/articles/), with what an editor would record.
"""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from facts.extraction import EXTRACTOR_VERSION, Extraction, extract
from facts.extraction.evaluation import TARGETS, evaluate
from facts.seed import FIXTURES_DIR

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"


def quotes(found: Extraction) -> dict[str, str | None]:
    """Direct quotes: their text → their speaker's name (None when unattributed)."""
    return {c.span.exact: c.speaker.name if c.speaker else None for c in found.claims if c.kind == "direct_quote"}


def paraphrases(found: Extraction) -> dict[str, str | None]:
    return {c.span.exact: c.speaker.name if c.speaker else None for c in found.claims if c.kind == "paraphrase"}


def figures(found: Extraction) -> dict[str, tuple]:
    """Figures: their text → (qualifier, value, low, high) as strings (None when unset)."""
    return {
        f.span.exact: (f.qualifier, *(None if v is None else str(v) for v in (f.value, f.low, f.high)))
        for f in found.figures
    }


def figure(found: Extraction, exact: str):  # type: ignore[no-untyped-def]
    matching = [f for f in found.figures if f.span.exact == exact]
    assert len(matching) == 1, f"{exact!r} in {[f.span.exact for f in found.figures]}"
    return matching[0]


def people(found: Extraction) -> set[str]:
    return {a.name for a in found.actors if a.type == "person"}


def organizations(found: Extraction) -> set[str]:
    return {a.name for a in found.actors if a.type == "organization"}


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, Extraction]]:
    bodies = {p.stem[:3]: p.read_bytes().decode("utf-8") for p in sorted((FIXTURES_DIR / "articles").glob("*.txt"))}
    return {key: (body, extract(body)) for key, body in bodies.items()}


# The extractor itself ----------------------------------------------------------------------


def test_every_span_is_exactly_its_text_in_the_body(seeds):
    bodies = [body for body, _ in seeds.values()]
    bodies += [path.read_bytes().decode("utf-8") for path in sorted(ARTICLES_DIR.glob("*.txt"))]
    for body in bodies:
        found = extract(body)
        spans = [a.first for a in found.actors]
        spans += [m.span for m in found.mentions] + [r.span for r in found.roles]
        spans += [c.span for c in found.claims] + [c.attribution for c in found.claims if c.attribution]
        spans += [f.span for f in found.figures] + [f.noun for f in found.figures if f.noun]
        assert spans
        for span in spans:
            assert body[span.start : span.end] == span.exact
            assert span.start < span.end


def test_extraction_is_deterministic(seeds):
    body, first = seeds["000"]

    assert extract(body) == first


def test_the_extractor_imports_nothing_from_django():
    code = (
        "import sys, facts.extraction, facts.extraction.evaluation; "
        "print(any(m.startswith('django') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "False"


def test_the_extractor_has_a_version():
    assert EXTRACTOR_VERSION


def test_offsets_are_code_points_not_bytes():
    body = "Über 300 Flüchtlinge — “Wir sind müde,” said Anna Weiß, a volunteer. More than 40 died."
    found = extract(body)

    assert quotes(found) == {"Wir sind müde,": "Anna Weiß"}
    forty = figure(found, "More than 40")
    assert body[forty.span.start : forty.span.end] == "More than 40"


# People and organizations -----------------------------------------------------------------


def test_short_references_resolve_to_the_person_introduced_earlier(seeds):
    _, found = seeds["000"]
    flake = next(a for a in found.actors if a.name == "Gordon Flake")
    by_text = {m.span.exact: m.name for m in found.mentions}

    assert flake.aliases == ("Mr. Flake",)
    assert by_text["Mr. Flake"] == "Gordon Flake"
    assert by_text["Dr. Vollertsen"] == "Norbert Vollertsen"
    assert by_text["Ms. Newland"] == "Cathleen Newland"
    assert people(found) == {"Norbert Vollertsen", "Gordon Flake", "Cathleen Newland"}


def test_roles_stated_in_apposition_are_proposed_with_title_and_affiliation(seeds):
    _, found = seeds["000"]
    roles = {r.span.exact: (r.holder.name, r.title, r.affiliation) for r in found.roles}

    assert roles["executive director of the Mansfield Center for Pacific Affairs in Washington"] == (
        "Gordon Flake",
        "executive director",
        "Mansfield Center for Pacific Affairs",
    )
    assert roles["German doctor"] == ("Norbert Vollertsen", "doctor", None)
    assert roles["One outspoken activist"] == ("Norbert Vollertsen", "activist", None)
    assert roles["a director of the Migration Policy Institute in Washington"][:2] == ("Cathleen Newland", "director")
    _, found = seeds["001"]
    assert [(r.span.exact, r.holder.name, r.title) for r in found.roles] == [
        ("a South Korean missionary", "Chun Ki-won", "missionary")
    ]


def test_an_organization_named_after_its_description_and_the_group_it_leads(seeds):
    _, found = seeds["002"]
    roles = {r.span.exact: (r.holder.type, r.holder.name, r.title, r.affiliation) for r in found.roles}

    assert roles["A refugee aid group in Seoul"] == ("organization", "Good Friends", "refugee aid group", None)
    # “a coordinator for the group”: the group described just before.
    assert roles["a coordinator for the group"] == ("person", "Erica Kang", "coordinator", "Good Friends")


def test_a_name_described_as_a_group_after_it_is_an_organization():
    found = extract("Good Friends, a refugee aid group in Seoul, says the desperation is growing.")

    assert (people(found), organizations(found)) == (set(), {"Good Friends"})
    assert [(r.span.exact, r.holder.type, r.title) for r in found.roles] == [
        ("a refugee aid group in Seoul", "organization", "refugee aid group")
    ]
    assert paraphrases(found) == {"the desperation is growing": "Good Friends"}


def test_possessive_and_short_forms_of_an_organization_are_one_organization(seeds):
    _, found = seeds["002"]
    ministry = next(a for a in found.actors if a.name == "Chinese Foreign Ministry")

    assert set(ministry.aliases) == {"China's Foreign Ministry", "Foreign Ministry"}
    assert organizations(found) == {"Chinese Foreign Ministry", "Beijing's Security Bureau", "Good Friends"}


def test_an_embassy_is_an_organization_though_written_in_lowercase(seeds):
    _, found = seeds["000"]

    assert "U.S. embassy in Beijing" in organizations(found)
    assert "American mission" not in organizations(found)  # “Korean-American missionary”


def test_places_titles_and_sentence_starters_are_not_people():
    body = (
        "Sunee Chaiyarat, who runs a shelter in Samut Sakhon, said the raids continue. The High Commissioner, "
        "Filippo Grandi, said so too. Refugee Week begins on Monday."
    )
    found = extract(body)

    assert people(found) == {"Sunee Chaiyarat", "Filippo Grandi"}


def test_a_given_name_or_surname_on_second_reference_is_the_same_person():
    found = extract(
        "Police Colonel Somchai Wattana, a spokesman for the Immigration Bureau, spoke first. "
        'Somchai said the workers would be deported. "It is the law," Wattana said.'
    )

    assert people(found) == {"Somchai Wattana"}
    assert paraphrases(found)["the workers would be deported"] == "Somchai Wattana"
    assert quotes(found) == {"It is the law,": "Somchai Wattana"}


# Direct quotes ----------------------------------------------------------------------------


def test_a_quote_split_around_its_attribution_is_two_quotes_by_the_same_speaker(seeds):
    _, found = seeds["000"]
    claims = {c.span.exact: c for c in found.claims}
    first = claims[
        "Refugee flows across the Chinese border have actually been one of the lifelines for North Korea during "
        "its years of famine and economic collapse,"
    ]
    second = next(c for text, c in claims.items() if text.startswith("And the most remarkable thing"))

    assert first.attribution.exact == second.attribution.exact == "added Mr. Flake"
    assert first.speaker.name == second.speaker.name == "Gordon Flake"
    assert second.span.exact.endswith("goods for their families.")


def test_attributions_after_the_quote_inverted_or_not(seeds):
    _, found = seeds["000"]
    by_attribution = {c.attribution.exact: c.speaker.name for c in found.claims if c.kind == "direct_quote"}

    assert by_attribution == {
        "added Mr. Flake": "Gordon Flake",
        "Mr. Flake went on to say": "Gordon Flake",
        "explains Ms. Newland": "Cathleen Newland",
        "asks Mr. Flake": "Gordon Flake",
    }


def test_a_single_quoted_quote_is_found_and_a_single_quoted_term_is_not(seeds):
    _, found = seeds["001"]

    assert quotes(found) == {
        "They come to Thailand because it's one of only a few countries where they can seek asylum ... Thailand "
        "is probably the best country to go to right now,": "Chun Ki-won"
    }
    assert all("underground railroad" not in c.span.exact for c in found.claims)


def test_typographic_quotes_double_and_single_with_apostrophes_inside():
    found = extract(
        "“It’s over,” said Ms. Kang, who leads the group. ‘We’re not leaving,’ added Mr. Lee. ‘They won’t listen.’"
    )

    assert quotes(found) == {"It’s over,": "Ms. Kang", "We’re not leaving,": "Mr. Lee", "They won’t listen.": "Mr. Lee"}


def test_attribution_before_the_quote():
    found = extract(
        'Gordon Flake, executive director of the Mansfield Center, says, "The border is open." '
        "The High Commissioner, Filippo Grandi, said: “We are at a watershed.”"
    )

    assert quotes(found) == {"The border is open.": "Gordon Flake", "We are at a watershed.": "Filippo Grandi"}


def test_signs_reading_a_slogan_are_quotes_of_those_carrying_them(seeds):
    _, found = seeds["002"]

    assert quotes(found)["Recognize North Korean defectors as refugees,"] == "the group"
    assert quotes(found)["Give us freedom."] == "the group"


def test_he_says_resolves_to_the_last_person_named_when_unambiguous(seeds):
    _, found = seeds["000"]
    by_attribution = {(c.attribution.start, c.attribution.exact): c.speaker.name for c in found.claims}

    assert by_attribution[(2356, "he says")] == "Gordon Flake"
    assert by_attribution[(2497, "he says")] == "Gordon Flake"
    # “She”: not Mr. Flake (a man), but Cathleen Newland, named in the sentence before.
    assert by_attribution[(3926, "She notes")] == "Cathleen Newland"
    _, found = seeds["001"]
    assert (
        paraphrases(found)["between 150 and 200 more North Koreans are hiding in Thailand, awaiting resettlement"]
        == "Chun Ki-won"
    )


def test_a_pronoun_with_two_candidates_in_the_same_sentence_gets_no_speaker():
    found = extract(
        "John Smith, a farmer, met Peter Jones, a banker, on Monday in a village hall. "
        '"It went well and we agreed on the price," he said.'
    )

    assert quotes(found) == {"It went well and we agreed on the price,": None}


def test_a_quote_running_on_into_the_next_paragraph_keeps_its_speaker():
    found = extract('"We have seen this before," Ruiz said. "In 2019 we got through it.\n\n"We will again."')

    assert quotes(found) == {
        "We have seen this before,": "Ruiz",
        "In 2019 we got through it.": "Ruiz",
        "We will again.": "Ruiz",
    }


def test_a_quoted_fragment_in_reported_speech_is_the_speakers():
    found = extract("Nkemelu, who represented himself, told jurors that he had been “made a scapegoat”.")

    assert quotes(found) == {"made a scapegoat": "Nkemelu"}


# Paraphrases -----------------------------------------------------------------------------


def test_attributed_paraphrases(seeds):
    _, found = seeds["000"]
    said = paraphrases(found)

    assert said["China has turned a blind eye to the cross-border traffic"] == "Gordon Flake"
    assert said["China just wants the problem to go away"] == "Gordon Flake"
    assert (
        said[
            "Chinese authorities want the problem to disappear not only because they do not want to encourage a "
            "larger flow of North Korean migrants"
        ]
        == "Gordon Flake"
    )  # According to Gordon Flake, …
    assert said["the foreign activists may have good intentions"] == "Gordon Flake"
    assert said["such high-publicity campaigning could end up hurting refugees more than helping them"] == (
        "others in the international community"
    )


def test_an_attribution_at_the_end_of_the_sentence():
    found = extract(
        "BANGKOK (Wire) — Thai authorities detained 47 workers on Tuesday, police said. Unregistered workers may "
        "number 1 million, the Labour Ministry said. The detainees will be deported, said Somchai Wattana."
    )

    assert paraphrases(found) == {
        "Thai authorities detained 47 workers on Tuesday": "police",
        "Unregistered workers may number 1 million": "Labour Ministry",
        "The detainees will be deported": "Somchai Wattana",
    }


def test_reporting_words_used_as_nouns_attribute_nothing():
    found = extract(
        "The judge ruled that state officials had failed. News reports say the agency's annual report found "
        "problems. The statement was brief."
    )

    assert paraphrases(found) == {"the agency's annual report found problems": "News reports"}


# Figures ----------------------------------------------------------------------------------


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
        ("Prices rose 5 per cent.", "5 per cent", ("exact", "5", "5", "5")),
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
        "Refugee flows were greatest five years ago.",  # the age of an event
        "For six or seven years, it has gone on like this.",  # a duration
        "A 34-year-old man was arrested.",  # an age
        "Marsh, 49, took over the company.",  # an age
        "Children below the age of 18 made up half.",  # an age
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


# The seed articles against their curated facts ----------------------------------------------


def test_the_extractor_meets_the_quality_targets_on_the_seed_articles():
    scores = evaluate(FIXTURES_DIR)

    for kind, target in TARGETS.items():
        score = scores[kind]
        assert score.meets(target), f"{kind}: P={score.precision:.3f} R={score.recall:.3f}, misses {score.misses}"


# Articles in other outlets' styles ----------------------------------------------------------

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
            "68.5 million": ("exact", "68500000", "68500000", "68500000"),
            "65.6 million": ("exact", "65600000", "65600000", "65600000"),
            "16.2 million": ("exact", "16200000", "16200000", "16200000"),
            "about 44,500": ("approximately", "44500", None, None),
            "Some 3.1 million": ("approximately", "3100000", None, None),
            "85 per cent": ("exact", "85", "85", "85"),
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
