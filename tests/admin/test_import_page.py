"""The admin's "Add article from URL or HTML": the same import as the API, refusals shown on the form."""

import pytest
from django.urls import reverse

from facts.models import Article, ArticleSource
from tests.pages import ARTICLE_HTML

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("only_loopback_connections")]

IMPORT = "admin:facts_article_import"


def post(client, **data):
    fields = {"url": "", "html": "", "source_url": "", "title": "", "publisher": "", **data}
    return client.post(reverse(IMPORT), fields)


def test_the_articles_list_links_to_the_import_page(editor_client):
    page = editor_client.get(reverse("admin:facts_article_changelist")).content.decode()

    assert f'href="{reverse(IMPORT)}"' in page
    assert "Add article from URL or HTML" in page


def test_pasted_html_becomes_an_article_and_the_editor_lands_on_it(editor_client):
    response = post(editor_client, html=ARTICLE_HTML, publisher="Example Wire")

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:facts_article_change", args=[article.pk])
    assert article.body.startswith("Refugees wait at the border\n“We are ready,”")
    assert (article.title, article.publisher) == ("Refugees wait at the border", "Example Wire")
    assert ArticleSource.objects.get().html == ARTICLE_HTML


def test_a_url_is_fetched_from_the_local_server(editor_client, page_server, allow_loopback):
    url = page_server.page("/refugees", ARTICLE_HTML)

    response = post(editor_client, url=url)

    assert response.status_code == 302
    assert ArticleSource.objects.get().fetched_url == url


def test_a_refused_address_is_shown_on_the_form_and_nothing_is_stored(editor_client):
    response = post(editor_client, url="http://169.254.169.254/latest/meta-data/")

    assert response.status_code == 200
    assert "The address 169.254.169.254 is link-local" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize("data", [{}, {"url": "https://example.com/a", "html": "<p>Text</p>"}])
def test_the_form_wants_exactly_one_of_url_and_html(editor_client, data):
    response = post(editor_client, **data)

    assert "Give either a URL or the page&#x27;s HTML (one of them)." in response.content.decode()
    assert Article.objects.count() == 0


def test_html_without_article_text_is_refused_on_the_form(editor_client):
    response = post(editor_client, html="<html><body><script>render()</script><img src='a.png'></body></html>")

    assert "No article text could be found" in response.content.decode()


def test_the_import_page_is_for_editors_only(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw", is_staff=True)
    client.force_login(user)

    assert client.get(reverse(IMPORT)).status_code in (302, 403)
