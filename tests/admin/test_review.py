"""Reviewing claims: one at a time from the claim's page, or in bulk from the list."""

import pytest
from django.urls import reverse
from django.utils import timezone

from facts.models import Claim, Review
from tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db


def test_reviewing_a_claim_records_status_note_reviewer_and_date(editor_client, editor):
    claim = make_claim()
    before = timezone.now()

    response = editor_client.post(
        reverse("admin:facts_claim_review", args=[claim.pk]), {"status": "disputed", "note": "Sources differ."}
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:facts_claim_change", args=[claim.pk])
    claim.refresh_from_db()
    review = claim.reviews.get()
    assert claim.review_status == "disputed"
    assert (review.status, review.note, review.reviewer) == ("disputed", "Sources differ.", editor)
    assert before <= review.reviewed_at <= timezone.now()


def test_the_claim_page_offers_the_review_and_lists_past_reviews(editor_client):
    claim = make_claim()
    editor_client.post(reverse("admin:facts_claim_review", args=[claim.pk]), {"status": "verified", "note": "Checked."})

    response = editor_client.get(reverse("admin:facts_claim_change", args=[claim.pk]))

    assert reverse("admin:facts_claim_review", args=[claim.pk]) in response.text
    assert "Checked." in response.text


def test_a_review_without_a_status_is_refused_and_records_nothing(editor_client):
    claim = make_claim()

    response = editor_client.post(reverse("admin:facts_claim_review", args=[claim.pk]), {"note": "Hmm."})

    assert response.status_code == 200
    assert response.context["form"].errors["status"] == ["This field is required."]
    assert claim.reviews.count() == 0


def test_status_cannot_be_set_on_the_change_form_only_by_a_review(editor_client):
    claim = make_claim()
    url = reverse("admin:facts_claim_change", args=[claim.pk])
    page = editor_client.get(url)

    response = editor_client.post(
        url,
        {
            "kind": "paraphrase",
            "review_status": "verified",
            "reviews-TOTAL_FORMS": "0",
            "reviews-INITIAL_FORMS": "0",
            "_record_etag": page.context["record_etag"],
        },
    )

    assert response.status_code == 302  # saved, so the form was taken: the kind changed, the status did not
    claim.refresh_from_db()
    assert (claim.kind, claim.review_status) == ("paraphrase", "unreviewed")


@pytest.mark.parametrize("status", ["verified", "disputed", "false", "unverifiable", "retracted"])
def test_selected_claims_are_marked_in_bulk_from_the_list(status, editor_client, editor):
    article = make_article()
    chosen = [make_claim(article, exact="The border is open,"), make_claim(article, exact="more than 30 people")]
    other = make_claim(article, exact="Gordon Flake")

    selection = {"action": f"mark_{status}", "_selected_action": [claim.pk for claim in chosen]}

    confirmation = editor_client.post(reverse("admin:facts_claim_changelist"), selection)
    assert confirmation.status_code == 200  # a page asking for the note first, recording nothing yet
    assert not Review.objects.exists()
    no_note = editor_client.post(reverse("admin:facts_claim_changelist"), {**selection, "_confirm": "1", "note": ""})
    assert no_note.context["form"].errors["note"] == ["This field is required."]
    response = editor_client.post(
        reverse("admin:facts_claim_changelist"), {**selection, "_confirm": "1", "note": "Checked against the ministry."}
    )

    assert response.status_code == 302
    for claim in chosen:
        claim.refresh_from_db()
        assert claim.review_status == status
        review = claim.reviews.get()
        assert (review.reviewer, review.note) == (editor, "Checked against the ministry.")
    other.refresh_from_db()
    assert other.review_status == Claim.ReviewStatus.UNREVIEWED
