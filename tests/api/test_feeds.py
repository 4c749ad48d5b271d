"""Atom feeds of newly reviewed claims: all of them, one person's, one measure's."""

import xml.etree.ElementTree as ET

import pytest

from facts.models import Claim, Measure, Person
from facts.services import claim_review

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_the_feed_lists_reviews_newest_first_with_the_claim_and_the_note(anonymous, seed, editor_user):
    first, second = Claim.objects.order_by("pk")[:2]
    claim_review(claim=first, status="verified", reviewer=editor_user)
    claim_review(claim=second, status="disputed", note="Other estimates differ.", reviewer=editor_user)

    items = entries(anonymous.get("/api/v1/feeds/reviews.atom"))

    assert [item["link"] for item in items] == [
        f"http://testserver/api/v1/claims/{second.pk}/",
        f"http://testserver/api/v1/claims/{first.pk}/",
    ]
    assert items[0]["title"].startswith("Disputed: “")
    assert items[0]["summary"].endswith("Other estimates differ.")
    assert items[0]["id"].startswith("http://testserver/api/v1/claims/")


def test_a_persons_feed_has_only_the_reviews_of_what_they_said(anonymous, seed):
    flake = Person.objects.get(name="Gordon Flake")
    claim_review(claim=flake.claims.first(), status="verified")
    claim_review(claim=Claim.objects.exclude(speaker_person=flake).first(), status="false")

    items = entries(anonymous.get(f"/api/v1/feeds/people/{flake.pk}/reviews.atom"))

    assert len(items) == 1
    assert "Said by Gordon Flake." in items[0]["summary"]


def test_a_measures_feed_has_the_reviews_of_claims_giving_its_figures(anonymous, seed):
    measure = Measure.objects.get(name="North Korean refugees in China")
    claim = measure.figures.exclude(claim=None).first().claim
    claim_review(claim=claim, status="disputed")
    claim_review(claim=Claim.objects.filter(figures=None).first(), status="verified")

    items = entries(anonymous.get(f"/api/v1/feeds/measures/{measure.pk}/reviews.atom"))

    assert [item["link"] for item in items] == [f"http://testserver/api/v1/claims/{claim.pk}/"]


@pytest.mark.parametrize("pk", ["999999", "9" * 30])
@pytest.mark.parametrize("resource", ["people", "measures"])
def test_a_feed_of_no_such_record_is_404(anonymous, resource, pk):
    assert anonymous.get(f"/api/v1/feeds/{resource}/{pk}/reviews.atom").status_code == 404
