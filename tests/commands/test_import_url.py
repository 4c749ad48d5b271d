"""manage.py import_url: a page fetched from the local server and stored as an article."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from facts.models import Article, ArticleSource
from tests.pages import ARTICLE_HTML, Route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_loopback_connections")]


def test_import_url_stores_the_pages_main_text_with_the_publisher_given(page_server, allow_loopback):
    url = page_server.page("/refugees", ARTICLE_HTML)
    out = StringIO()

    call_command("import_url", url, "--publisher", "Example Wire", stdout=out)

    article = Article.objects.get()
    assert article.body.startswith("Refugees wait at the border\n“We are ready,”")
    assert (article.publisher, article.title) == ("Example Wire", "Refugees wait at the border")
    assert ArticleSource.objects.get().fetched_url == url
    assert f"created article {article.pk}: Refugees wait at the border" in out.getvalue()


def test_import_url_twice_reports_the_existing_article(page_server, allow_loopback):
    url = page_server.page("/refugees", ARTICLE_HTML)
    call_command("import_url", url, "--no-extract", stdout=StringIO())
    out = StringIO()

    call_command("import_url", url, "--no-extract", stdout=out)

    assert "existing article" in out.getvalue()
    assert Article.objects.count() == 1


def test_import_url_says_why_a_fetch_is_refused_and_stores_nothing(page_server, settings):
    settings.FACTBASE_FETCH_ALLOWED_NETWORKS = []
    url = page_server.page("/refugees", ARTICLE_HTML)

    with pytest.raises(CommandError, match=r"The address 127\.0\.0\.1 is loopback"):
        call_command("import_url", url)

    assert Article.objects.count() == 0 and page_server.requests == []


def test_import_url_refuses_a_page_that_is_not_html(page_server, allow_loopback):
    url = page_server.serve("/data.json", Route(body=b"{}", headers={"Content-Type": "application/json"}))

    with pytest.raises(CommandError, match="only HTML pages"):
        call_command("import_url", url)
