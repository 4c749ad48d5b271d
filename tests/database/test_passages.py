"""Passages in the database: a record's text is always its article's text at its offsets, and its
bounds fit its qualifier, whatever wrote it (the model refuses, and Postgres refuses raw SQL and
QuerySet.update()). Recording facts through the services is tested in tests/services/test_records.py.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from facts.models import Claim, Figure, Mention
from tests.factories import make_article, make_claim, make_figure, make_person

pytestmark = pytest.mark.django_db


def raw_sql(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_a_passage_that_does_not_match_the_article_text():
    claim = make_claim()

    with pytest.raises(IntegrityError, match="does not match"):
        raw_sql("UPDATE facts_claim SET exact = upper(exact) WHERE id = %s", [claim.pk])
    with pytest.raises(IntegrityError, match="does not match"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(start=claim.start + 1, end=claim.end + 1)


def test_the_database_refuses_a_span_that_ends_before_it_starts():
    article = make_article()
    insert = (
        'INSERT INTO facts_claim (article_id, start, "end", exact, prefix, suffix, kind, review_status, '
        "created_at, updated_at) VALUES (%s, %s, %s, %s, '', '', 'assertion', 'unreviewed', now(), now())"
    )

    with pytest.raises(IntegrityError, match=r"start_before_end|exact_fits_span"):
        raw_sql(insert, [article.pk, 10, 5, ""])
    with pytest.raises(IntegrityError):
        raw_sql(insert, [article.pk, -1, 3, "Gor"])


def test_the_database_refuses_any_change_to_a_recorded_passage():
    claim = make_claim()

    with pytest.raises(IntegrityError, match="never changes once recorded"):
        raw_sql("UPDATE facts_claim SET start = 10, \"end\" = 5, exact = '' WHERE id = %s", [claim.pk])
    with pytest.raises(IntegrityError, match="never changes once recorded"):
        raw_sql("UPDATE facts_claim SET prefix = '' WHERE id = %s", [claim.pk])


def test_the_database_refuses_an_attribution_that_does_not_match_the_article_text():
    claim = make_claim(attribution_exact="added Mr. Flake")

    with pytest.raises(IntegrityError, match="attribution_passage"):
        Claim.objects.filter(pk=claim.pk).update(attribution_exact="added Mr. Flakf")


def test_the_model_refuses_a_passage_past_the_end_of_the_body():
    article = make_article("Short text.")
    claim = Claim(article=article, kind="assertion", start=6, end=20, exact="text.", prefix="", suffix="")

    with pytest.raises(ValidationError):
        claim.full_clean()


def test_the_model_refuses_a_passage_whose_text_differs_from_the_body():
    article = make_article("Short text.")
    claim = Claim(article=article, kind="assertion", start=0, end=5, exact="Shirt")

    with pytest.raises(ValidationError) as refused:
        claim.full_clean()
    assert "is 'Short', not 'Shirt'" in refused.value.message_dict["exact"][0]


def test_an_article_with_claims_cannot_be_deleted():
    claim = make_claim()

    with pytest.raises(Exception, match="protected"):
        claim.article.delete()


def test_the_database_refuses_bounds_in_the_wrong_order_or_shape():
    figure = make_figure(qualifier="range", value=None, low=Decimal(1), high=Decimal(2))

    with pytest.raises(IntegrityError, match="low_not_above_high"), transaction.atomic():
        Figure.objects.filter(pk=figure.pk).update(low=5)
    with pytest.raises(IntegrityError, match="bounds_match_qualifier"), transaction.atomic():
        Figure.objects.filter(pk=figure.pk).update(qualifier="exact")


def test_raw_sql_cannot_insert_a_mention_outside_the_body():
    article = make_article("Short text.")
    person = make_person()

    with pytest.raises(IntegrityError, match="does not match"):
        raw_sql(
            'INSERT INTO facts_mention (article_id, person_id, start, "end", exact, prefix, suffix,'
            " created_at, updated_at) VALUES (%s, %s, 6, 12, 'text.!', '', '', now(), now())",
            [article.pk, person.pk],
        )
    assert Mention.objects.count() == 0
