"""Adding an article from a URL in the admin, as an editor does it in headless Chromium.

The URL is queued for a background worker; the test runs the job as a worker would, between
two loads of the request's page. Screenshots of the refused address, the queued, done and
failed requests and the failed list go to .local/screenshots/.
"""

import pytest
from playwright.sync_api import Page, expect

from facts import services
from facts.models import ArticleRequest, ArticleSource
from tests.jobs import run_queued_jobs
from tests.pages import ARTICLE_HTML, Route

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("only_loopback_connections")]


def test_an_editor_queues_a_url_after_a_refused_one_and_follows_it_to_the_article(
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

    expect(page.locator(".messagelist")).to_contain_text("Queued: a worker fetches the page in the background")
    expect(page.locator(".field-standing")).to_contain_text("queued: waiting for a worker")
    expect(page.locator(".field-given_metadata")).to_contain_text("publisher: Example Wire")
    page.screenshot(path=str(screenshot_dir / "import-queued.png"), full_page=True)
    assert ArticleRequest.objects.get().status == "queued" and page_server.requests == []

    assert run_queued_jobs("fetch_article") == 1
    page.reload()

    expect(page.locator(".field-standing")).to_contain_text(
        "done: stored as a new article, Refugees wait at the border"
    )
    page.screenshot(path=str(screenshot_dir / "import-request-done.png"), full_page=True)
    page.locator(".field-standing").get_by_role("link", name="Refugees wait at the border").click()
    expect(page.locator(".article-body")).to_contain_text("“We are ready,” said Kim Young-il")
    expect(page.locator("#id_publisher")).to_have_value("Example Wire")
    assert ArticleSource.objects.get().fetched_url == url


def test_an_editor_sees_a_refused_redirect_on_the_failed_list_and_retries_it(
    page: Page, page_server, allow_loopback, screenshot_dir
):
    url = page_server.serve("/moved", Route(status=302, headers={"Location": "http://10.0.0.1/article"}))
    page.goto("/admin/facts/article/import/")
    page.fill("#id_url", url)
    page.click("input[name=_import]")
    expect(page.locator(".field-standing")).to_contain_text("queued")
    with pytest.raises(services.ArticleRequestFailed):
        run_queued_jobs("fetch_article")

    page.click("text=All article requests")
    page.click("#changelist-filter >> text=failed")
    expect(page.locator("#result_list .field-short_error")).to_contain_text("The address 10.0.0.1 is private")
    page.screenshot(path=str(screenshot_dir / "import-requests-failed.png"), full_page=True)
    page.click("#result_list .field-short_url a")
    expect(page.locator(".field-standing")).to_contain_text("failed: nothing was stored")
    page.screenshot(path=str(screenshot_dir / "import-request-failed.png"), full_page=True)

    page_server.page("/moved", ARTICLE_HTML)  # the site fixed its redirect
    page.click("text=Retry (fetch again)")

    expect(page.locator(".messagelist")).to_contain_text("Queued: a worker fetches the page")
    expect(page.locator(".field-standing")).to_contain_text("queued: waiting for a worker")
    assert run_queued_jobs("fetch_article") == 1
    page.reload()
    expect(page.locator(".field-standing")).to_contain_text("done: stored as a new article")
