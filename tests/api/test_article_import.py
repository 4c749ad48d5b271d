"""POST /api/v1/articles/ with html or a url: the main text stored exactly, the page kept as its source."""

import contextlib
import hashlib

import pytest

from facts import services
from facts.models import Article, ArticleRequest, ArticleSource, Proposal
from tests.jobs import run_queued_jobs
from tests.pages import ARTICLE_HTML, Route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_loopback_connections")]

EXPECTED_BODY = (
    "Refugees wait at the border\n"
    "“We are ready,” said Kim Young-il, a spokesman for the group, on Tuesday morning.\n"
    "About 3,000 people crossed the river last month, according to officials in the province.\n"
    "Aid workers said the numbers had grown steadily since the winter, and that shelters were full."
)


def test_html_is_stored_as_its_main_text_with_entities_decoded_and_inline_markup_kept_as_words(editor):
    response = editor.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["body"] == EXPECTED_BODY
    assert "&ldquo;" not in data["body"] and "<b>" not in data["body"]
    assert "About 3,000 people" in data["body"]
    article = Article.objects.get()
    assert article.body == EXPECTED_BODY


def test_the_html_received_is_kept_hashed_as_the_articles_source(editor):
    editor.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json")

    source = ArticleSource.objects.get()
    assert source.html == ARTICLE_HTML
    assert source.sha256 == hashlib.sha256(ARTICLE_HTML.encode()).hexdigest()
    assert (source.fetched_url, source.content_type, source.fetched_at) == (None, None, None)
    assert source.authors == ["Jane Reporter"]
    assert source.canonical_url == "https://news.example.com/2024/03/05/refugees"
    assert source.extractor.startswith("trafilatura ")


def test_a_quote_written_with_html_entities_gets_a_quote_proposed(editor):
    editor.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json")
    run_queued_jobs()

    quotes = Proposal.objects.filter(kind="claim", exact__contains="We are ready")
    assert quotes.exists()
    assert all(Article.objects.get().body[p.start : p.end] == p.exact for p in quotes)


def test_metadata_comes_from_what_the_page_states(editor):
    data = editor.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json").json()

    assert data["title"] == "Refugees wait at the border"
    assert data["publisher"] == "The Daily Example"
    assert data["language"] == "en-GB"
    assert data["published_on"] == "2024-03-05"
    assert data["source_url"] == "https://news.example.com/2024/03/05/refugees"


def test_metadata_the_page_does_not_state_stays_unknown(editor):
    html = "<html><body><p>“We are ready,” said Mr. Kim. About <b>3,000</b> people came.</p></body></html>"

    data = editor.post("/api/v1/articles/", {"html": html}, format="json").json()

    assert data["body"] == "“We are ready,” said Mr. Kim. About 3,000 people came."
    assert [data[f] for f in ("title", "publisher", "language", "published_on", "source_url")] == [None] * 5


def test_fields_the_client_sends_win_over_the_pages(editor):
    data = editor.post(
        "/api/v1/articles/",
        {
            "html": ARTICLE_HTML,
            "source_url": "https://mirror.example.org/refugees",
            "title": "Our title",
            "publisher": "Our publisher",
            "language": "en",
            "published_on": "2024-03-06",
        },
        format="json",
    ).json()

    assert [data[f] for f in ("title", "publisher", "language", "published_on", "source_url")] == [
        "Our title",
        "Our publisher",
        "en",
        "2024-03-06",
        "https://mirror.example.org/refugees",
    ]


def test_html_with_no_article_text_is_refused_with_400_and_nothing_stored(editor):
    response = editor.post("/api/v1/articles/", {"html": "<html><body><script>render()</script></body></html>"})

    assert response.status_code == 400
    assert "No article text could be found" in response.json()["html"][0]
    assert (Article.objects.count(), ArticleSource.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("payload", "sent"),
    [
        ({}, None),
        ({"body": "Text.", "html": "<p>Text.</p>"}, "body and html"),
        ({"html": "<p>a</p>", "url": "https://a.example/"}, "html and url"),
    ],
)
def test_exactly_one_of_body_html_and_url_is_accepted(editor, payload, sent):
    response = editor.post("/api/v1/articles/", payload, format="json")

    assert response.status_code == 400
    message = response.json()["non_field_errors"][0]
    assert message.startswith("Send exactly one of body (the text), html (a page) or url (a page to fetch)")
    if sent:
        assert sent in message


def test_the_same_text_from_other_html_resolves_to_the_article_and_keeps_the_new_html_too(editor):
    first = editor.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json")
    again = editor.post("/api/v1/articles/", {"html": ARTICLE_HTML.replace("<nav>", "<nav class='x'>")}, format="json")
    same = editor.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json")

    assert (first.status_code, again.status_code, same.status_code) == (201, 200, 200)
    assert Article.objects.count() == 1
    assert ArticleSource.objects.count() == 2


def import_url(client, payload: dict) -> dict:
    """POST the URL (202, a request queued), run the fetch job as a worker would, read the request."""
    response = client.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "queued" and response["Location"] == response.json()["url"]
    # A failed job raises here, as it fails in a worker; the request says why.
    with contextlib.suppress(services.ArticleRequestFailed):
        run_queued_jobs("fetch_article")
    return client.get(response["Location"]).json()


def test_a_url_is_queued_fetched_by_the_job_and_imported_with_where_it_came_from(editor, page_server, allow_loopback):
    url = page_server.page("/news/refugees", ARTICLE_HTML)
    page_server.serve("/short", Route(status=301, headers={"Location": "/news/refugees"}))

    request = import_url(editor, {"url": page_server.base + "/short", "publisher": "Example Wire"})

    assert (request["status"], request["error"], request["created"]) == ("done", None, True)
    article = editor.get(request["article"]).json()
    assert article["body"] == EXPECTED_BODY
    assert article["publisher"] == "Example Wire"
    source = ArticleSource.objects.get()
    assert (source.fetched_url, source.content_type) == (url, "text/html; charset=utf-8")
    assert source.metadata["requested_url"] == page_server.base + "/short"
    assert source.fetched_at is not None


def test_a_fetched_page_without_a_canonical_link_takes_the_url_it_was_fetched_from(editor, page_server, allow_loopback):
    url = page_server.page("/plain", "<html><body><p>Officials said 40 people had arrived.</p></body></html>")

    request = import_url(editor, {"url": url})

    assert editor.get(request["article"]).json()["source_url"] == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://10.0.0.1/article", "The address 10.0.0.1 is private"),
        ("http://169.254.169.254/latest/meta-data/", "is link-local"),
        ("http://[::1]/", "The address ::1 is loopback"),
        ("ftp://example.com/article", "Only http and https URLs"),
    ],
)
def test_a_url_refused_as_written_is_answered_400_with_why_and_nothing_queued(editor, url, message):
    response = editor.post("/api/v1/articles/", {"url": url}, format="json")

    assert response.status_code == 400
    assert message in response.json()["url"][0]
    assert (Article.objects.count(), ArticleRequest.objects.count()) == (0, 0)


def test_a_host_name_resolving_to_a_refused_address_fails_the_job_with_why(editor, page_server, settings):
    settings.FACTBASE_FETCH_ALLOWED_NETWORKS = []
    url = page_server.page("/refugees", ARTICLE_HTML).replace("127.0.0.1", "localhost")

    request = import_url(editor, {"url": url})

    assert request["status"] == "failed"
    assert request["error"].startswith("The address 127.0.0.1 is loopback")
    assert request["article"] is None and page_server.requests == []


def test_a_wrong_content_type_fails_the_job_saying_so(editor, page_server, allow_loopback):
    url = page_server.serve("/doc.pdf", Route(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}))

    request = import_url(editor, {"url": url})

    assert request["status"] == "failed"
    assert "only HTML pages" in request["error"]
    assert Article.objects.count() == 0


def test_html_and_url_cannot_be_sent_when_editing_an_article(editor):
    created = editor.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json")
    url = created.json()["url"]

    response = editor.patch(url, {"html": "<p>new</p>"}, format="json", HTTP_IF_MATCH=created["ETag"])

    assert response.status_code == 400
    assert "never changes once stored" in response.json()["html"][0]


def test_readers_cannot_import(reader):
    assert reader.post("/api/v1/articles/", {"html": ARTICLE_HTML}, format="json").status_code == 403
