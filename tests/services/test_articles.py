"""Ingesting articles: stored exactly as received, identified by their SHA-256, the same text once.

That a stored body never changes is held by the model and the database: tests/database/test_articles.py.
"""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from facts.models import Article
from facts.services import article_ingest
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_body_is_stored_exactly_as_received_with_its_sha256():
    body = "  Leading spaces, a\r\nCRLF, a tab\t, no trailing newline"

    article, created = article_ingest(body=body)

    article.refresh_from_db()
    assert created
    assert article.body == body
    assert article.sha256 == hashlib.sha256(body.encode("utf-8")).hexdigest()


def test_the_same_body_twice_resolves_to_the_existing_article():
    first, created_first = article_ingest(body="Same text.", title="First title")
    second, created_second = article_ingest(body="Same text.", title="Another title")

    assert (created_first, created_second) == (True, False)
    assert second.pk == first.pk
    assert second.title == "First title"
    assert Article.objects.count() == 1


def test_a_body_differing_only_in_whitespace_is_a_different_article():
    first, _ = article_ingest(body="Same text.")
    second, created = article_ingest(body="Same text. ")

    assert created
    assert first.pk != second.pk


def test_unknown_metadata_is_stored_as_null_not_invented():
    article = make_article()

    article.refresh_from_db()
    assert (article.title, article.publisher, article.url, article.language, article.published_on) == (
        None,
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "required"), ("A NUL \x00 here.", "nul_character"), ("A lone \ud800 surrogate.", "lone_surrogate")],
)
def test_a_body_postgres_cannot_store_is_refused_with_a_reason(body, code):
    with pytest.raises(ValidationError) as refused:
        article_ingest(body=body)

    assert refused.value.error_dict["body"][0].code == code
    assert Article.objects.count() == 0
