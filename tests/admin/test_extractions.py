"""Extractions in the editors' workspace: the state on the article page, failed ones listed, retried."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from facts import services
from facts.models import Extraction
from tests.factories import make_article
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:facts_extraction_changelist")
TOO_LONG = "The body is 88 characters, over the extraction budget of 50"


@pytest.fixture
def failed(settings) -> Extraction:
    """An article whose extraction failed: its body is over the budget."""
    settings.FACTBASE_EXTRACTION_MAX_CHARS = 50
    article = make_article("Gordon Flake, executive director of the Mansfield Center, says more than 30 people fled.")
    services.extraction_enqueue(article=article)
    with pytest.raises(services.ExtractionRefused):
        run_queued_jobs()
    return Extraction.objects.get(article=article)


def test_the_article_page_shows_where_its_extraction_stands(editor_client):
    article = make_article(extract=True)
    page = reverse("admin:facts_article_change", args=[article.pk])

    assert '<strong class="extraction-queued">queued</strong>: waiting for a worker' in editor_client.get(page).text
    run_queued_jobs()
    done = editor_client.get(page).text
    assert f'<strong class="extraction-done">done</strong>: {article.proposals.count()} proposals' in done
    listed = editor_client.get(reverse("admin:facts_article_changelist")).text
    assert '<td class="field-extraction_status">done</td>' in listed


def test_an_article_stored_without_extraction_says_so(editor_client):
    article = make_article()

    page = editor_client.get(reverse("admin:facts_article_change", args=[article.pk])).text

    assert "Not asked for: this article was stored without extraction" in page


def test_failed_extractions_are_listed_with_their_error(editor_client, failed):
    make_article(extract=True)  # queued, not failed

    page = editor_client.get(CHANGELIST, {"status__exact": "failed"}).text

    assert failed.status == "failed" and failed.error.startswith(TOO_LONG)
    assert TOO_LONG in page
    assert page.count('class="action-select"') == 1


def test_a_failed_extraction_is_retried_from_the_list(editor_client, failed, settings):
    settings.FACTBASE_EXTRACTION_MAX_CHARS = 1_000_000

    response = editor_client.post(CHANGELIST, {"action": "retry", ACTION_CHECKBOX_NAME: [failed.pk]}, follow=True)

    assert "Queued extraction for 1 article" in response.text
    failed.refresh_from_db()
    assert (failed.status, failed.error) == ("queued", None)
    assert [job.args for job in queued_jobs()] == [{"article_id": failed.pk}]
    run_queued_jobs()
    failed.refresh_from_db()
    assert failed.status == "done" and failed.proposals == failed.article.proposals.count() > 0


def test_extractions_are_read_only_in_the_admin(editor_client, failed):
    page = editor_client.get(reverse("admin:facts_extraction_change", args=[failed.pk])).text

    assert 'name="_save"' not in page
    assert editor_client.get(reverse("admin:facts_extraction_add")).status_code == 403
