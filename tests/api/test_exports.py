"""Exports: CSV for lists, schema.org ClaimReview for reviewed claims."""

import csv
import io

import pytest

from facts.models import Claim, Person
from facts.services import claim_review

pytestmark = pytest.mark.django_db


def test_a_list_exports_as_csv_with_flattened_passages_exactly_as_stored(anonymous, seed):
    flake = Person.objects.get(name="Gordon Flake")

    response = anonymous.get("/api/v1/claims/", {"speaker_person": flake.pk, "format": "csv", "page_size": 500})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == flake.claims.count()
    assert {"passage.start", "passage.exact", "speaker.name", "article.id"} <= set(rows[0])
    stored = {claim.exact for claim in flake.claims.all()}
    assert {row["passage.exact"] for row in rows} == stored


def test_csv_is_also_chosen_by_the_accept_header_and_carries_the_next_page_link(anonymous, seed):
    response = anonymous.get("/api/v1/claims/?page_size=5", HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="next"' in response["Link"]
    assert len(list(csv.DictReader(io.StringIO(response.content.decode())))) == 5


def test_reviewed_claims_export_as_schema_org_claim_review(anonymous, seed, editor_user):
    claim = Claim.objects.get(exact__startswith="They come to Thailand")
    claim_review(claim=claim, status="disputed", note="The count of countries is unclear.", reviewer=editor_user)

    response = anonymous.get("/api/v1/claim-reviews/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    [review] = response.json()["results"]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"].startswith("“They come to Thailand")  # no summary: the quote shortened
    assert review["reviewRating"]["alternateName"] == "Disputed"
    assert review["reviewBody"] == "The count of countries is unclear."
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Chun Ki-won",
        "url": f"http://testserver/people/{claim.speaker_person_id}/",
    }
    assert anonymous.get(f"/api/v1/claim-reviews/{claim.pk}/").json() == review


def test_unreviewed_claims_are_not_in_the_claim_review_export(anonymous, seed):
    assert anonymous.get("/api/v1/claim-reviews/").json()["results"] == []
    assert anonymous.get(f"/api/v1/claim-reviews/{Claim.objects.first().pk}/").status_code == 404
