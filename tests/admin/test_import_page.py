"""The admin's "Add article from URL or HTML": the same import as the API, refusals shown on the form.

A URL is queued for a background worker, as the API queues it; pasted HTML is stored at once.
"""

import pytest
from django.db import connection
from django.urls import reverse

from facts import services
from facts.models import Article, ArticleRequest, ArticleSource
from tests.jobs import queued_jobs, run_queued_jobs
from tests.pages import ARTICLE_HTML, Route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_loopback_connections")]

IMPORT = "admin:facts_article_import"


def post(client, **data):
    fields = {"url": "", "html": "", "source_url": "", "title": "", "publisher": "", **data}
    return client.post(reverse(IMPORT), fields)


def test_the_articles_list_links_to_the_import_page(editor_client):
    page = editor_client.get(reverse("admin:facts_article_changelist")).content.decode()

    assert f'href="{reverse(IMPORT)}"' in page
    assert "Add article from URL or HTML" in page


def test_pasted_html_becomes_an_article_at_once_and_the_editor_lands_on_it(editor_client):
    response = post(editor_client, html=ARTICLE_HTML, publisher="Example Wire")

    article = Article.objects.get()
    assert ArticleRequest.objects.count() == 0 and queued_jobs("fetch_article") == []
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:facts_article_change", args=[article.pk])
    assert article.body.startswith("Refugees wait at the border\n“We are ready,”")
    assert (article.title, article.publisher) == ("Refugees wait at the border", "Example Wire")
    assert ArticleSource.objects.get().html == ARTICLE_HTML


def test_a_url_is_queued_and_nothing_is_fetched_or_stored_until_a_worker_runs_it(
    editor_client, page_server, allow_loopback
):
    url = page_server.page("/refugees", ARTICLE_HTML)

    response = post(editor_client, url=url, publisher="Example Wire")

    article_request = ArticleRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:facts_articlerequest_change", args=[article_request.pk])
    assert [job.args for job in queued_jobs("fetch_article")] == [{"request_id": article_request.pk}]
    assert page_server.requests == [] and Article.objects.count() == 0
    page = editor_client.get(response["Location"]).text
    assert "Queued: a worker fetches the page in the background" in page
    assert '<strong class="request-queued">queued</strong>: waiting for a worker' in page
    assert "publisher: Example Wire" in page


def test_the_queued_url_once_fetched_shows_done_with_its_article_on_the_request_page(
    editor_client, page_server, allow_loopback
):
    url = page_server.page("/refugees", ARTICLE_HTML)
    location = post(editor_client, url=url, publisher="Example Wire")["Location"]

    assert run_queued_jobs("fetch_article") == 1

    article = Article.objects.get()
    assert (article.publisher, ArticleSource.objects.get().fetched_url) == ("Example Wire", url)
    page = editor_client.get(location).text
    article_url = reverse("admin:facts_article_change", args=[article.pk])
    assert '<strong class="request-done">done</strong>: stored as a new article,' in page
    assert f'<a href="{article_url}">Refugees wait at the border</a>' in page


def test_a_url_redirecting_to_a_private_address_fails_with_its_error_on_the_request_page(
    editor_client, page_server, allow_loopback
):
    url = page_server.serve("/moved", Route(status=302, headers={"Location": "http://10.0.0.1/article"}))
    location = post(editor_client, url=url)["Location"]

    with pytest.raises(services.ArticleRequestFailed):
        run_queued_jobs("fetch_article")

    page = editor_client.get(location).text
    assert '<strong class="request-failed">failed</strong>: nothing was stored' in page
    assert "The address 10.0.0.1 is private" in page
    assert Article.objects.count() == 0
    failed = editor_client.get(reverse("admin:facts_articlerequest_changelist"), {"status__exact": "failed"}).text
    assert "The address 10.0.0.1 is private" in failed and url in failed


def test_a_refused_address_is_shown_on_the_form_and_nothing_is_stored(editor_client):
    response = post(editor_client, url="http://169.254.169.254/latest/meta-data/")

    assert response.status_code == 200
    assert "The address 169.254.169.254 is link-local" in response.content.decode()
    assert (Article.objects.count(), ArticleRequest.objects.count(), queued_jobs()) == (0, 0, [])


def test_a_url_the_job_queue_cannot_take_is_refused_on_the_form_and_nothing_is_stored(
    editor_client, page_server, allow_loopback
):
    # The queue refuses, for real: a trigger on its table raises (inside this test's transaction).
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_jobs() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the queue is full'; END $$;"
            "CREATE TRIGGER refuse_jobs BEFORE INSERT ON procrastinate_jobs FOR EACH ROW EXECUTE FUNCTION refuse_jobs()"
        )

    response = post(editor_client, url=page_server.page("/refugees", ARTICLE_HTML))

    assert response.status_code == 200
    assert "Nothing was stored: the job queue cannot take the fetch right now" in response.text
    assert (Article.objects.count(), ArticleRequest.objects.count()) == (0, 0)


@pytest.mark.parametrize("data", [{}, {"url": "https://example.com/a", "html": "<p>Text</p>"}])
def test_the_form_wants_exactly_one_of_url_and_html(editor_client, data):
    response = post(editor_client, **data)

    assert "Give either a URL or the page&#x27;s HTML (one of them)." in response.content.decode()
    assert (Article.objects.count(), ArticleRequest.objects.count()) == (0, 0)


def test_html_without_article_text_is_refused_on_the_form(editor_client):
    response = post(editor_client, html="<html><body><script>render()</script><img src='a.png'></body></html>")

    assert "No article text could be found" in response.content.decode()


def test_the_import_page_is_for_editors_only(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw", is_staff=True)
    client.force_login(user)

    assert client.get(reverse(IMPORT)).status_code in (302, 403)
