"""Fixtures for the admin tests: editors, a signed-in client, the seed data. The browser and a
signed-in page are shared by every test module (tests/browser.py, registered in tests/conftest.py)."""

from pathlib import Path
from typing import Any

import pytest

from facts.seed import load_seed
from tests.browser import PASSWORD, SCREENSHOTS, make_editor  # noqa: F401  (tests import them from here)


@pytest.fixture
def editor(django_user_model: Any) -> Any:
    return make_editor(django_user_model)


@pytest.fixture
def editor_client(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


@pytest.fixture
def seed(db: None) -> None:
    load_seed()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def screens(screenshot_dir: Path) -> Path:
    """The same directory, by the name the review-flow tests use."""
    return screenshot_dir


@pytest.fixture
def app_only(page: Any, live_server: Any) -> Any:
    """The signed-in page, failing the test if it requested anything outside the app (a CDN, a font)."""
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:", "blob:", "about:"))
            else None
        ),
    )
    yield page
    assert outside == [], f"the page requested something outside the app: {outside}"
