"""Every list refuses what it does not understand: unknown parameters, orderings, facets, counts."""

import pytest

from facts.models import Measure, Person
from tests.api.conftest import LISTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/people/{person}/claims/", "/api/v1/measures/{measure}/comparison/"])
def test_an_unknown_query_parameter_is_400_naming_it_and_listing_those_taken(anonymous, seed, url):
    url = url.format(person=Person.objects.first().pk, measure=Measure.objects.first().pk)

    response = anonymous.get(url, {"speakr_person": "2"})

    assert response.status_code == 400
    [message] = response.json()["speakr_person"]
    assert message.startswith("Unknown parameter. This takes: ")
    assert "format" in message


def test_a_misspelt_filter_no_longer_answers_the_whole_list(anonymous, seed):
    flake = Person.objects.get(name="Gordon Flake")

    right = anonymous.get("/api/v1/claims/", {"speaker_person": flake.pk})
    wrong = anonymous.get("/api/v1/claims/", {"speakr_person": flake.pk})

    assert right.status_code == 200
    assert wrong.status_code == 400
    assert "speaker_person" in wrong.json()["speakr_person"][0]


def test_every_unknown_parameter_is_named(anonymous):
    response = anonymous.get("/api/v1/claims/?colour=red&size=9&kind=assertion")

    assert response.status_code == 400
    assert set(response.json()) == {"colour", "size"}


@pytest.mark.parametrize("ordering", ["foo", "body", "-nonexistent", "", "id,start", "--id", "speaker_person__name"])
def test_an_ordering_a_list_does_not_offer_is_400_listing_those_it_offers(anonymous, ordering):
    response = anonymous.get("/api/v1/claims/", {"ordering": ordering})

    assert response.status_code == 400
    [message] = response.json()["ordering"]
    assert "Give one of: id, -id, article_published_on, -article_published_on" in message


def test_ordering_may_be_given_once(anonymous):
    response = anonymous.get("/api/v1/claims/?ordering=id&ordering=-id")

    assert response.status_code == 400
    assert "ordering" in response.json()


@pytest.mark.parametrize("facet", ["colour", "", "body"])
def test_a_facet_a_list_does_not_offer_is_400_listing_those_it_offers(anonymous, facet):
    response = anonymous.get("/api/v1/claims/", {"facet": facet})

    assert response.status_code == 400
    [message] = response.json()["facet"]
    assert "Give one or more of: article, publisher, speaker_person" in message


@pytest.mark.parametrize("count", ["yes", "", "1", "TRUE"])
def test_count_is_true_or_false(anonymous, count):
    response = anonymous.get("/api/v1/claims/", {"count": count})

    assert response.status_code == 400
    assert response.json() == {"count": ["Give one of: true, false (once)."]}


def test_a_sub_resource_takes_only_its_pages_and_format(anonymous, seed):
    flake = Person.objects.get(name="Gordon Flake")

    assert anonymous.get(f"/api/v1/people/{flake.pk}/claims/", {"page_size": 2, "format": "json"}).status_code == 200
    refused = anonymous.get(f"/api/v1/people/{flake.pk}/claims/", {"kind": "paraphrase"})
    assert refused.status_code == 400
    assert refused.json() == {"kind": ["Unknown parameter. This takes: cursor, format, offsets, page_size."]}


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("/api/v1/articles/1/annotations/?format=csv", "jsonld, json"),
        ("/api/v1/claims/?format=xml", "json, csv"),
        ("/api/v1/claims/?format=", "json, csv"),
        ("/api/v1/claim-reviews/?format=yaml", "jsonld, json, csv"),
    ],
)
def test_a_format_a_resource_does_not_offer_is_406_listing_those_it_offers(anonymous, seed, url, accepted):
    response = anonymous.get(url)

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert f"give one of {accepted}, or leave it out" in response.json()["detail"]
