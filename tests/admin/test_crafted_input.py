"""Crafted ids, dates, numbers and choices in the admin's query strings and paths: never a 500.

Each is answered as the admin answers a bad value of its own: a 4xx, a redirect with its
message ("doesn't exist", the changelist's `?e=1`), or the page without the bad value.
"""

import pytest
from django.urls import reverse

from tests.factories import make_claim

pytestmark = pytest.mark.django_db

CRAFTED = ["abc", "1.5", "-1", "9" * 30, "%ED%A0%80", "1,abc", "2026-13-45", " "]
MODELS = ["article", "claim", "figure", "mention", "role", "person", "organization", "measure", "proposal", "review"]
# The fields the add forms take from the query string (the article page's "Add claim" buttons).
ADD_FORM_FIELDS = {
    "claim": ["article", "speaker_person", "speaker_organization", "kind", "start"],
    "figure": ["article", "measure", "claim", "speaker_person", "qualifier", "value", "low"],
    "mention": ["article", "person", "organization"],
    "role": ["article", "person", "organization", "affiliation"],
    "article": ["published_on", "url"],
}
CHANGELIST_PARAMETERS = [
    "article__id__exact",
    "speaker_person__id__exact",
    "review_status__exact",
    "created_at__gte",
    "published_on__gte",
    "o",
    "p",
    "q",
    "e",
    "all",
    "_to_field",
    "_popup",
]


def assert_answered(response, url: str) -> None:
    assert response.status_code < 500, url


@pytest.mark.parametrize(("model", "fields"), ADD_FORM_FIELDS.items())
def test_an_add_form_with_a_crafted_initial_value_is_answered(editor_client, model, fields):
    for field in fields:
        for value in CRAFTED:
            url = f"{reverse(f'admin:facts_{model}_add')}?{field}={value}"
            assert_answered(editor_client.get(url), url)


def test_an_add_form_with_an_article_that_is_no_id_shows_the_form_without_it(editor_client):
    response = editor_client.get(reverse("admin:facts_claim_add") + "?article=abc")

    assert response.status_code == 200
    assert response.context["adminform"].form.initial.get("article") is None


@pytest.mark.parametrize("model", MODELS)
def test_a_changelist_with_crafted_parameters_is_answered(editor_client, model):
    make_claim()
    for parameter in CHANGELIST_PARAMETERS:
        for value in CRAFTED:
            url = f"{reverse(f'admin:facts_{model}_changelist')}?{parameter}={value}"
            assert_answered(editor_client.get(url), url)


@pytest.mark.parametrize("model", MODELS)
def test_a_crafted_id_in_an_admin_path_is_answered(editor_client, model):
    make_claim()
    base = reverse(f"admin:facts_{model}_changelist")
    for value in CRAFTED:
        for tail in ["change/", "delete/", "history/", "history/1/revert/", "review/", "accept/", "reject/"]:
            url = f"{base}{value}/{tail}"
            assert_answered(editor_client.get(url), url)
            assert_answered(editor_client.post(url, {}), url)
    for url in [f"{base}deleted/{'9' * 30}/restore/", f"{base}1/history/{'9' * 30}/revert/"]:
        assert_answered(editor_client.get(url), url)
        assert_answered(editor_client.post(url, {}), url)


def test_autocomplete_with_crafted_parameters_is_answered(editor_client):
    make_claim()
    for query in [
        "app_label=facts&model_name=claim&field_name=article&term=abc",
        "app_label=facts&model_name=claim&field_name=nope&term=a",
        "app_label=facts&model_name=nope&field_name=article",
        "app_label=facts&model_name=claim&field_name=article&page=abc",
        f"app_label=facts&model_name=claim&field_name=article&page={'9' * 30}",
    ]:
        url = f"/admin/autocomplete/?{query}"
        assert_answered(editor_client.get(url), url)
