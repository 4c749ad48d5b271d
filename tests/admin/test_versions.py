"""In the admin, editors submit a corrected text, see an article's versions and carried facts, confirm fuzzy ones."""

import pytest
from django.urls import reverse

from facts.models import Article, CarriedFact, Claim
from facts.services import article_version_create
from tests.factories import make_article, make_claim
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

BODY = 'Mr. Flake spoke. "We are ready to help the refugees who arrive," he said. "The border is open," he added.'
READY = "We are ready to help the refugees who arrive,"


def test_the_submit_corrected_text_action_opens_the_correction_form_for_one_article(editor_client):
    article = make_article(BODY)
    changelist = reverse("admin:facts_article_changelist")

    response = editor_client.post(changelist, {"action": "submit_corrected_text", "_selected_action": [article.pk]})

    assert response.status_code == 302
    assert response.url == reverse("admin:facts_article_correct", args=[article.pk])


def test_an_editor_submits_a_corrected_text_and_sees_what_was_carried(editor_client):
    article = make_article(BODY, title="Flake speaks")
    make_claim(article, exact=READY)
    make_claim(article, exact="The border is open,")
    url = reverse("admin:facts_article_correct", args=[article.pk])
    corrected = BODY.replace("We are ready", "We are prepared")

    form = editor_client.get(url)
    stored = editor_client.post(url, {"body": corrected, "title": ""}, follow=True)
    run_queued_jobs("reanchor_version")
    version = Article.objects.get(previous_version=article)
    response = editor_client.get(reverse("admin:facts_article_change", args=[version.pk]))

    assert "Store corrected text" in form.text
    assert version.title == "Flake speaks"
    assert "Stored the corrected text as version 2; its facts are being carried over" in stored.text
    assert "1 exact, 0 moved, 1 fuzzy, 0 orphaned" in response.text
    assert "fuzzy (needs confirmation)" in response.text
    assert "<del>ready</del>" in response.text and "<ins>prepared</ins>" in response.text


def test_a_correction_identical_to_the_body_shows_the_reason_and_stores_nothing(editor_client):
    article = make_article(BODY)

    response = editor_client.post(reverse("admin:facts_article_correct", args=[article.pk]), {"body": BODY})

    assert response.status_code == 200
    assert "identical to the article&#x27;s body" in response.text
    assert Article.objects.count() == 1


def test_an_editor_confirms_fuzzy_matches_from_the_carried_facts_list(editor_client, editor):
    article = make_article(BODY)
    make_claim(article, exact=READY)
    version = article_version_create(article=article, body=BODY.replace("We are ready", "We are prepared"))
    run_queued_jobs("reanchor_version")
    carried = CarriedFact.objects.get(version=version)
    changelist = reverse("admin:facts_carriedfact_changelist")

    listed = editor_client.get(changelist, {"needs_confirmation": "yes"})
    editor_client.post(changelist, {"action": "confirm", "_selected_action": [carried.pk]})

    assert listed.status_code == 200 and "fuzzy" in listed.text
    carried.refresh_from_db()
    assert (carried.confirmed_by, carried.needs_confirmation) == (editor, False)
    assert Claim.objects.get(article=version).review_status == "unreviewed"  # the original had no verdict
