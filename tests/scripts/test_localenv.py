"""scripts/localenv.py: data made by another major version of the embedded Postgres is kept aside, not opened."""

import warnings
from pathlib import Path

import pytest

from scripts import localenv


@pytest.fixture
def bin_path() -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pgserver: XDG_RUNTIME_DIR is unset, /tmp serves (as in localenv)
        from pgserver._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def bundled_major(bin_path: Path) -> str:
    import subprocess

    return (
        subprocess.run([str(bin_path / "postgres"), "--version"], capture_output=True, text=True)
        .stdout.split()[-1]
        .split(".")[0]
    )


def test_data_of_an_older_postgres_is_moved_aside_with_its_files_kept(tmp_path, monkeypatch, bin_path):
    monkeypatch.setattr(localenv, "LOCAL", tmp_path)
    (tmp_path / "pgdata").mkdir()
    (tmp_path / "pgdata" / "PG_VERSION").write_text("16\n")
    (tmp_path / "pgdata" / "base").write_text("the old data")

    localenv.set_aside_older_data(bin_path)

    assert not (tmp_path / "pgdata").exists()
    assert (tmp_path / "pgdata-16" / "base").read_text() == "the old data"


def test_data_of_the_same_postgres_is_left_where_it_is(tmp_path, monkeypatch, bin_path):
    monkeypatch.setattr(localenv, "LOCAL", tmp_path)
    (tmp_path / "pgdata").mkdir()
    (tmp_path / "pgdata" / "PG_VERSION").write_text(bundled_major(bin_path) + "\n")

    localenv.set_aside_older_data(bin_path)

    assert (tmp_path / "pgdata" / "PG_VERSION").exists()
    assert not list(tmp_path.glob("pgdata-*"))
