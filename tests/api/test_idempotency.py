"""Idempotency-Key: a retried POST gets the first answer instead of a duplicate."""

import pytest

from facts.models import Article, Claim, Review
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_retried_create_with_the_same_key_returns_the_first_answer_and_writes_once(editor):
    article = make_article('Officials said "we are overwhelmed," twice.')
    payload = {"article": article.pk, "exact": "we are overwhelmed,", "kind": "direct_quote"}

    first = editor.post("/api/v1/claims/", payload, HTTP_IDEMPOTENCY_KEY="7f1c-retry")
    retry = editor.post("/api/v1/claims/", payload, HTTP_IDEMPOTENCY_KEY="7f1c-retry")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert (retry["Location"], retry["ETag"]) == (first["Location"], first["ETag"])
    assert retry["Idempotent-Replayed"] == "true"
    assert Claim.objects.count() == 1


def test_without_a_key_the_second_create_is_refused_as_a_duplicate(editor):
    article = make_article('Officials said "we are overwhelmed," twice.')
    payload = {"article": article.pk, "exact": "we are overwhelmed,", "kind": "direct_quote"}

    editor.post("/api/v1/claims/", payload)
    second = editor.post("/api/v1/claims/", payload)

    assert second.status_code == 400
    assert Claim.objects.count() == 1


def test_a_key_reused_for_a_different_request_is_422_and_writes_nothing(editor):
    editor.post("/api/v1/articles/", {"body": "First text."}, HTTP_IDEMPOTENCY_KEY="same-key")

    response = editor.post("/api/v1/articles/", {"body": "Second text."}, HTTP_IDEMPOTENCY_KEY="same-key")

    assert response.status_code == 422
    assert "already used for a different request" in response.json()["detail"]
    assert list(Article.objects.values_list("body", flat=True)) == ["First text."]


def test_a_refused_request_does_not_use_up_its_key(editor):
    refused = editor.post("/api/v1/articles/", {"body": ""}, HTTP_IDEMPOTENCY_KEY="k1")
    # The corrected request under the same key: were the 400 kept for the key, this would be
    # answered 422 (a different request) or the 400 again, and store nothing.
    corrected = editor.post("/api/v1/articles/", {"body": "Sent again with a body."}, HTTP_IDEMPOTENCY_KEY="k1")

    assert refused.status_code == 400
    assert corrected.status_code == 201, corrected.json()
    assert "Idempotent-Replayed" not in corrected
    assert corrected.json()["id"] == Article.objects.get(body="Sent again with a body.").pk


def test_keys_belong_to_the_account_that_sent_them(editor, db, django_user_model):
    from tests.factories import client_for, editors_group

    other_user = django_user_model.objects.create_user("other")
    other_user.groups.add(editors_group())
    other = client_for(other_user)

    editor.post("/api/v1/articles/", {"body": "Mine."}, HTTP_IDEMPOTENCY_KEY="shared")
    theirs = other.post("/api/v1/articles/", {"body": "Theirs."}, HTTP_IDEMPOTENCY_KEY="shared")

    assert theirs.status_code == 201
    assert Article.objects.count() == 2


def test_a_retried_review_records_one_verdict(editor, seed):
    claim = Claim.objects.first()

    for _ in range(2):
        response = editor.post(
            f"/api/v1/claims/{claim.pk}/review/", {"status": "verified"}, HTTP_IDEMPOTENCY_KEY="review-1"
        )
        assert response.status_code == 201

    assert Review.objects.filter(claim=claim).count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve"])
def test_an_unusable_key_is_400(editor, key):
    response = editor.post("/api/v1/articles/", {"body": "Text."}, HTTP_IDEMPOTENCY_KEY=key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert Article.objects.count() == 0
