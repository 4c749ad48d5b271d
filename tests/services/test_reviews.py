"""Reviewing a claim: the verdict is recorded and becomes the claim's status."""

import pytest
from django.core.exceptions import ValidationError

from facts.models import Claim
from facts.services import claim_review
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def test_reviewing_a_claim_records_the_verdict_and_updates_its_status(django_user_model):
    claim = make_claim()
    editor = django_user_model.objects.create_user("editor")

    review = claim_review(
        claim=claim, status=Claim.ReviewStatus.DISPUTED, note="Other sources differ.", reviewer=editor
    )

    claim.refresh_from_db()
    assert claim.review_status == "disputed"
    assert (review.reviewer, review.note) == (editor, "Other sources differ.")


def test_a_review_with_an_unknown_status_is_refused_and_changes_nothing():
    claim = make_claim()

    with pytest.raises(ValidationError):
        claim_review(claim=claim, status="probably")

    claim.refresh_from_db()
    assert claim.review_status == "unreviewed"
    assert claim.reviews.count() == 0
