"""Quote anchoring: finding a passage in an article body from its exact text."""

import pytest
from django.core.exceptions import ValidationError

from facts.models import Claim
from facts.services import anchor_quote, claim_create
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BODY = 'Mr. Flake says yes. Later, Mr. Flake says no. "Go," said Ms. Kang.'


def messages(error: ValidationError) -> str:
    return " ".join(message for messages in error.message_dict.values() for message in messages)


def test_a_quote_that_occurs_once_is_found_with_its_offsets_and_context():
    article = make_article(BODY)

    anchor = anchor_quote(article=article, exact="said Ms. Kang")

    assert (anchor.start, anchor.end) == (52, 65)
    assert BODY[anchor.start : anchor.end] == "said Ms. Kang"
    assert anchor.prefix == BODY[20:52]
    assert anchor.suffix == "."


def test_a_quote_not_in_the_article_is_refused_naming_the_article():
    article = make_article(BODY)

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="Mr Flake says")

    assert refused.value.error_dict["exact"][0].code == "quote_not_found"
    assert f"does not occur in article {article.pk}" in messages(refused.value)


def test_quotes_are_matched_exactly_without_normalising_quotation_marks_or_case():
    article = make_article(BODY)

    for variant in ["“Go,”", "mr. flake says", "Mr.  Flake"]:
        with pytest.raises(ValidationError):
            anchor_quote(article=article, exact=variant)


def test_an_ambiguous_quote_is_refused_with_the_candidate_offsets():
    article = make_article(BODY)

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="Mr. Flake says")

    assert refused.value.error_dict["exact"][0].code == "quote_ambiguous"
    assert "occurs 2 times" in messages(refused.value)
    assert "0–14" in messages(refused.value)
    assert "27–41" in messages(refused.value)


def test_start_disambiguates_an_ambiguous_quote():
    article = make_article(BODY)

    anchor = anchor_quote(article=article, exact="Mr. Flake says", start=27)

    assert (anchor.start, anchor.end) == (27, 41)


def test_a_prefix_or_suffix_disambiguates_an_ambiguous_quote():
    article = make_article(BODY)

    assert anchor_quote(article=article, exact="Mr. Flake says", prefix="Later, ").start == 27
    assert anchor_quote(article=article, exact="Mr. Flake says", suffix=" yes").start == 0


def test_a_prefix_that_matches_no_occurrence_is_refused():
    article = make_article(BODY)

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="Mr. Flake says", prefix="Earlier, ")

    assert refused.value.error_dict["exact"][0].code == "context_mismatch"


def test_offsets_that_disagree_with_the_quote_are_refused_not_corrected():
    article = make_article(BODY)

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="Mr. Flake says", start=1)

    assert refused.value.error_dict["exact"][0].code == "offsets_mismatch"
    assert "at 1–15 is 'r. Flake says '" in messages(refused.value)


def test_an_end_that_does_not_fit_the_quote_length_is_refused():
    article = make_article(BODY)

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="Mr. Flake says", start=0, end=20)

    assert refused.value.error_dict["end"][0].code == "offsets_mismatch"


def test_offsets_past_the_end_of_the_body_are_refused():
    article = make_article(BODY)

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="Kang.!", start=len(BODY) - 5)

    assert refused.value.error_dict["end"][0].code == "offsets_out_of_range"


def test_negative_offsets_are_refused():
    article = make_article(BODY)

    with pytest.raises(ValidationError):
        anchor_quote(article=article, exact="Mr.", start=-1)


def test_an_empty_quote_is_refused():
    article = make_article(BODY)

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="")

    assert refused.value.error_dict["exact"][0].code == "quote_empty"


def test_offsets_count_code_points_when_non_ascii_text_comes_before_the_span():
    # "é" is two UTF-8 bytes and the emoji four (two UTF-16 units): offsets must count neither.
    body = "Café owner 🙂 Kim Jong-su said “prices rose”."
    article = make_article(body)

    anchor = anchor_quote(article=article, exact="prices rose")

    assert anchor.start == body.index("prices rose") == 31
    claim = claim_create(article=article, exact="prices rose", kind=Claim.Kind.PARAPHRASE)
    claim.refresh_from_db()
    assert body[claim.start : claim.end] == claim.exact == "prices rose"


def test_leading_and_trailing_whitespace_of_a_quote_is_kept():
    body = "He said:  two spaces  here."
    article = make_article(body)

    anchor = anchor_quote(article=article, exact="  two spaces  ")

    assert (anchor.start, anchor.end, anchor.exact) == (8, 22, "  two spaces  ")


def test_overlapping_occurrences_all_count_as_candidates():
    article = make_article("aaa")

    with pytest.raises(ValidationError) as refused:
        anchor_quote(article=article, exact="aa")

    assert "at 0–2, 1–3" in messages(refused.value)
