"""The benchmark's data generator (bench/generate.py) makes data the database and the checks accept."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from bench.generate import Size, load
from facts.models import Article, Claim, Figure, Mention

pytestmark = pytest.mark.django_db


def test_generated_articles_load_through_copy_and_every_passage_matches_its_article():
    connection.ensure_connection()
    size = Size("test", articles=20, people=30, organizations=5, measures=5)

    # COPY fires every trigger: the database itself checks each passage against its article.
    report = load(connection.connection, size, seed=7, batch_size=8, commit=False)

    assert Article.objects.count() == 20
    assert Claim.objects.count() == report.rows["facts_claim"] == 200
    assert Figure.objects.filter(claim__isnull=False).exists()
    assert Mention.objects.exists()
    output = StringIO()
    call_command("verify_passages", stdout=output)
    assert ": 0 mismatches." in output.getvalue()


def test_the_same_seed_generates_the_same_data():
    from bench.generate import Generator

    def first_batch(seed: int) -> str:
        generator = Generator(Size("test", articles=3, people=10, organizations=2, measures=2), seed)
        return next(generator.batches(3)).buffers["facts_claim"].getvalue()

    assert first_batch(1) == first_batch(1) != first_batch(2)
