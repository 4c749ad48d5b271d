"""The ClaimReview export against Google's fact-check guide, and as JSON-LD a processor expands.

Google's guide: "Fact check (ClaimReview) structured data",
https://developers.google.com/search/docs/appearance/structured-data/factcheck (its
"Structured data type definitions": ClaimReview, Claim, Rating). The fields below are its
required and recommended properties, as listed there.
"""

import json
from datetime import date
from pathlib import Path

import pytest
from django.test import override_settings
from pyld import jsonld

from facts import services
from facts.models import Claim
from tests.factories import make_article, make_claim, make_organization, make_person

pytestmark = pytest.mark.django_db

# Google's guide, ClaimReview: required claimReviewed, reviewRating, url; recommended author,
# datePublished, itemReviewed.
CLAIM_REVIEW_REQUIRED = {"claimReviewed", "reviewRating", "url"}
CLAIM_REVIEW_RECOMMENDED = {"author", "datePublished", "itemReviewed"}
# Claim: recommended appearance, author, datePublished, firstAppearance. firstAppearance is left
# out on purpose: an article is where we saw the claim, not where it first appeared.
CLAIM_RECOMMENDED = {"appearance", "author", "datePublished"}
# Rating: required alternateName; recommended bestRating, name, ratingValue, worstRating. `name`
# repeats alternateName in the guide's examples; we give alternateName only.
RATING_REQUIRED = {"alternateName"}
RATING_RECOMMENDED_NUMERIC = {"bestRating", "ratingValue", "worstRating"}
SUMMARY_LIMIT = 75  # the guide: keep claimReviewed under 75 characters

PUBLISHER = {
    "FACTBASE_PUBLISHER_NAME": "Example Fact Check",
    "FACTBASE_PUBLISHER_URL": "https://factcheck.example.org/",
    "FACTBASE_PUBLISHER_LOGO_URL": "https://factcheck.example.org/logo.png",
}
SCHEMA_ORG_CONTEXT = Path(__file__).parent / "data" / "schemaorg-context.jsonld"


def offline_loader(url: str, options: dict | None = None) -> dict:
    """Serve schema.org's context from a local file; any other document is refused (no network)."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the JSON-LD processor asked for {url}: tests never go to the network")
    document = json.loads(SCHEMA_ORG_CONTEXT.read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}


def export(anonymous, claim: Claim) -> dict:
    response = anonymous.get(f"/api/v1/claim-reviews/{claim.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def quoted(db) -> Claim:
    article = make_article(
        "Thousands have crossed this year, said Gordon Flake, and more will follow.",
        title="Refugees cross the border",
        publisher="The Daily Example",
        published_on=date(2002, 5, 14),
        url="https://news.example.com/refugees",
    )
    claim = make_claim(article, exact="Thousands have crossed this year,", speaker_person=make_person())
    services.claim_review(claim=claim, status="disputed", note="Counts differ between agencies.")
    return claim


@override_settings(**PUBLISHER)
def test_the_export_has_every_required_and_recommended_field_of_googles_guide(anonymous, quoted):
    review = export(anonymous, quoted)

    assert set(review) >= CLAIM_REVIEW_REQUIRED | CLAIM_REVIEW_RECOMMENDED
    assert set(review["itemReviewed"]) >= CLAIM_RECOMMENDED
    assert "firstAppearance" not in review["itemReviewed"]
    assert set(review["reviewRating"]) >= RATING_REQUIRED | RATING_RECOMMENDED_NUMERIC
    assert None not in review.values()
    assert review["url"] == f"http://testserver/claims/{quoted.pk}/"  # the page hosting the fact check
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example.org/",
        "logo": "https://factcheck.example.org/logo.png",
    }
    assert review["itemReviewed"]["author"]["@type"] == "Person"
    assert review["itemReviewed"]["datePublished"] == "2002-05-14"
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example.com/refugees"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Disputed",
        "ratingValue": 3,
        "bestRating": 5,
        "worstRating": 1,
    }


@override_settings(**PUBLISHER)
def test_the_export_expands_as_json_ld_to_schema_org_terms(anonymous, quoted):
    review = export(anonymous, quoted)

    [node] = jsonld.expand(review, {"documentLoader": offline_loader})

    schema = "http://schema.org/"
    assert node["@type"] == [f"{schema}ClaimReview"]
    assert node[f"{schema}url"] == [{"@id": f"http://testserver/claims/{quoted.pk}/"}]
    assert node[f"{schema}claimReviewed"] == [{"@value": review["claimReviewed"]}]
    [item] = node[f"{schema}itemReviewed"]
    assert item["@type"] == [f"{schema}Claim"]
    assert item[f"{schema}author"][0]["@type"] == [f"{schema}Person"]
    [rating] = node[f"{schema}reviewRating"]
    assert rating[f"{schema}ratingValue"] == [{"@value": 3}]
    # Every key became a schema.org term: none was dropped as unknown.
    assert set(node) == {"@id", "@type", *(f"{schema}{key}" for key in review if not key.startswith("@"))}


def test_without_a_publisher_setting_the_export_names_no_author(anonymous, quoted):
    assert "author" not in export(anonymous, quoted)


def test_claim_reviewed_is_the_editors_summary_when_written(anonymous, quoted):
    services.record_update(instance=quoted, changes={"summary": "Thousands crossed the border this year"})

    assert export(anonymous, quoted)["claimReviewed"] == "Thousands crossed the border this year"


def test_without_a_summary_claim_reviewed_is_the_quote_shortened_at_a_word_in_quotation_marks(anonymous):
    words = "Tens of thousands of North Koreans have fled to neighboring China over the past decade, she says."
    claim = make_claim(make_article(words), exact=words.removesuffix(" she says."), kind="paraphrase")
    services.claim_review(claim=claim, status="verified")

    reviewed = export(anonymous, claim)["claimReviewed"]

    assert len(reviewed) <= SUMMARY_LIMIT
    assert reviewed.startswith("“Tens of thousands") and reviewed.endswith("…”")
    assert claim.exact.startswith(reviewed.removeprefix("“").removesuffix("…”"))
    assert reviewed.removesuffix("…”")[-1] != " " and words[len(reviewed) - 3] == " "  # cut between words


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("organization", {"author": {"@type": "Organization", "name": "Mansfield Center"}}),
        ("group", {"creditText": "some activists"}),
        ("own voice, publisher known", {"author": {"@type": "Organization", "name": "The Daily Example"}}),
        ("own voice, publisher unknown", {}),
    ],
)
def test_speakers_are_typed_by_what_they_are_and_a_group_is_not_an_organization(anonymous, speaker, expected):
    publisher = "The Daily Example" if speaker != "own voice, publisher unknown" else None
    article = make_article("Some activists say 300,000 are hiding.", publisher=publisher)
    fields = {
        "organization": {"speaker_organization": make_organization()},
        "group": {"speaker_group": "some activists"},
    }.get(speaker, {})
    claim = make_claim(article, exact="300,000 are hiding.", kind="assertion", **fields)
    services.claim_review(claim=claim, status="verified")

    item = export(anonymous, claim)["itemReviewed"]

    found = {key: item[key] for key in ("author", "creditText") if key in item}
    if "author" in found:
        found["author"] = {key: value for key, value in found["author"].items() if key != "url"}
    assert found == expected


@pytest.mark.parametrize(
    ("status", "value", "words"),
    [
        ("verified", 5, "Verified"),
        ("disputed", 3, "Disputed"),
        ("false", 1, "False"),
        ("unverifiable", None, "Unverifiable"),
        ("retracted", None, "Retracted by its source"),
    ],
)
def test_each_verdict_has_its_documented_rating_and_retracted_is_not_false(anonymous, quoted, status, value, words):
    services.claim_review(claim=quoted, status=status)

    rating = export(anonymous, quoted)["reviewRating"]

    assert rating["alternateName"] == words
    assert rating.get("ratingValue") == value
