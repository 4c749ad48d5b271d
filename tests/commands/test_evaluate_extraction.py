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

    with pytest.raises(CommandError, match="not met for: quotes"):
        call_command("evaluate_extraction", "--check", "--fixtures", str(fixtures), stdout=StringIO())
