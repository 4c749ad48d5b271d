"""Facets and totals: how a filtered list divides among a filter's values, within a time budget."""

import pytest
from django.db.models.expressions import RawSQL

from facts.api import listing
from facts.api.facets import FACET_SIZE, Facet
from facts.api.views import ClaimViewSet
from facts.models import Article, Claim, Figure, Person
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def facet(response, name: str) -> dict:
    assert response.status_code == 200, response.json()
    return response.json()["facets"][name]


def test_a_facet_counts_the_whole_filtered_list_not_just_the_page(anonymous, seed):
    response = anonymous.get("/api/v1/claims/", {"facet": "kind", "page_size": 1})

    kinds = facet(response, "kind")
    expected = {kind: Claim.objects.filter(kind=kind).count() for kind in Claim.Kind.values}
    assert {value["value"]: value["count"] for value in kinds["values"]} == expected
    assert kinds["values"][0]["count"] == max(expected.values())  # most frequent first
    assert {value["label"] for value in kinds["values"]} == {"direct quote", "paraphrase", "assertion"}
    assert kinds["truncated"] is False
    assert kinds["timed_out"] is False


def test_a_facet_follows_the_filters_and_each_value_narrows_the_list_to_its_count(anonymous, seed):
    response = anonymous.get("/api/v1/claims/", {"facet": ["speaker_person", "speaker_type"], "kind": "direct_quote"})

    people = facet(response, "speaker_person")
    flake = Person.objects.get(name="Gordon Flake")
    quotes = flake.claims.filter(kind="direct_quote").count()
    assert {"value": str(flake.pk), "label": "Gordon Flake", "count": quotes} in people["values"]
    named = [value for value in people["values"] if value["value"] is not None]
    assert sum(value["count"] for value in people["values"]) == Claim.objects.filter(kind="direct_quote").count()
    for value in named:
        narrowed = anonymous.get("/api/v1/claims/", {"kind": "direct_quote", "speaker_person": value["value"]})
        assert len(narrowed.json()["results"]) == value["count"]
    types = {value["value"]: value["label"] for value in facet(response, "speaker_type")["values"]}
    assert types["person"] == "a person"


def test_records_without_a_value_are_one_bucket_with_value_null(anonymous, seed):
    Article.objects.filter(pk=Article.objects.order_by("pk").first().pk).update(publisher="VOA")

    publishers = facet(anonymous.get("/api/v1/articles/", {"facet": "publisher"}), "publisher")["values"]

    assert publishers == [
        {"value": None, "label": "(none)", "count": Article.objects.filter(publisher=None).count()},
        {"value": "VOA", "label": "VOA", "count": 1},
    ]


def test_a_facet_across_a_relation_counts_each_record_once(anonymous, seed):
    measures = facet(anonymous.get("/api/v1/claims/", {"facet": "measure"}), "measure")["values"]

    for value in measures:
        claims = Claim.objects.filter(figures__measure=value["value"]).distinct().count()
        assert value["count"] == claims
        assert value["label"] == Figure.objects.filter(measure=value["value"]).first().measure.name


def test_a_facet_with_more_values_than_it_shows_says_it_is_truncated(anonymous):
    for n in range(FACET_SIZE + 2):
        make_person(f"Person {n:02}")
        make_article(f"Story {n}.", language=f"x-{n:02}")

    languages = facet(anonymous.get("/api/v1/articles/", {"facet": "language"}), "language")

    assert len(languages["values"]) == FACET_SIZE
    assert languages["truncated"] is True


def test_an_article_without_a_title_is_labelled_by_its_id(anonymous, seed):
    articles = facet(anonymous.get("/api/v1/claims/", {"facet": "article"}), "article")["values"]

    ids = Article.objects.values_list("pk", flat=True)
    assert {value["label"] for value in articles} == {f"article {pk}" for pk in ids}


def test_a_facet_that_runs_out_of_time_says_so_and_the_page_is_still_answered(anonymous, seed, monkeypatch, settings):
    settings.FACTBASE_FACET_TIME_LIMIT_MS = 50
    slow = Facet("kind", RawSQL("(SELECT kind FROM pg_sleep(0.05))", []))  # 50 ms a row
    monkeypatch.setattr(ClaimViewSet, "facets", {**ClaimViewSet.facets, "kind": slow})

    response = anonymous.get("/api/v1/claims/", {"facet": ["kind", "review_status"], "count": "true"})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 50
    assert response.json()["total"]["timed_out"] is False
    assert response.json()["facets"] == {
        "kind": {"values": [], "truncated": False, "timed_out": True},
        # The budget is spent: what comes after is not even started.
        "review_status": {"values": [], "truncated": False, "timed_out": True},
    }


def test_the_timeout_ends_with_the_facets(anonymous, seed, settings):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
    anonymous.get("/api/v1/claims/", {"facet": "kind"})

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == before


def test_count_true_gives_the_total_of_the_filtered_list(anonymous, seed):
    response = anonymous.get("/api/v1/claims/", {"count": "true", "kind": "paraphrase", "page_size": 1})

    count = Claim.objects.filter(kind="paraphrase").count()
    assert response.json()["total"] == {"count": count, "capped": False, "display": str(count), "timed_out": False}
    assert "facets" not in response.json()


def test_a_total_beyond_the_cap_is_shown_as_the_cap_and_a_plus(anonymous, seed, monkeypatch):
    monkeypatch.setattr(listing, "COUNT_CAP", 10)

    response = anonymous.get("/api/v1/claims/", {"count": "true"})

    assert response.json()["total"] == {"count": 10, "capped": True, "display": "10+", "timed_out": False}


def test_without_facet_or_count_the_page_has_neither(anonymous, seed):
    assert set(anonymous.get("/api/v1/claims/").json()) == {"next", "previous", "results"}


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/figures/", "qualifier"),
        ("/api/v1/figures/", "measure"),
        ("/api/v1/people/", "article"),
        ("/api/v1/organizations/", "article"),
        ("/api/v1/measures/", "unit"),
        ("/api/v1/mentions/", "person"),
        ("/api/v1/roles/", "affiliation"),
        ("/api/v1/proposals/", "status"),
        ("/api/v1/claim-reviews/", "review_status"),
    ],
)
def test_every_list_offers_facets_for_its_categorical_filters(anonymous, seed, url, name):
    values = facet(anonymous.get(url, {"facet": name}), name)

    assert values["timed_out"] is False
    assert all(set(value) == {"value", "label", "count"} for value in values["values"])
