"""manage.py ingest_folder: every text file of a folder stored exactly, its extraction queued."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from facts.models import Article
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


def test_ingest_folder_stores_every_text_file_exactly_and_reports_each(tmp_path):
    (tmp_path / "a.txt").write_bytes(b'Gordon Flake says more than 30 people fled.\r\n"Yes," he said.\r\n')
    (tmp_path / "b.txt").write_bytes(b"Ms. Kang says tens of thousands have fled.")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe not UTF-8")
    (tmp_path / "notes.md").write_text("ignored")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="3 files: 2 created, 0 existing, 1 failed"):
        call_command("ingest_folder", str(tmp_path), stdout=out, stderr=err)

    stored = Article.objects.get(body__startswith="Gordon Flake")
    assert stored.body == 'Gordon Flake says more than 30 people fled.\r\n"Yes," he said.\r\n'  # no newline translation
    assert (stored.title, stored.publisher, stored.url, stored.published_on) == (None, None, None, None)
    assert "(extraction queued)" in out.getvalue() and not stored.proposals.exists()
    assert run_queued_jobs() == 2
    assert stored.proposals.filter(kind="figure", exact="more than 30").exists()
    assert "created   a.txt" in out.getvalue() and "c.txt: not valid UTF-8" in err.getvalue()

    (tmp_path / "c.txt").unlink()
    out = StringIO()
    call_command("ingest_folder", str(tmp_path), stdout=out)
    assert "existing  a.txt" in out.getvalue()
    assert "2 files: 0 created, 2 existing, 0 failed." in out.getvalue()
