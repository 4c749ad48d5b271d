"""Shared fixtures: the seed articles as the tests read them, and data for the database."""

from pathlib import Path

import pytest

from facts import services
from tests import factories, jobs
from tests.browser import browser_editor, chromium, page  # noqa: F401  (fixtures shared by every module)

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
FIXTURE_ARTICLES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


@pytest.fixture
def seed_bodies() -> dict[str, str]:
    """The three seed texts by file stem, decoded exactly as stored in fixtures/."""
    return {path.stem: path.read_bytes().decode("utf-8") for path in sorted(FIXTURE_ARTICLES_DIR.glob("*.txt"))}


@pytest.fixture
def article(db):  # type: ignore[no-untyped-def]
    return factories.make_article()


@pytest.fixture
def article_000(db, seed_bodies):  # type: ignore[no-untyped-def]
    """Seed article 000 stored through ingest, its queued extraction then run: with the extractor's proposals."""
    article, created = services.article_ingest(body=seed_bodies["000_0b70f8eb3d6f89fe"])
    assert created
    assert jobs.run_queued_jobs() == 1
    return article


@pytest.fixture
def editor_user(db):  # type: ignore[no-untyped-def]
    """An account in the editors group (API tests sign in with its token)."""
    from django.contrib.auth.models import User

    user = User.objects.create_user("editor")
    user.groups.add(factories.editors_group())
    return user


@pytest.fixture
def editor(editor_user):  # type: ignore[no-untyped-def]
    """An API client signed in with the editor's token."""
    return factories.client_for(editor_user)
