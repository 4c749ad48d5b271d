"""Reviewing proposals as an editor does it, in headless Chromium: the two ways reviewing used to
lose an editor's work (a correction that dropped the speaker; a rejected person created anyway, and
re-accepted by the bulk action), and the bulk action's confirmation page.

Screenshots go to .local/screenshots/.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from facts import services
from facts.models import Article, Claim, Person, Proposal
from tests.factories import make_article
from tests.jobs import run_queued_jobs

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("app_only")]

TEXT = (
    "Sunee Chaiyarat, who runs a shelter in Samut Sakhon, said: “The raids continue every week.” "
    "Workers are afraid to leave their rooms, Sunee Chaiyarat said."
)
SPEAKER = "Sunee Chaiyarat"


@pytest.fixture
def article(page: Page) -> Article:
    """An article with the extractor's proposals: a person, and her quote and paraphrase."""
    article = make_article(TEXT, extract=True)
    assert run_queued_jobs() == 1
    return article


def quote_of(article: Article) -> Proposal:
    return article.proposals.get(kind="claim", data__kind="direct_quote")


def person_of(article: Article) -> Proposal:
    return article.proposals.get(kind="person", data__name=SPEAKER)


def test_correcting_only_the_kind_of_a_quote_keeps_its_speaker(page: Page, article, screens):
    quote = quote_of(article)
    assert quote.data["speaker"]["name"] == SPEAKER
    page.goto(f"/admin/facts/proposal/{quote.pk}/change/")

    page.click("text=Accept with corrections…")
    # The form opens with what was proposed, and no error yet.
    expect(page.locator("#id_kind")).to_have_value("direct_quote")
    expect(page.locator("#id_speaker_type")).to_have_value("person")
    expect(page.locator("#id_speaker_name")).to_have_value(SPEAKER)
    expect(page.locator(".errorlist")).to_have_count(0)
    page.screenshot(path=str(screens / "proposal-accept-with-corrections.png"), full_page=True)
    page.select_option("#id_kind", "paraphrase")
    page.click("input[name=_accept]")

    expect(page.locator(".messagelist")).to_contain_text("Accepted with 1 correction")
    # The article's next pending proposal opens, to go on reviewing.
    following = article.proposals.get(kind="claim", data__kind="paraphrase")
    expect(page).to_have_url(re.compile(rf"/admin/facts/proposal/{following.pk}/change/$"))
    expect(page.locator(".messagelist")).to_contain_text("Next pending proposal of this article")
    claim = Claim.objects.get(article=article, start=quote.start)
    assert claim.kind == "paraphrase"
    assert claim.speaker_person is not None and claim.speaker_person.name == SPEAKER
    quote.refresh_from_db()
    assert quote.edits == {"kind": "paraphrase"}


def test_a_rejected_person_is_not_created_by_accepting_her_quote(page: Page, article, screens):
    person, quote = person_of(article), quote_of(article)
    page.goto(f"/admin/facts/proposal/{person.pk}/change/")
    page.click("button.reject-link")
    expect(page.locator(".messagelist")).to_contain_text("Rejected")

    page.goto(f"/admin/facts/proposal/{quote.pk}/change/")
    page.click("button.accept-link")

    notice = page.locator(".messagelist")
    expect(notice).to_contain_text(f"“{SPEAKER}” was rejected as a person")
    page.screenshot(path=str(screens / "proposal-accepted-rejected-speaker.png"), full_page=True)
    assert not Person.objects.filter(name=SPEAKER).exists()
    claim = Claim.objects.get(article=article, start=quote.start)
    assert (claim.speaker_person, claim.speaker_group) == (None, SPEAKER)
    assert Proposal.objects.get(pk=person.pk).status == "rejected"


def test_the_bulk_accept_confirms_what_it_will_create_and_skips_reviewed_proposals(page: Page, article, screens):
    person, quote = person_of(article), quote_of(article)
    organization = article.proposals.get(kind="organization")
    services.proposal_reject(proposal=person, user=None)
    services.proposal_accept(proposal=organization, user=None)
    names_her = article.proposals.get(kind="mention", data__actor="person")
    page.goto(f"/admin/facts/proposal/?article__id__exact={article.pk}")

    page.check("#action-toggle")
    page.select_option("select[name=action]", "accept_selected")
    page.click("button[name=index]")

    # The confirmation page: what will be accepted, what is skipped, and that no one is created.
    confirm = page.locator("#content")
    expect(confirm).to_contain_text("Accept 3 pending proposals")
    expect(confirm).to_contain_text("Skipped: 1 already accepted, 1 rejected")
    expect(confirm.locator(".left-pending")).to_contain_text(f"“{SPEAKER}” was rejected as a person")
    expect(confirm.locator(".will-create")).to_contain_text("No new people or organizations")
    page.screenshot(path=str(screens / "proposal-bulk-accept-confirm.png"), full_page=True)
    page.click("input[name=_confirm]")

    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("Accepted 3 proposals")
    expect(messages).to_contain_text("Left as they were: 1 already accepted, 1 rejected")
    expect(messages).to_contain_text("Left pending: 1")
    assert Proposal.objects.get(pk=person.pk).status == "rejected"
    assert Proposal.objects.get(pk=names_her.pk).status == "pending"
    assert not Person.objects.filter(name=SPEAKER).exists()
    assert Proposal.objects.get(pk=quote.pk).status == "accepted"
