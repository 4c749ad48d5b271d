"""The editors' workspace as a person uses it: the real admin in headless Chromium.

Each test signs in as an editor (the `page` fixture) over the seed data, served by
pytest-django's live server. Screenshots of the article page, the add-claim form and a
person's history go to .local/screenshots/.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from facts.models import Article, Claim, Person

# The live server reads committed data: these tests commit, and the database is emptied after each.
pytestmark = pytest.mark.django_db(transaction=True)

NEW_QUOTE = "is critical not only of the deprivation and repression in that country"


def first_seed_article() -> Article:
    return Article.objects.order_by("pk").first()


def test_an_editor_opens_a_seed_article_and_sees_its_passages_highlighted(page: Page, screenshot_dir):
    article = first_seed_article()
    claim = Claim.objects.filter(article=article, speaker_person__name="Gordon Flake").order_by("start").first()

    page.click("text=Articles")
    page.click(f"a[href$='/article/{article.pk}/change/']")

    body = page.locator(".article-body")
    expect(body).to_contain_text("Some international activists say")
    for kind in ("claim", "figure", "mention", "role"):
        expect(body.locator(f"mark.passage-{kind}").first).to_be_visible()
    expect(page.locator(f"#passage-claim-{claim.pk}")).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.screenshot(path=str(screenshot_dir / "article-page.png"))

    # A highlight's card leads to its record, and the record leads back to the highlight.
    page.locator(f"#card-claim-{claim.pk}").get_by_role("link", name="Open").click()
    expect(page).to_have_url(re.compile(rf"/admin/facts/claim/{claim.pk}/change/$"))
    page.click("a.passage-context")
    expect(page).to_have_url(re.compile(rf"/admin/facts/article/{article.pk}/change/#passage-claim-{claim.pk}$"))
    expect(page.locator(f"#passage-claim-{claim.pk}")).to_be_in_viewport()


def test_an_editor_adds_a_claim_by_pasting_its_quote(page: Page, screenshot_dir):
    article = first_seed_article()
    page.goto(f"/admin/facts/article/{article.pk}/change/")

    page.click("ul.object-tools >> text=Add claim")
    expect(page.locator("#id_exact")).to_be_visible()
    page.fill("#id_exact", NEW_QUOTE)
    page.select_option("#id_kind", "assertion")
    # The speaker through the autocomplete, found by an alias.
    page.click("#id_speaker_person + .select2 .select2-selection")
    page.fill(".select2-search__field", "Vollertsen")
    page.click(".select2-results__option >> text=Norbert Vollertsen")
    page.screenshot(path=str(screenshot_dir / "add-claim-form.png"), full_page=True)
    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    claim = Claim.objects.get(exact=NEW_QUOTE)
    assert article.body[claim.start : claim.end] == NEW_QUOTE
    assert claim.speaker_person.name == "Norbert Vollertsen"


def test_a_quote_that_is_not_in_the_article_gets_a_clear_error(page: Page):
    article = first_seed_article()
    page.goto(f"/admin/facts/claim/add/?article={article.pk}")

    page.fill("#id_exact", "China has opened its border to all refugees")
    page.select_option("#id_kind", "assertion")
    page.click("input[name=_save]")

    error = page.locator(".field-exact .errorlist")
    expect(error).to_contain_text("does not occur in article")
    expect(error).to_contain_text("Copy it exactly as it stands in the article")
    expect(page.locator("#id_exact")).to_have_value("China has opened its border to all refugees")
    assert not Claim.objects.filter(exact__startswith="China has opened").exists()


def test_an_editor_reviews_a_claim(page: Page):
    claim = Claim.objects.filter(speaker_person__name="Cathleen Newland").order_by("pk").first()
    page.goto(f"/admin/facts/claim/{claim.pk}/change/")

    page.click("a.review-link")
    page.check("input[name=status][value=disputed]")
    page.fill("#id_note", "Other sources give a different figure.")
    page.click("input[name=_review]")

    expect(page.locator(".messagelist")).to_contain_text("Reviewed as disputed")
    expect(page.locator(".field-review_status")).to_contain_text("disputed")
    expect(page.locator("#reviews-group")).to_contain_text("Other sources give a different figure.")
    claim.refresh_from_db()
    assert claim.review_status == "disputed"
    assert claim.reviews.get().reviewer.username == "editor"


def test_an_editor_merges_two_people_and_sees_the_merge_in_history(page: Page, screenshot_dir):
    flake = Person.objects.get(name="Gordon Flake")
    duplicate = Person.objects.create(name="G. Flake")
    claim = Claim.objects.filter(speaker_person=flake).first()
    Claim.objects.filter(pk=claim.pk).update(speaker_person=duplicate)
    page.goto("/admin/facts/person/")

    page.check(f"input[name=_selected_action][value='{flake.pk}']")
    page.check(f"input[name=_selected_action][value='{duplicate.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.check(f"input[name=keep][value='{flake.pk}']")
    page.click("input[name=_merge]")

    expect(page.locator(".messagelist")).to_contain_text("Merged “G. Flake” into “Gordon Flake”")
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert Claim.objects.get(pk=claim.pk).speaker_person == flake

    # The history of the person kept: the new alias, who made it, and the merge.
    page.goto(f"/admin/facts/person/{flake.pk}/change/")
    expect(page.locator("#id_aliases")).to_have_value("Mr. Flake\nG. Flake")
    page.click("ul.object-tools >> text=History")
    table = page.locator("table.history-table")
    expect(table).to_contain_text("merged")
    expect(table.locator("tr.history-update")).to_contain_text("G. Flake")
    expect(table.locator("tr.history-update .history-user")).to_have_text("editor")
    page.screenshot(path=str(screenshot_dir / "person-history.png"))


def test_an_editor_views_the_history_of_a_claim_and_reverts_a_change(page: Page):
    claim = Claim.objects.filter(kind="direct_quote").order_by("pk").first()
    page.goto(f"/admin/facts/claim/{claim.pk}/change/")
    page.select_option("#id_kind", "paraphrase")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.click("ul.object-tools >> text=History")
    rows = page.locator("table.history-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("editor")
    expect(rows.nth(1)).to_contain_text("direct quote → paraphrase")
    rows.nth(0).locator("text=Revert to this version…").click()
    expect(page.locator(".revert-diff")).to_contain_text("paraphrase")
    page.click("input[name=_confirm]")

    expect(page.locator(".messagelist")).to_contain_text("Reverted kind")
    claim.refresh_from_db()
    assert claim.kind == "direct_quote"


@pytest.mark.parametrize(
    ("path", "drawn"),
    [
        ("/admin/", "#content"),
        ("/admin/facts/claim/add/", "#claim_form"),
        ("/admin/facts/person/", "#changelist"),
        ("/api/docs/", ".swagger-ui .info"),
        ("/api/redoc/", "redoc h1"),
        ("/api/v1/claims/", ".response-info"),
        ("/api-auth/login/", "form"),
    ],
)
def test_the_admin_the_docs_and_the_browsable_api_work_under_the_content_security_policy(page: Page, path, drawn):
    response = page.goto(path)
    page.locator(drawn).first.wait_for()
    page.wait_for_load_state("networkidle")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Redoc's bundle asks a CDN for Redocly's logo; the policy refuses it on purpose, so that no
    # request leaves the app (tests/api/test_browser.py). Every other refusal is a failure.
    logo = [v for v in page.csp_violations if path == "/api/redoc/" and "cdn.redoc.ly" in v]
    page.csp_violations[:] = [v for v in page.csp_violations if v not in logo]
    assert page.csp_violations == []
