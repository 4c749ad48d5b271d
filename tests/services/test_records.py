"""Recording facts from their quotes: claims, figures, mentions and roles (the records services)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from facts.models import Claim, Figure, Role
from facts.services import mention_create, role_create
from tests.factories import make_article, make_claim, make_figure, make_organization, make_person

pytestmark = pytest.mark.django_db


def test_a_claim_is_created_from_its_quote_with_speaker_and_attribution():
    article = make_article()
    flake = make_person()

    claim = make_claim(article, speaker_person=flake, attribution_exact="added Mr. Flake")

    claim.refresh_from_db()
    assert article.body[claim.start : claim.end] == claim.exact == "The border is open,"
    assert article.body[claim.attribution_start : claim.attribution_end] == "added Mr. Flake"
    assert claim.speaker == flake
    assert claim.review_status == Claim.ReviewStatus.UNREVIEWED


def test_a_claim_whose_attribution_is_not_in_the_article_is_refused_and_nothing_is_written():
    article = make_article()

    with pytest.raises(ValidationError) as refused:
        make_claim(article, attribution_exact="said Mr. Flake")

    assert "attribution_exact" in refused.value.error_dict
    assert Claim.objects.count() == 0


def test_a_claim_has_at_most_one_speaker():
    with pytest.raises(ValidationError, match="Give one speaker"):
        make_claim(speaker_person=make_person(), speaker_group="some activists")


def test_the_same_span_cannot_be_recorded_twice_as_a_claim():
    article = make_article()
    make_claim(article)

    with pytest.raises(ValidationError, match="already recorded"):
        make_claim(article)
    assert Claim.objects.count() == 1


def test_a_mention_names_exactly_one_actor():
    article = make_article()

    mention = mention_create(article=article, exact="Gordon Flake", person=make_person())
    assert mention.actor.name == "Gordon Flake"
    with pytest.raises(ValidationError, match="exactly one"):
        mention_create(article=article, exact="Mr. Flake")


def test_a_role_is_recorded_as_stated_with_its_affiliation():
    article = make_article()
    center = make_organization()

    role = role_create(
        article=article,
        exact="executive director of the Mansfield Center",
        title="executive director",
        person=make_person(),
        affiliation=center,
    )

    assert role.holder.name == "Gordon Flake"
    assert list(center.affiliated_roles.all()) == [role]
    assert Role.objects.get().exact == "executive director of the Mansfield Center"


# Figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exact", "qualifier", "value", "low", "high"),
    [
        ("30", "exact", "30", "30", "30"),
        ("more than 30", "more_than", "30", "30", None),
        ("more than 30", "at_least", "30", "30", None),
        ("more than 30", "up_to", "30", None, "30"),
        ("more than 30", "approximately", "30", None, None),
    ],
)
def test_bounds_a_qualifier_implies_are_filled_in(exact, qualifier, value, low, high):
    figure = make_figure(exact=exact, qualifier=qualifier, value=Decimal(value))

    figure.refresh_from_db()
    as_decimal = lambda v: None if v is None else Decimal(v)  # noqa: E731
    assert (figure.value, figure.low, figure.high) == (as_decimal(value), as_decimal(low), as_decimal(high))


def test_a_range_figure_keeps_both_bounds_and_no_value():
    figure = make_figure(qualifier="range", value=None, low=Decimal(100_000), high=Decimal(300_000))

    assert (figure.value, figure.low, figure.high) == (None, 100_000, 300_000)


def test_a_range_with_low_above_high_is_refused():
    with pytest.raises(ValidationError, match="below the low"):
        make_figure(qualifier="range", value=None, low=Decimal(300), high=Decimal(100))
    assert Figure.objects.count() == 0


def test_bounds_that_contradict_the_qualifier_are_refused_not_corrected():
    with pytest.raises(ValidationError) as refused:
        make_figure(qualifier="more_than", value=Decimal(30), high=Decimal(40))

    assert "high" in refused.value.message_dict


def test_a_vague_figure_needs_its_smallest_value():
    with pytest.raises(ValidationError, match="smallest value"):
        make_figure(exact="30", qualifier="vague", value=None)


def test_a_figure_cannot_point_at_a_claim_of_another_article():
    claim = make_claim()

    with pytest.raises(ValidationError, match="same article"):
        make_figure(make_article(), claim=claim)
