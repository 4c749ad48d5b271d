"""Links out: Wikidata identifiers on people and organizations, sameAs in JSON-LD, and where annotations point."""

import pytest
from django.db import IntegrityError, transaction

from facts.models import Organization, Person, record_etag
from facts.services import claim_review
from tests.factories import make_article, make_claim, make_organization, make_person

pytestmark = pytest.mark.django_db


def patch(client, resource: str, record, data: dict):
    return client.patch(f"/api/v1/{resource}/{record.pk}/", data, format="json", HTTP_IF_MATCH=record_etag(record))


@pytest.mark.parametrize(("resource", "make"), [("people", make_person), ("organizations", make_organization)])
def test_an_editor_sets_a_wikidata_id_and_every_reader_sees_it(editor, anonymous, resource, make):
    record = make()

    response = patch(editor, resource, record, {"wikidata_id": "Q42"})

    assert response.status_code == 200, response.json()
    assert response.json()["wikidata_id"] == "Q42"
    assert anonymous.get(f"/api/v1/{resource}/").json()["results"][0]["wikidata_id"] == "Q42"
    assert anonymous.get(f"/api/v1/{resource}/{record.pk}/").json()["wikidata_id"] == "Q42"


@pytest.mark.parametrize("bad", ["q42", "Q042", "Q0", "42", "Q42 ", "https://www.wikidata.org/wiki/Q42", "P31", ""])
def test_anything_but_a_wikidata_item_identifier_is_refused_naming_the_field(editor, bad):
    person = make_person()

    response = patch(editor, "people", person, {"wikidata_id": bad})

    assert response.status_code == 400
    assert "wikidata_id" in response.json()
    assert Person.objects.get(pk=person.pk).wikidata_id is None


def test_a_wikidata_id_already_given_to_someone_else_is_refused(editor):
    Person.objects.filter(pk=make_person("Douglas Adams").pk).update(wikidata_id="Q42")
    other = make_person("Gordon Flake")

    response = patch(editor, "people", other, {"wikidata_id": "Q42"})

    assert response.status_code == 400
    assert "Wikidata ID" in str(response.json())
    assert Person.objects.get(pk=other.pk).wikidata_id is None


def test_a_wikidata_id_can_be_cleared_with_null(editor):
    person = make_person()
    Person.objects.filter(pk=person.pk).update(wikidata_id="Q42")
    person.refresh_from_db()

    response = patch(editor, "people", person, {"wikidata_id": None})

    assert response.status_code == 200
    assert Person.objects.get(pk=person.pk).wikidata_id is None


def test_the_database_refuses_a_malformed_or_repeated_wikidata_id_written_around_the_api():
    first, second = make_organization("UNHCR"), make_organization("Human Rights Watch")
    Organization.objects.filter(pk=first.pk).update(wikidata_id="Q130")

    with pytest.raises(IntegrityError, match="wikidata_id_format"), transaction.atomic():
        Organization.objects.filter(pk=second.pk).update(wikidata_id="Q0130")
    with pytest.raises(IntegrityError, match="wikidata_id_unique"), transaction.atomic():
        Organization.objects.filter(pk=second.pk).update(wikidata_id="Q130")


def test_the_list_filters_by_wikidata_id_exactly(anonymous):
    adams, _ = make_person("Douglas Adams"), make_person("Gordon Flake")
    Person.objects.filter(pk=adams.pk).update(wikidata_id="Q42")
    Person.objects.filter(name="Gordon Flake").update(wikidata_id="Q420")

    found = anonymous.get("/api/v1/people/", {"wikidata_id": "Q42"}).json()["results"]
    refused = anonymous.get("/api/v1/people/", {"wikidata_id": "42"})
    empty = anonymous.get("/api/v1/people/", {"wikidata_id": ""})

    assert [person["name"] for person in found] == ["Douglas Adams"]
    assert refused.status_code == 400 and "wikidata_id" in refused.json()
    assert empty.status_code == 400
    assert empty.json()["wikidata_id"] == ["Empty: give a value, or leave the parameter out."]


def test_a_claim_review_names_its_speaker_with_same_as_the_wikidata_entity(anonymous):
    person = make_person("Gordon Flake")
    Person.objects.filter(pk=person.pk).update(wikidata_id="Q5586427")
    claim = make_claim(speaker_person=person)
    claim_review(claim=claim, status="verified")

    review = anonymous.get(f"/api/v1/claim-reviews/{claim.pk}/").json()

    author = review["itemReviewed"]["author"]
    assert author == {
        "@type": "Person",
        "name": "Gordon Flake",
        "url": f"http://testserver/people/{person.pk}/",
        "sameAs": "https://www.wikidata.org/entity/Q5586427",
    }


def test_a_speaker_without_a_wikidata_id_has_no_same_as(anonymous):
    claim = make_claim(speaker_person=make_person())
    claim_review(claim=claim, status="verified")

    author = anonymous.get(f"/api/v1/claim-reviews/{claim.pk}/").json()["itemReviewed"]["author"]

    assert "sameAs" not in author


def test_annotations_target_the_publishers_page_when_its_address_is_known(anonymous):
    article = make_article(url="https://news.example.org/2026/refugees")
    make_claim(article=article)

    page = anonymous.get(f"/api/v1/articles/{article.pk}/annotations/").json()

    assert [item["target"]["source"] for item in page["items"]] == ["https://news.example.org/2026/refugees"]
    assert page["items"][0]["creator"] == {"id": "http://testserver/api/v1/", "type": "Software", "name": "Factbase"}
    assert page["partOf"]["id"] == f"http://testserver/api/v1/articles/{article.pk}/"


def test_merging_keeps_the_duplicates_wikidata_id_when_the_kept_record_has_none():
    from facts.services import person_merge

    keep, duplicate = make_person("Gordon Flake"), make_person("G. Flake")
    Person.objects.filter(pk=duplicate.pk).update(wikidata_id="Q5586427")

    kept = person_merge(keep=keep, duplicate=duplicate)

    assert kept.wikidata_id == "Q5586427"


def test_records_with_different_wikidata_ids_are_not_merged():
    from django.core.exceptions import ValidationError

    from facts.services import person_merge

    keep, duplicate = make_person("Gordon Flake"), make_person("G. Flake")
    Person.objects.filter(pk=keep.pk).update(wikidata_id="Q1")
    Person.objects.filter(pk=duplicate.pk).update(wikidata_id="Q2")
    keep.refresh_from_db()

    with pytest.raises(ValidationError, match="different people on Wikidata"):
        person_merge(keep=keep, duplicate=duplicate)
    assert Person.objects.count() == 2
