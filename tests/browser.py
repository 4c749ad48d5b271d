"""The browser the UI tests drive: headless Chromium (Debian's `chromium`, through Playwright,
with no browser download) against pytest-django's live server, and a page signed in as an editor.

The fixtures are registered once, by tests/conftest.py, so every test module shares one browser
(Playwright's sync API allows one running instance per thread).
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facts.seed import load_seed
from tests.factories import editors_group

# Playwright's sync API runs an event loop in the test's thread, and Django refuses ORM
# calls from a thread with a running loop unless told this is safe: here it is, since
# the loop only drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every browser test writes its screenshots here: .local/screenshots/ of this checkout.
SCREENSHOTS = Path(__file__).resolve().parent.parent / ".local" / "screenshots"
PASSWORD = "correct horse battery staple"
CSP_REFUSAL = "Content Security Policy"


def make_editor(django_user_model: Any, username: str = "editor") -> Any:
    """A staff account in the editors group, as `manage.py create_editor` makes it."""
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Chromium, once per test session; skipped (or failed in CI) when missing."""
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if executable is None:
        message = (
            f"Chromium is not installed at {CHROMIUM}, so the browser tests cannot run. "
            "Install it with `apt-get install chromium` (Debian/Ubuntu)."
        )
        if os.environ.get("FACTBASE_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " FACTBASE_REQUIRE_BROWSER=1 makes this a failure.", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_editor(transactional_db: None, django_user_model: Any) -> Any:
    load_seed()
    return make_editor(django_user_model)


@pytest.fixture
def page(chromium: Any, live_server: Any, browser_editor: Any) -> Iterator[Any]:
    """A browser page signed in to the admin as an editor, over the seed data."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Whatever the Content-Security-Policy refuses, Chromium reports on the console.
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{message.text} ({message.location})") if CSP_REFUSAL in message.text else None
        ),
    )
    page.csp_violations = violations  # type: ignore[attr-defined]
    page.goto("/admin/login/")
    page.fill("#id_username", browser_editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()
    assert violations == [], f"the Content-Security-Policy refused something: {violations}"
