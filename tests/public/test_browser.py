"""The public pages in headless Chromium with JavaScript off, as a reader or a crawler sees them.

Each page must render whole, draw no Content-Security-Policy refusal (the JSON-LD block is a
data block: Chromium does not run it, so script-src does not apply to it), and make no
request outside the app. Screenshots at 1366x900 go to .local/screens/.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from facts import services
from facts.models import Article, Claim, Figure, Measure, Organization, Person
from facts.seed import load_seed
from tests.browser import CSP_REFUSAL

# The live server reads committed data: these tests commit, and the database is emptied after each.
pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = Path(__file__).resolve().parents[2] / ".local" / "screens"


@pytest.fixture
def reader_page(chromium: Any, live_server: Any) -> Any:
    """An anonymous page with JavaScript disabled, recording CSP refusals and every request."""
    context = chromium.new_context(
        viewport={"width": 1366, "height": 900}, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.csp_violations = []
    page.requests = []
    page.on("console", lambda m: page.csp_violations.append(m.text) if CSP_REFUSAL in m.text else None)
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


@override_settings(
    FACTBASE_PUBLISHER_NAME="Example Fact Check", FACTBASE_PUBLISHER_URL="https://factcheck.example.org/"
)
def test_every_public_page_renders_without_javascript_or_csp_refusals_or_outside_requests(reader_page, live_server):
    load_seed()
    claim = Claim.objects.get(exact__startswith="They come to Thailand")
    services.claim_review(claim=claim, status="disputed", note="Other sources count fewer countries.")
    services.record_update(instance=claim, changes={"summary": "Thailand is among the few places to seek asylum"})
    measure = Measure.objects.filter(figures__isnull=False).first()
    organization = Organization.objects.filter(roles__isnull=False).first() or Organization.objects.first()
    pages = {
        "claim": (f"/claims/{claim.pk}/", "Thailand is among the few places to seek asylum"),
        "person": (f"/people/{Person.objects.get(name='Gordon Flake').pk}/", "Gordon Flake"),
        "organization": (f"/organizations/{organization.pk}/", organization.name),
        "measure": (f"/measures/{measure.pk}/", measure.name),
        "article": (f"/articles/{claim.article_id}/", "They come to Thailand"),
    }
    SCREENS.mkdir(parents=True, exist_ok=True)
    app = urlsplit(live_server.url).netloc
    page = reader_page
    for name, (path, text) in pages.items():
        response = page.goto(path)

        assert response is not None and response.status == 200, path
        assert text in page.locator("main").inner_text(), path
        # The stylesheet applied: the main column is narrower than the window.
        assert page.locator("main").bounding_box()["width"] < 1000, path
        page.screenshot(path=str(SCREENS / f"public-{name}.png"), full_page=name != "article")
    assert page.csp_violations == []
    assert {urlsplit(url).netloc for url in page.requests} == {app}, page.requests
    # The claim page carries its ClaimReview: a data block the browser keeps and does not run.
    page.goto(pages["claim"][0])
    block = page.locator('script[type="application/ld+json"]').text_content()
    assert '"@type": "ClaimReview"' in block and "Example Fact Check" in block
    assert page.csp_violations == []
    assert Figure.objects.filter(measure=measure).exists() and Article.objects.exists()


def test_the_json_ld_block_draws_no_csp_refusal_with_javascript_on(chromium, live_server):
    """With scripts on, Chromium would report an inline script the policy refuses: a data block is none."""
    load_seed()
    claim = Claim.objects.first()
    services.claim_review(claim=claim, status="verified")
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    refusals: list[str] = []
    page.on("console", lambda m: refusals.append(m.text) if CSP_REFUSAL in m.text else None)

    page.goto(f"/claims/{claim.pk}/")
    page.wait_for_load_state("networkidle")
    # The block is there, parsed as text and never run (a script would have a side effect to see).
    block = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert block["@type"] == "ClaimReview"
    assert refusals == []
    # The listener does hear a refusal: an inline script that would run is refused and reported.
    page.evaluate("document.head.appendChild(document.createElement('script')).textContent = 'window.ran = 1'")
    page.wait_for_timeout(200)
    context.close()
    assert refusals, "an inline script should have been refused by the Content-Security-Policy"
