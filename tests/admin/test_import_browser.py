"""Adding an article from a URL in the admin, as an editor does it in headless Chromium.

Screenshots of the refused address and of the imported article go to .local/screenshots/.
"""

import pytest
from playwright.sync_api import Page, expect

from facts.models import ArticleSource
from tests.pages import ARTICLE_HTML

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("only_loopback_connections")]


def test_an_editor_adds_an_article_from_a_url_after_a_refused_one(
    page: Page, page_server, allow_loopback, screenshot_dir
):
    url = page_server.page("/news/refugees", ARTICLE_HTML)
    page.click("text=Articles")
    page.click("text=Add article from URL or HTML")

    page.fill("#id_url", "http://169.254.169.254/latest/meta-data/")
    page.click("input[name=_import]")
    expect(page.locator(".errornote")).to_contain_text("The address 169.254.169.254 is link-local")
    page.screenshot(path=str(screenshot_dir / "import-refused.png"), full_page=True)

    page.fill("#id_url", url)
    page.fill("#id_publisher", "Example Wire")
    page.click("input[name=_import]")

    expect(page.locator(".messagelist")).to_contain_text("Added article")
    expect(page.locator(".article-body")).to_contain_text("“We are ready,” said Kim Young-il")
    expect(page.locator("#id_publisher")).to_have_value("Example Wire")
    page.screenshot(path=str(screenshot_dir / "import-added.png"), full_page=True)
    assert ArticleSource.objects.get().fetched_url == url
