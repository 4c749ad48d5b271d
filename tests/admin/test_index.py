"""The workspace's home page: what is waiting for an editor, in a fixed number of queries."""

import pytest
from django.urls import reverse

from facts import services
from facts.models import Proposal
from tests.factories import make_article, make_claim
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")

# Every admin page's 5 queries (session, user, editor check, user and group permissions), the
# index's 4 (pending proposals per article, unreviewed claims with the oldest, every editor's
# recent changes, failed extraction jobs), and the sidebar's own Recent actions (Django's get_admin_log).
INDEX_QUERIES = 5 + 4 + 1


def test_the_index_runs_a_fixed_number_of_queries_however_much_is_waiting(editor_client, django_assert_num_queries):
    with django_assert_num_queries(INDEX_QUERIES):
        assert editor_client.get(INDEX).status_code == 200

    for number in range(4):
        make_article(f"Jane Doe{number}, a lawyer, said more than {number + 40} people left.", extract=True)
        make_claim()
    assert run_queued_jobs() == 4
    with django_assert_num_queries(INDEX_QUERIES):
        response = editor_client.get(INDEX)
    assert len(response.context["pending_by_article"]) == 4


def test_the_index_lists_pending_proposals_by_article_and_unreviewed_claims(editor_client):
    article = make_article("Jane Doe, a lawyer, said more than 40 people left.", extract=True, title="Leaving")
    assert run_queued_jobs() == 1
    make_claim()
    services.proposal_reject(proposal=article.proposals.first(), user=None)
    pending = article.proposals.filter(status=Proposal.Status.PENDING).count()

    response = editor_client.get(INDEX)

    assert response.context["pending_by_article"] == [
        {"article_id": article.pk, "article__title": "Leaving", "total": pending}
    ]
    assert f"?article__id__exact={article.pk}&amp;status__exact=pending" in response.text
    assert "1 unreviewed claim</a>" in response.text
    assert "No extraction job has failed." in response.text


def test_the_index_says_when_nothing_is_waiting(editor_client):
    response = editor_client.get(INDEX)

    assert "No proposal is waiting" in response.text
    assert "Every claim has a verdict." in response.text


def test_the_index_lists_failed_extractions_with_their_error(editor_client, settings, django_assert_num_queries):
    settings.FACTBASE_EXTRACTION_MAX_CHARS = 10
    for number in range(3):
        make_article(f"A text too long for the budget, number {number}.", extract=True, title=f"Long {number}")
        with pytest.raises(services.ExtractionRefused):
            run_queued_jobs()

    with django_assert_num_queries(INDEX_QUERIES):
        response = editor_client.get(INDEX)

    failed = response.context["failed_extractions"]
    assert [extraction.article.title for extraction in failed] == ["Long 2", "Long 1", "Long 0"]
    assert "FACTBASE_EXTRACTION_MAX_CHARS" in response.text
    assert "?status__exact=failed" in response.text
    assert "No extraction job has failed." not in response.text
