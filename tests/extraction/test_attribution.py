"""Direct quotes with their speakers, and attributed paraphrases (facts.extraction.attribution)."""

from facts.extraction import extract
from tests.extraction.helpers import paraphrases, quotes

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


def test_a_pronoun_with_two_candidates_in_the_same_sentence_goes_to_its_subject_with_less_confidence():
    found = extract(
        "John Smith, a farmer, met Peter Jones, a banker, on Monday in a village hall. "
        '"It went well and we agreed on the price," he said.'
    )

    assert quotes(found) == {"It went well and we agreed on the price,": "John Smith"}
    assert found.claims[0].confidence < 0.7


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
