"""Article requests in the editors' workspace: listed with where they stand, read-only, failed ones retried."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from facts import services
from facts.models import Article, ArticleRequest
from tests.jobs import queued_jobs, run_queued_jobs
from tests.pages import ARTICLE_HTML, Route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_loopback_connections")]

CHANGELIST = reverse("admin:facts_articlerequest_changelist")
PRIVATE = "The address 10.0.0.1 is private"


def page_of(article_request: ArticleRequest) -> str:
    return reverse("admin:facts_articlerequest_change", args=[article_request.pk])


def fetched(page_server, path: str) -> ArticleRequest:
    """A request for a page on the local server, done: its job run as a worker runs it."""
    request = services.article_request_create(url=page_server.page(path, ARTICLE_HTML.replace("3,000", path)))
    assert run_queued_jobs("fetch_article") == 1
    request.refresh_from_db()
    return request


@pytest.fixture
def failed(page_server, allow_loopback) -> ArticleRequest:
    """A request whose page redirected to a private address: the worker refused to follow it."""
    page_server.serve("/moved", Route(status=302, headers={"Location": "http://10.0.0.1/article"}))
    request = services.article_request_create(url=page_server.base + "/moved")
    with pytest.raises(services.ArticleRequestFailed):
        run_queued_jobs("fetch_article")
    request.refresh_from_db()
    return request


# Every admin page's 5 queries (session, user, editor check, user and group permissions), the
# filtered and total counts, and the rows with their articles joined in (bodies left out).
LIST_QUERIES = 5 + 2 + 1


def test_the_list_runs_a_fixed_number_of_queries_however_many_rows(
    editor_client, page_server, allow_loopback, django_assert_num_queries
):
    with django_assert_num_queries(LIST_QUERIES):
        assert editor_client.get(CHANGELIST).status_code == 200

    for number in range(4):
        fetched(page_server, f"/page-{number}")
    with django_assert_num_queries(LIST_QUERIES) as captured:
        response = editor_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 4
    assert all('"body"' not in query["sql"] for query in captured.captured_queries)


def test_the_list_shows_each_request_with_its_article_and_finds_by_url(editor_client, page_server, allow_loopback):
    done = fetched(page_server, "/border")
    fetched(page_server, "/river")

    response = editor_client.get(CHANGELIST, {"q": "/border"})

    assert response.context["cl"].list_display == [
        *("action_checkbox", "short_url", "status", "article_link", "short_error", "created_at", "updated_at"),
    ]
    assert list(response.context["cl"].result_list) == [done]
    article_url = reverse("admin:facts_article_change", args=[done.article_id])
    assert f'<a href="{article_url}">Refugees wait at the border</a>' in response.text
    assert '<td class="field-status">done</td>' in response.text


def test_the_failed_filter_lists_failed_requests_with_their_error(editor_client, failed, page_server, allow_loopback):
    fetched(page_server, "/border")

    response = editor_client.get(CHANGELIST, {"status__exact": "failed"})

    assert list(response.context["cl"].result_list) == [failed]
    assert PRIVATE in response.text


def test_a_failed_requests_page_shows_why_and_what_was_given(editor_client, page_server, allow_loopback):
    page_server.serve("/moved", Route(status=302, headers={"Location": "http://10.0.0.1/article"}))
    request = services.article_request_create(
        url=page_server.base + "/moved",
        source_url="https://news.example.com/moved",
        given=services.GivenMetadata(title="Moved", publisher="Example Wire"),
    )
    with pytest.raises(services.ArticleRequestFailed):
        run_queued_jobs("fetch_article")

    page = editor_client.get(page_of(request)).text

    assert '<strong class="request-failed">failed</strong>: nothing was stored' in page
    assert PRIVATE in page
    assert "title: Moved; publisher: Example Wire" in page
    assert "https://news.example.com/moved" in page
    assert f'<div class="readonly">{request.job_id}</div>' in page
    assert "Retry (fetch again)" in page


def test_a_request_the_text_of_was_already_stored_says_so(editor_client, page_server, allow_loopback):
    fetched(page_server, "/border")
    again = services.article_request_create(url=page_server.base + "/border")
    assert run_queued_jobs("fetch_article") == 1

    page = editor_client.get(page_of(again)).text

    assert "done</strong>: this text was already stored, as <a" in page
    assert Article.objects.count() == 1


def test_a_failed_request_is_retried_from_its_page_and_then_done(editor_client, failed, page_server):
    page_server.page("/moved", ARTICLE_HTML)  # the site fixed its redirect

    response = editor_client.post(reverse("admin:facts_articlerequest_retry", args=[failed.pk]), follow=True)

    assert "Queued: a worker fetches the page in the background" in response.text
    assert '<strong class="request-queued">queued</strong>' in response.text
    assert "Retry (fetch again)" not in response.text
    assert [job.args for job in queued_jobs("fetch_article")] == [{"request_id": failed.pk}]
    run_queued_jobs("fetch_article")
    page = editor_client.get(page_of(failed)).text
    assert '<strong class="request-done">done</strong>: stored as a new article' in page


def test_failed_requests_are_retried_from_the_list_and_the_others_left_alone(
    editor_client, failed, page_server, allow_loopback
):
    done = fetched(page_server, "/border")

    response = editor_client.post(
        CHANGELIST, {"action": "retry", ACTION_CHECKBOX_NAME: [failed.pk, done.pk]}, follow=True
    )

    assert "Queued 1 request again; a worker fetches the pages in the background. 1 not failed" in response.text
    failed.refresh_from_db()
    assert (failed.status, failed.error) == ("queued", None)
    assert [job.args for job in queued_jobs("fetch_article")] == [{"request_id": failed.pk}]
    assert ArticleRequest.objects.get(pk=done.pk).status == "done"


def test_retrying_a_request_that_has_not_failed_is_refused_saying_why(editor_client, page_server, allow_loopback):
    done = fetched(page_server, "/border")

    response = editor_client.post(reverse("admin:facts_articlerequest_retry", args=[done.pk]), follow=True)

    assert f"Not retried: Request {done.pk} is done, not failed" in response.text
    assert queued_jobs("fetch_article") == []


def test_requests_are_read_only_in_the_admin(editor_client, failed):
    page = editor_client.get(page_of(failed)).text

    assert 'name="_save"' not in page
    assert editor_client.get(reverse("admin:facts_articlerequest_add")).status_code == 403
    assert editor_client.get(reverse("admin:facts_articlerequest_retry", args=[failed.pk])).status_code == 405
