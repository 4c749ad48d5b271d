"""Importing from a URL as a background job: the request and its fetch queued together, the outcome recorded."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from facts import services
from facts.models import Article, ArticleRequest, ArticleSource
from tests.jobs import queued_jobs, run_queued_jobs
from tests.pages import ARTICLE_HTML, Route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_loopback_connections")]


def test_a_request_is_recorded_with_its_fetch_queued_and_nothing_fetched_yet(page_server, allow_loopback):
    url = page_server.page("/refugees", ARTICLE_HTML)

    request = services.article_request_create(url=url, given=services.GivenMetadata(publisher="Example Wire"))

    assert request.status == ArticleRequest.Status.QUEUED
    (job,) = queued_jobs("fetch_article")
    assert (job.id, job.args) == (request.job_id, {"request_id": request.pk})
    assert page_server.requests == [] and Article.objects.count() == 0


def test_the_job_fetches_the_page_and_the_request_names_its_article(page_server, allow_loopback):
    url = page_server.page("/refugees", ARTICLE_HTML)
    request = services.article_request_create(url=url, given=services.GivenMetadata(publisher="Example Wire"))

    assert run_queued_jobs("fetch_article") == 1

    request.refresh_from_db()
    article = Article.objects.get()
    assert (request.status, request.article, request.created, request.error) == ("done", article, True, None)
    assert article.publisher == "Example Wire"
    assert article.body.startswith("Refugees wait at the border\n“We are ready,”")
    assert ArticleSource.objects.get().fetched_url == url
    assert queued_jobs("extract_article")  # the new article's extraction, queued by the import


def test_a_refused_fetch_fails_the_job_with_its_reason_on_the_request(page_server, settings):
    settings.FACTBASE_FETCH_ALLOWED_NETWORKS = []
    # A host name: only the job resolves it, and refuses what it resolves to.
    url = page_server.page("/refugees", ARTICLE_HTML).replace("127.0.0.1", "localhost")
    request = services.article_request_create(url=url)

    with pytest.raises(services.ArticleRequestFailed, match="is loopback"):
        run_queued_jobs("fetch_article")

    request.refresh_from_db()
    assert request.status == "failed"
    assert request.error.startswith("The address 127.0.0.1 is loopback")
    assert page_server.requests == [] and Article.objects.count() == 0


def test_a_page_that_is_not_html_fails_the_job_saying_so(page_server, allow_loopback):
    url = page_server.serve("/data.json", Route(body=b"{}", headers={"Content-Type": "application/json"}))
    request = services.article_request_create(url=url)

    with pytest.raises(services.ArticleRequestFailed):
        run_queued_jobs("fetch_article")

    request.refresh_from_db()
    assert "only HTML pages" in request.error


def test_a_url_that_is_not_http_is_refused_at_once_and_nothing_is_queued():
    with pytest.raises(ValidationError) as refused:
        services.article_request_create(url="file:///etc/passwd")

    assert "Only http and https URLs" in refused.value.message_dict["url"][0]
    assert ArticleRequest.objects.count() == 0 and queued_jobs("fetch_article") == []


def test_an_address_written_in_the_url_is_checked_at_once(settings):
    settings.FACTBASE_FETCH_ALLOWED_NETWORKS = []

    with pytest.raises(ValidationError) as refused:
        services.article_request_create(url="http://169.254.169.254/latest/meta-data/")

    assert "is link-local" in refused.value.message_dict["url"][0]
    assert ArticleRequest.objects.count() == 0 and queued_jobs("fetch_article") == []


def test_a_rolled_back_request_leaves_no_job(page_server, allow_loopback):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.article_request_create(url=page_server.page("/refugees", ARTICLE_HTML))
        raise RuntimeError("the caller's write failed")

    assert ArticleRequest.objects.count() == 0 and queued_jobs("fetch_article") == []


@pytest.fixture
def failed_request(page_server, allow_loopback) -> ArticleRequest:
    """A request whose page redirected to a private address: failed, its job gone as a worker leaves it."""
    page_server.serve("/refugees", Route(status=302, headers={"Location": "http://10.0.0.1/refugees"}))
    request = services.article_request_create(url=page_server.base + "/refugees")
    with pytest.raises(services.ArticleRequestFailed):
        run_queued_jobs("fetch_article")
    request.refresh_from_db()
    assert request.status == "failed" and request.error.startswith("The address 10.0.0.1 is private")
    return request


def test_a_failed_request_is_queued_again_as_a_new_job_and_then_done(failed_request, page_server):
    page_server.page("/refugees", ARTICLE_HTML)  # the site fixed its redirect
    first_job = failed_request.job_id

    retried = services.article_request_retry(request=failed_request)

    assert (retried.status, retried.error) == ("queued", None)
    (job,) = queued_jobs("fetch_article")
    assert (job.id, job.args) == (retried.job_id, {"request_id": failed_request.pk}) and job.id != first_job
    assert run_queued_jobs("fetch_article") == 1
    failed_request.refresh_from_db()
    assert (failed_request.status, failed_request.article, failed_request.created) == (
        "done",
        Article.objects.get(),
        True,
    )


def test_only_a_failed_request_is_retried(page_server, allow_loopback):
    request = services.article_request_create(url=page_server.page("/refugees", ARTICLE_HTML))

    with pytest.raises(ValidationError, match="is queued, not failed: only a failed request is fetched again"):
        services.article_request_retry(request=request)

    assert [job.id for job in queued_jobs("fetch_article")] == [request.job_id]


def test_a_retry_the_job_queue_cannot_take_leaves_the_request_failed(failed_request):
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_jobs() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the queue is full'; END $$;"
            "CREATE TRIGGER refuse_jobs BEFORE INSERT ON procrastinate_jobs FOR EACH ROW EXECUTE FUNCTION refuse_jobs()"
        )

    with pytest.raises(services.JobQueueUnavailable):
        services.article_request_retry(request=failed_request)

    failed_request.refresh_from_db()
    assert failed_request.status == "failed" and failed_request.error.startswith("The address 10.0.0.1 is private")
    assert queued_jobs("fetch_article") == []
