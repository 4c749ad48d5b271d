"""Editors give people and organizations their Wikidata identifiers in the admin."""

import pytest
from django.urls import reverse

from facts.models import Organization, Person, record_etag
from tests.factories import make_organization, make_person

pytestmark = pytest.mark.django_db


def change(client, model: str, record, **values):
    url = reverse(f"admin:facts_{model}_change", args=[record.pk])
    form = {"name": record.name, "aliases": "", "_record_etag": record_etag(record), **values}
    return client.post(url, form)


def test_an_editor_sets_a_wikidata_id_in_the_admin(editor_client):
    person = make_person()

    response = change(editor_client, "person", person, wikidata_id="Q5586427")

    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).wikidata_id == "Q5586427"


def test_a_malformed_wikidata_id_is_refused_on_the_form(editor_client):
    organization = make_organization()

    response = change(editor_client, "organization", organization, wikidata_id="wd:Q130")

    assert response.status_code == 200
    assert "is not a Wikidata item identifier" in response.content.decode()
    assert Organization.objects.get(pk=organization.pk).wikidata_id is None


def test_leaving_the_wikidata_id_empty_stores_none(editor_client):
    person = make_person()

    response = change(editor_client, "person", person, wikidata_id="")

    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).wikidata_id is None
