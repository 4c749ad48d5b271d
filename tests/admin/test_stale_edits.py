"""Two editors on the same record: the second save on an out-of-date copy is refused, not applied."""

import re

import pytest
from django.urls import reverse

from facts.models import Person, record_etag
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def opened_etag(editor_client, url: str) -> str:
    html = editor_client.get(url).content.decode()
    return re.search(r'name="_record_etag" value="([^"]+)"', html).group(1).replace("&quot;", '"')


def test_the_change_page_carries_the_records_etag(editor_client):
    person = make_person()

    etag = opened_etag(editor_client, reverse("admin:facts_person_change", args=[person.pk]))

    assert etag == record_etag(person)


def test_saving_an_out_of_date_copy_is_refused_and_keeps_the_other_change(editor_client):
    person = make_person("Gordon Flake")
    url = reverse("admin:facts_person_change", args=[person.pk])
    etag = opened_etag(editor_client, url)
    Person.objects.filter(pk=person.pk).update(aliases=["Mr. Flake"])  # another editor saves first

    response = editor_client.post(url, {"name": "Gordon A. Flake", "aliases": "", "_record_etag": etag})

    assert response.status_code == 200
    assert "Someone else changed this record after you opened it" in response.content.decode()
    person.refresh_from_db()
    assert (person.name, person.aliases) == ("Gordon Flake", ["Mr. Flake"])


def test_saving_the_current_copy_works(editor_client):
    person = make_person("Gordon Flake")
    url = reverse("admin:facts_person_change", args=[person.pk])
    etag = opened_etag(editor_client, url)

    response = editor_client.post(url, {"name": "Gordon A. Flake", "aliases": "Mr. Flake", "_record_etag": etag})

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.aliases) == ("Gordon A. Flake", ["Mr. Flake"])


def test_a_save_without_the_etag_is_refused(editor_client):
    person = make_person("Gordon Flake")

    response = editor_client.post(
        reverse("admin:facts_person_change", args=[person.pk]), {"name": "Changed", "aliases": ""}
    )

    assert "Someone else changed this record" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Gordon Flake"
