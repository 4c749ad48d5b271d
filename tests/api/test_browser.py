"""The API's pages in a real browser (headless Chromium, as tests/admin/test_browser.py drives it).

The documentation (Swagger UI, Redoc) makes no request outside the app: every request the
page makes is recorded. The browsable API names Factbase, labels its filters, and its forms
send the record's ETag, so a change made from the page is not refused for want of If-Match.
"""

import pytest
from playwright.sync_api import Page, expect

from facts.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

OFFLINE = ("data:", "blob:", "about:")


@pytest.mark.parametrize(("path", "title"), [("/api/docs/", "Factbase API"), ("/api/redoc/", "Factbase API")])
def test_the_docs_make_no_request_outside_the_app(chromium, live_server, path, title):
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(60_000)
    docs = context.new_page()
    requested: list[str] = []
    docs.on("request", lambda request: requested.append(request.url))
    # Redoc's bundle asks a CDN for its logo; the page's Content-Security-Policy has the browser
    # refuse it before it is sent (factbase/urls.py: REDOC_POLICY).
    failures: dict[str, str] = {}
    docs.on("requestfailed", lambda request: failures.setdefault(request.url, request.failure or ""))

    docs.goto(path, wait_until="networkidle")
    # Redoc renders the whole schema (over 8,000 lines) in script first: on a busy machine that took over 5 s.
    expect(docs.get_by_text(title).first).to_be_visible(timeout=60_000)
    docs.wait_for_load_state("networkidle")

    blocked = {url for url, failure in failures.items() if failure == "csp"}  # refused, never sent
    sent_outside = [url for url in requested if not url.startswith((live_server.url, *OFFLINE)) and url not in blocked]
    assert sent_outside == [], failures
    assert any(url.startswith(f"{live_server.url}/api/schema/") for url in requested)
    context.close()


def test_the_browsable_api_names_factbase_and_labels_its_filters(page: Page):
    page.goto("/api/v1/")
    expect(page.locator("h1")).to_have_text("Factbase API")
    expect(page.locator(".navbar-brand")).to_have_text("Factbase API")

    page.goto("/api/v1/claims/")
    page.click("button:has-text('Filters')")
    expect(page.locator("#filtersModal")).to_contain_text("Speaker type")
    expect(page.locator("#filtersModal")).not_to_contain_text("[invalid name]")


def test_an_article_body_reads_as_text(page: Page):
    from facts.models import Article

    article = Article.objects.order_by("pk").first()
    page.goto(f"/api/v1/articles/{article.pk}/")

    expect(page.locator("pre.article-body")).to_contain_text("Some international activists say")


def test_a_change_from_the_browsable_api_sends_the_etag(page: Page):
    flake = Person.objects.get(name="Gordon Flake")
    page.goto(f"/api/v1/people/{flake.pk}/")
    expect(page.locator(".if-match-note")).to_contain_text("If-Match")

    page.fill("#put-generic-content-form textarea[name=_content]", '{"name": "Gordon A. Flake"}')
    page.click("#put-generic-content-form button[data-method=PATCH]")

    expect(page.locator(".response-info")).to_contain_text('"name": "Gordon A. Flake"')
    expect(page.locator(".response-info")).to_contain_text("HTTP 200 OK")
    flake.refresh_from_db()
    assert flake.name == "Gordon A. Flake"
