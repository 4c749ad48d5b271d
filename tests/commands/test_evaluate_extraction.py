"""manage.py evaluate_extraction: precision, recall and misses per type, and --check against the targets."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_evaluation_command_prints_precision_recall_and_misses():
    out = StringIO()

    call_command("evaluate_extraction", "--check", stdout=out)

    text = out.getvalue()
    assert "quotes" in text and "figures" in text and "people" in text and "organizations" in text
    assert "NOT MET" not in text
    assert "paraphrases:" in text  # the misses and false positives are listed per type


def test_the_evaluation_command_fails_when_a_target_is_missed(tmp_path):
    fixtures = tmp_path / "fixtures"
    (fixtures / "articles").mkdir(parents=True)
    (fixtures / "entities.json").write_text('{"people": [], "organizations": [], "measures": []}')
    (fixtures / "articles" / "x.txt").write_text("Nothing here.")
    (fixtures / "articles" / "x.json").write_text(
        '{"claims": [{"key": "k", "kind": "direct_quote", "speaker": {"group": "someone"}, "exact": "here", '
        '"start": 8, "attribution": null}], "figures": [], "mentions": [], "roles": []}'
    )

    with pytest.raises(CommandError, match="not met for: seeds quotes"):
        call_command("evaluate_extraction", "--check", "--fixtures", str(fixtures), stdout=StringIO())


def _made_up_devset(tmp_path, line):  # type: ignore[no-untyped-def]
    """A one-article development set in the devset format, for a made-up text."""
    import hashlib
    import json

    body = 'Acme Airlines said 40 flights were cut. "We are sorry," said Jane Doe.'
    fixtures, texts = tmp_path / "fixtures", tmp_path / "texts"
    (fixtures / "devset").mkdir(parents=True)
    texts.mkdir()
    (fixtures / "entities.json").write_text('{"people": [], "organizations": [], "measures": []}')
    (texts / f"lee_{line}.txt").write_text(body, encoding="utf-8")
    annotation = {
        "line": line,
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "people": [{"name": "Jane Doe", "aliases": []}],
        "organizations": [{"name": "Acme Airlines", "aliases": []}],
        "mentions": [],
        "quotes": [{"exact": "We are sorry,", "start": body.index("We"), "speaker": {"person": "Jane Doe"}}],
        "figures": [
            {"exact": "40", "start": body.index("40"), "qualifier": "exact", "value": "40", "low": "40", "high": "40"}
        ],
    }
    (fixtures / "devset" / f"lee_{line}.json").write_text(json.dumps(annotation))
    return fixtures, texts


def test_a_devset_split_is_scored_with_f1_per_type(tmp_path, monkeypatch):
    from facts.extraction import devset

    fixtures, texts = _made_up_devset(tmp_path, 100)
    monkeypatch.setitem(devset.SPLITS, "tune", range(100, 101))
    out = StringIO()

    call_command(
        "evaluate_extraction", "--set", "tune", "--fixtures", str(fixtures), "--devset-texts", str(texts), stdout=out
    )

    text = out.getvalue()
    assert "tune split" in text and "F1" in text
    assert "quote_spans" in text and "paraphrases" not in text


def test_the_test_split_lists_no_misses_unless_asked(tmp_path, monkeypatch):
    from facts.extraction import devset

    fixtures, texts = _made_up_devset(tmp_path, 120)
    (texts / "lee_120.txt").write_text("Nothing here at all.", encoding="utf-8")
    monkeypatch.setitem(devset.SPLITS, "test", range(120, 121))

    with pytest.raises(CommandError, match="differs from the text that was annotated"):
        call_command("evaluate_extraction", "--set", "test", "--fixtures", str(fixtures), "--devset-texts", str(texts))
