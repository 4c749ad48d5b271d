"""Articles in the database: a stored body never changes, its hash always matches it, one row per text."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from facts.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_changing_a_stored_body_is_refused_by_the_model():
    article = make_article()
    article.body = article.body + " Amended."

    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert refused.value.error_dict["body"][0].code == "body_immutable"
    with pytest.raises(ValidationError):
        article.save()


def test_changing_a_stored_body_is_refused_by_the_database():
    article = make_article()

    with pytest.raises(IntegrityError, match="never changes"), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(body="Rewritten.")
    with pytest.raises(IntegrityError, match="never changes"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE facts_article SET body = body || 'x' WHERE id = %s", [article.pk])

    article.refresh_from_db()
    assert article.body.startswith("Gordon Flake")


def test_metadata_of_a_stored_article_can_be_edited():
    article = make_article()
    article.title = "Refugees in China"

    article.full_clean()
    article.save()

    article.refresh_from_db()
    assert article.title == "Refugees in China"


def test_the_database_refuses_a_hash_that_does_not_match_the_body():
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO facts_article (body, sha256, created_at, updated_at) VALUES (%s, %s, now(), now())",
            ["Some text.", "0" * 64],
        )


def test_the_database_refuses_a_second_article_with_the_same_body():
    article = make_article()

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO facts_article (body, sha256, created_at, updated_at) VALUES (%s, %s, now(), now())",
            [article.body, article.sha256],
        )


def test_empty_metadata_strings_are_refused_by_the_database():
    article = make_article()

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(title="")
