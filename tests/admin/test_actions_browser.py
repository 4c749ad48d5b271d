"""History and verdicts as an editor meets them, in headless Chromium: a revert that asks first and
shows what it changes, history that says what happened in words, Recent actions that list reviews,
accepts, merges and reverts, and a bulk verdict that asks for a note and a confirmation.

Screenshots go to .local/screenshots/.
"""

import pytest
from playwright.sync_api import Page, expect

from facts.models import Claim, Person

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("app_only")]


def test_a_revert_asks_first_and_shows_up_in_history_and_recent_actions(page: Page, screens):
    claim = Claim.objects.filter(kind="direct_quote").order_by("pk").first()
    page.goto(f"/admin/facts/claim/{claim.pk}/change/")
    page.select_option("#id_kind", "paraphrase")
    page.click("input[name=_continue]")
    page.click("ul.object-tools >> text=History")

    page.locator("table.history-table tbody tr").nth(0).locator("text=Revert to this version…").click()
    diff = page.locator(".revert-diff tbody tr")
    expect(diff).to_have_count(1)
    expect(diff).to_contain_text("Kind")
    expect(diff.locator("del")).to_have_text("paraphrase")
    expect(diff.locator("ins")).to_have_text("direct quote")
    page.screenshot(path=str(screens / "revert-confirmation.png"), full_page=True)
    claim.refresh_from_db()
    assert claim.kind == "paraphrase"  # nothing changed before confirming
    page.click("input[name=_confirm]")

    expect(page.locator(".messagelist")).to_contain_text("Reverted kind")
    rows = page.locator("table.history-table tbody tr")
    expect(rows.nth(1).locator(".history-action")).to_contain_text("edited in the workspace")
    expect(rows.last.locator(".history-action")).to_contain_text("reverted to the version of change #")
    page.screenshot(path=str(screens / "history-after-revert.png"), full_page=True)
    page.goto("/admin/")
    # Django's own Recent actions (the editor's) lists the revert next to the edit; the index's
    # list of every editor's changes says what it was.
    expect(page.locator("#recent-actions-module li")).to_have_count(2)
    expect(page.locator(".to-do-recent")).to_contain_text("Reverted kind to the version of change #")
    page.screenshot(path=str(screens / "index.png"), full_page=True)


def test_a_bulk_verdict_asks_for_a_note_and_a_confirmation(page: Page, screens):
    claims = list(Claim.objects.filter(speaker_person__name="Gordon Flake").order_by("pk")[:2])
    page.goto("/admin/facts/claim/?review_status__exact=unreviewed")
    for claim in claims:
        page.check(f"input[name=_selected_action][value='{claim.pk}']")
    page.select_option("select[name=action]", "mark_disputed")
    page.click("button[name=index]")

    confirm = page.locator("#content")
    expect(confirm).to_contain_text("Mark 2 claims as disputed?")
    expect(confirm.locator(".status-definition")).to_contain_text("Credible sources contradict the claim")
    page.click("input[name=_confirm]")  # without a note: the browser asks for one
    assert page.eval_on_selector("#id_note", "note => note.validationMessage") != ""
    expect(confirm).to_contain_text("Mark 2 claims as disputed?")
    assert set(Claim.objects.filter(pk__in=[c.pk for c in claims]).values_list("review_status", flat=True)) == {
        "unreviewed"
    }
    page.fill("#id_note", "Two other reports give other numbers.")
    page.screenshot(path=str(screens / "bulk-verdict-confirmation.png"), full_page=True)
    page.click("input[name=_confirm]")

    expect(page.locator(".messagelist")).to_contain_text("Marked 2 claims as disputed")
    for claim in claims:
        claim.refresh_from_db()
        assert claim.review_status == "disputed"
        assert claim.reviews.get().note == "Two other reports give other numbers."
    page.goto("/admin/")
    expect(page.locator(".to-do-recent")).to_contain_text("Reviewed as disputed (bulk): Two other reports")


def test_the_review_page_defines_each_status(page: Page, screens):
    claim = Claim.objects.order_by("pk").first()
    page.goto(f"/admin/facts/claim/{claim.pk}/review/")

    expect(page.locator("#content")).to_contain_text("No editor has given a verdict yet.")
    for words in (
        "matches the sources checked",
        "contradict the claim",
        "show that the claim is wrong",
        "cannot be checked",
        "has withdrawn the claim",
    ):
        expect(page.locator("#review-form")).to_contain_text(words)
    page.screenshot(path=str(screens / "review-page.png"), full_page=True)


def test_a_merge_says_what_moved_in_history_and_recent_actions(page: Page):
    flake = Person.objects.get(name="Gordon Flake")
    duplicate = Person.objects.create(name="G. Flake")
    Claim.objects.filter(pk=Claim.objects.filter(speaker_person=flake).first().pk).update(speaker_person=duplicate)
    page.goto("/admin/facts/person/")
    page.check(f"input[name=_selected_action][value='{flake.pk}']")
    page.check(f"input[name=_selected_action][value='{duplicate.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.check(f"input[name=keep][value='{flake.pk}']")
    page.click("input[name=_merge]")

    page.goto(f"/admin/facts/person/{flake.pk}/history/")
    expect(page.locator("tr.history-merge .history-action")).to_contain_text("moved: 1 claim")
    page.goto("/admin/")
    expect(page.locator("#recent-actions-module")).to_contain_text("Gordon Flake")
    expect(page.locator(".to-do-recent")).to_contain_text("Merged “G. Flake” into it")
