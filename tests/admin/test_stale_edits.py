"""Two editors on the same record: the second save on an out-of-date copy is refused, not applied."""

import re

import pytest
from django.contrib.admin import site
from django.urls import reverse

from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Person, Role, record_etag
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


def opened_delete_page(editor_client, record) -> tuple[str, str]:
    url = reverse(f"admin:facts_{record._meta.model_name}_delete", args=[record.pk])
    return url, opened_etag(editor_client, url)


def test_the_delete_page_carries_the_records_etag(editor_client):
    person = make_person()

    _, etag = opened_delete_page(editor_client, person)

    assert etag == record_etag(person)


@pytest.mark.parametrize("sent", ["stale", None], ids=["stale etag", "no etag"])
def test_a_delete_confirmed_on_an_out_of_date_copy_is_refused(editor_client, sent):
    person = make_person("Gordon Flake")
    url, etag = opened_delete_page(editor_client, person)
    Person.objects.filter(pk=person.pk).update(aliases=["Mr. Flake"])  # another editor saves first

    response = editor_client.post(url, {"post": "yes", **({"_record_etag": etag} if sent else {})}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "Someone else changed this record after you opened the delete page" in response.text
    assert Person.objects.filter(pk=person.pk, aliases=["Mr. Flake"]).exists()


def test_a_delete_confirmed_on_the_current_copy_deletes(editor_client):
    person = make_person("Gordon Flake")
    url, etag = opened_delete_page(editor_client, person)

    response = editor_client.post(url, {"post": "yes", "_record_etag": etag})

    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_delete_of_a_missing_record_is_the_admins_usual_answer(editor_client):
    response = editor_client.post(reverse("admin:facts_person_delete", args=[999999]), {"post": "yes"})

    assert response.status_code == 302  # to the admin index, with "doesn't exist"


@pytest.mark.parametrize("model", [Person, Organization, Measure, Article, Claim, Figure, Mention, Role])
def test_the_bulk_delete_action_is_not_offered(rf, editor, model):
    request = rf.get("/")
    request.user = editor

    actions = site._registry[model].get_actions(request)

    assert "delete_selected" not in actions
