"""manage.py import_articles: a JSON Lines file stored in batches, reported and refused by line."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from facts.models import Article, Claim, Figure, body_sha256

pytestmark = pytest.mark.django_db

NORTH_KOREANS = "002_4b77666affaa1ff0"


def test_import_articles_stores_a_json_lines_file_in_batches_and_reports_by_line(tmp_path, seed_bodies, capsys):
    body = seed_bodies[NORTH_KOREANS]
    lines = [
        json.dumps(
            {"body": text, "figures": [{"exact": text[:4], "start": 0, "qualifier": "approximately", "value": 2.50}]}
        )
        for text in seed_bodies.values()
    ]
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")

    call_command("import_articles", str(path), "--batch-size", "2", "--no-extract")

    out = capsys.readouterr().out
    assert "lines 1–2: 2 articles created" in out and "lines 3–3: 1 articles created" in out
    assert Figure.objects.filter(article__sha256=body_sha256(body)).get().value == Decimal("2.50")
    call_command("import_articles", str(path))
    assert "Stored: 0 articles (3 already there)" in capsys.readouterr().out


def test_import_articles_stops_at_a_refused_batch_keeps_the_earlier_ones_and_names_the_line(
    tmp_path, seed_bodies, capsys
):
    first, second, _ = seed_bodies.values()
    path = tmp_path / "archive.jsonl"
    path.write_text(
        json.dumps({"body": first})
        + "\n"
        + json.dumps({"body": second, "claims": [{"exact": "nowhere", "kind": "paraphrase"}]}),
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="Lines 2–2 were refused"):
        call_command("import_articles", str(path), "--batch-size", "1", "--no-extract")

    assert "line 2.claims[0].exact: The quote 'nowhere' does not occur" in capsys.readouterr().err
    assert list(Article.objects.values_list("body", flat=True)) == [first]


def test_import_articles_names_a_line_that_is_not_json(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_text('{"body": "fine"}\n{"body": \n', encoding="utf-8")

    with pytest.raises(CommandError, match=r"line 2: not JSON"):
        call_command("import_articles", str(path), "--no-extract")

    assert Article.objects.count() == 1


def test_every_imported_row_has_one_history_event_naming_the_command(tmp_path, seed_bodies):
    teaser = seed_bodies["000_0b70f8eb3d6f89fe"]
    path = tmp_path / "archive.jsonl"
    claim = {"exact": "Some international activists", "start": 0, "kind": "paraphrase"}
    path.write_text(json.dumps({"body": teaser, "claims": [claim]}) + "\n", encoding="utf-8")

    call_command("import_articles", str(path), "--no-extract", stdout=StringIO())

    article, claim = Article.objects.get(), Claim.objects.get()
    for record in (article, claim):
        (event,) = record.events.all()
        assert (event.pgh_label, event.pgh_context.metadata["command"]) == ("insert", "import_articles")


def test_import_articles_stops_where_the_file_is_not_utf8_keeping_the_lines_before(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_bytes(b'{"body": "fine"}\n{"body": "caf\xe9"}\n')

    with pytest.raises(CommandError, match=r"line 2: not valid UTF-8 \(byte 13\); lines before it are stored"):
        call_command("import_articles", str(path), "--no-extract", stdout=StringIO())

    assert list(Article.objects.values_list("body", flat=True)) == ["fine"]
