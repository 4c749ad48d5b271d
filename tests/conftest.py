"""Shared fixtures: the seed articles as the tests read them, and data for the database."""

from pathlib import Path

import pytest

from tests import factories

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
FIXTURE_ARTICLES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


@pytest.fixture
def seed_bodies() -> dict[str, str]:
    """The three seed texts by file stem, decoded exactly as stored in fixtures/."""
    return {path.stem: path.read_bytes().decode("utf-8") for path in sorted(FIXTURE_ARTICLES_DIR.glob("*.txt"))}


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    return factories.make_article()
