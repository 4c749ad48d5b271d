"""In the admin too, deleting an article withdraws it, and editors restore it from the list."""

import pytest
from django.urls import reverse

from facts.models import Article
from tests.admin.test_stale_edits import opened_delete_page
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def test_deleting_an_article_with_facts_in_the_admin_withdraws_it(editor_client):
    claim = make_claim()
    url, etag = opened_delete_page(editor_client, claim.article)

    page = editor_client.get(url)
    response = editor_client.post(url, {"post": "yes", "_record_etag": etag}, follow=True)

    assert "Nothing is deleted" in page.text
    assert "was withdrawn; nothing was deleted" in response.text
    article = Article.objects.get(pk=claim.article_id)
    assert article.withdrawn_at is not None and article.claims.get() == claim


def test_an_editor_restores_withdrawn_articles_from_the_list(editor_client):
    claim = make_claim()
    Article.objects.filter(pk=claim.article_id).update(withdrawn_at="2026-01-01T00:00:00Z")
    changelist = reverse("admin:facts_article_changelist")

    listed = editor_client.get(changelist, {"withdrawn": "yes"})
    editor_client.post(changelist, {"action": "restore_articles", "_selected_action": [claim.article_id]})

    assert str(claim.article) in listed.text
    assert Article.objects.get(pk=claim.article_id).withdrawn_at is None
