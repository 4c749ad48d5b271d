"""The editors' working surfaces walked in headless Chromium, click by click, as an editor would.

Every test signs in as an editor over the seed data (the `page` fixture), at 1366×900, records
every request the page makes and fails if one leaves the app, and writes a screenshot of each
page to .local/screenshots/.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from facts.models import Article, Claim, Figure, Measure, Proposal
from tests.browser import SCREENSHOTS
from tests.factories import make_article
from tests.jobs import run_queued_jobs

# The live server reads committed data: these tests commit, and the database is emptied after each.
pytestmark = pytest.mark.django_db(transaction=True)

EMOJI_BODY = (
    "A note for readers 😀 before the story. Gordon Flake, executive director of the Mansfield Center, "
    'says more than 30 people fled. "The border is open," added Mr. Flake.'
)
TWICE = 'Mr. Flake said "no." Later, in Seoul, Mr. Flake said "no." again.'

# Finds `text` (its `occurrence`-th time) in the article's text and gives the screen points
# where a drag selecting it starts and ends: inside the first character's left half, inside the
# last character's right half.
SELECTION_POINTS = """([text, occurrence, at]) => {
  const body = document.getElementById("article-body");
  if (at === null) {
    at = -1;
    for (let i = 0; i <= occurrence; i++) { at = body.textContent.indexOf(text, at + 1); }
  }
  function locate(index) {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
      if (seen + node.length > index) { return [node, index - seen]; }
      seen += node.length;
    }
  }
  const [startNode, startOffset] = locate(at);
  const [endNode, endOffset] = locate(at + text.length - 1);
  startNode.parentElement.scrollIntoView({block: "center"});
  const first = document.createRange();
  first.setStart(startNode, startOffset); first.setEnd(startNode, startOffset + 1);
  const last = document.createRange();
  last.setStart(endNode, endOffset); last.setEnd(endNode, endOffset + 1);
  const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
  return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
}"""


@pytest.fixture
def editor_page(page: Page, live_server: Any) -> Iterator[Page]:
    """The signed-in page at 1366×900, failing the test if any request leaves the app."""
    page.set_viewport_size({"width": 1366, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page
    outside = [url for url in requests if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert requests, "the page made no request at all"
    assert outside == [], f"requests outside the app: {outside}"


def extracted_article():
    """An article with the extractor's proposals: its queued extraction run here, as a worker would."""
    article = make_article(extract=True)
    run_queued_jobs()
    return article


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"workspace-{name}.png"))


def drag_select(page: Page, text: str, occurrence: int = 0) -> None:
    """Select `text` in the article with the mouse: press, drag, release."""
    points = page.evaluate(SELECTION_POINTS, [text, occurrence, None])
    page.mouse.move(points["x1"], points["y1"])
    page.mouse.down()
    page.mouse.move(points["x2"], points["y2"], steps=8)
    page.mouse.up()


def open_article(page: Page, article: Article) -> None:
    page.goto(f"/admin/facts/article/{article.pk}/change/")
    expect(page.locator("#workspace")).to_be_visible()


def test_an_editor_selects_words_after_an_emoji_and_records_a_claim_with_exactly_their_offsets(editor_page):
    article = make_article(EMOJI_BODY)
    quote = "more than 30 people fled"
    open_article(editor_page, article)

    drag_select(editor_page, quote)
    tools = editor_page.locator("#selection-tools")
    expect(tools).to_be_visible()
    start = EMOJI_BODY.index(quote)  # in code points; JavaScript counts the emoji twice
    expect(tools.locator(".selection-summary")).to_have_text(f"Selected {start}–{start + len(quote)}: “{quote}”")
    screenshot(editor_page, "article-selection")
    tools.get_by_role("link", name="Record claim from this selection").click()

    expect(editor_page.locator("#id_exact")).to_have_value(quote)
    expect(editor_page.locator("#id_start")).to_have_value(str(start))
    editor_page.select_option("#id_kind", "assertion")
    editor_page.click("input[name=_save]")

    expect(editor_page.locator(".messagelist")).to_contain_text("was added successfully")
    claim = Claim.objects.get(article=article)
    assert (claim.start, claim.end, claim.exact) == (start, start + len(quote), quote)
    assert len(EMOJI_BODY[:start].encode("utf-16-le")) // 2 == start + 1  # the case the conversion is for


def claim_not_starting_with_another_passage(article: Article) -> Claim:
    """A claim whose first words no other record starts on, so pointing at them points at the claim."""
    starts = {
        *article.mentions.values_list("start", flat=True),
        *article.roles.values_list("start", flat=True),
        *article.figures.values_list("start", flat=True),
    }
    return next(claim for claim in article.claims.order_by("start") if claim.start not in starts and claim.speaker)


def test_cards_and_highlights_point_at_each_other_on_hover_and_click(editor_page):
    article = Article.objects.order_by("pk").first()
    claim = claim_not_starting_with_another_passage(article)
    open_article(editor_page, article)
    card = editor_page.locator(f"#card-claim-{claim.pk}")
    highlight = editor_page.locator(f"#passage-claim-{claim.pk}")

    # The card says who, by name, the kind and the review.
    expect(card).to_contain_text(str(claim.speaker))
    expect(card).to_contain_text(claim.get_kind_display())
    expect(card.locator(".card-status")).to_have_text("unreviewed")
    # The highlights are text, not links.
    expect(editor_page.locator("#article-body a")).to_have_count(0)
    screenshot(editor_page, "article-page")

    editor_page.mouse.move(*point_at(editor_page, claim))
    expect(card).to_have_class(_has("is-linked"))
    card.locator(".card-type").hover()
    expect(highlight).to_have_class(_has("is-linked"))

    editor_page.mouse.click(*point_at(editor_page, claim))
    expect(card).to_have_class(_has("is-selected"))
    expect(card).to_be_in_viewport()
    editor_page.mouse.wheel(0, 4000)  # the text scrolls away
    card.locator(".card-exact").click()
    expect(highlight).to_have_class(_has("is-selected"))
    expect(highlight).to_be_in_viewport()
    screenshot(editor_page, "article-card-selected")

    card.get_by_role("link", name="Open").click()
    expect(editor_page).to_have_url(f"{editor_page.url.split('/admin/')[0]}/admin/facts/claim/{claim.pk}/change/")


def point_at(page: Page, claim: Claim) -> tuple[float, float]:
    """Where the claim's first word is on the screen (the seed texts have no character beyond the BMP)."""
    points = page.evaluate(SELECTION_POINTS, [claim.exact[:8], 0, claim.start])
    return points["x1"] + 2, points["y1"]


def _has(name: str) -> Any:
    import re

    return re.compile(rf"(^|\s){name}(\s|$)")


def test_an_editor_accepts_and_rejects_pending_proposals_from_their_cards(editor_page):
    article = extracted_article()
    figure = article.proposals.get(kind="figure", exact="more than 30")
    person = article.proposals.filter(kind="person").order_by("start").first()
    open_article(editor_page, article)

    expect(editor_page.locator(f"mark#passage-proposal-{figure.pk}")).to_have_class(_has("passage-proposal"))
    card = editor_page.locator(f"#card-proposal-{figure.pk}")
    expect(card).to_contain_text("Proposed figure")
    expect(card).to_contain_text("more than 30")
    screenshot(editor_page, "article-proposals")
    card.get_by_role("button", name="Accept").click()

    expect(editor_page.locator(".messagelist")).to_contain_text("Accepted")
    figure.refresh_from_db()
    assert figure.status == Proposal.Status.ACCEPTED and figure.figure is not None

    open_article(editor_page, article)
    expect(editor_page.locator(f"#card-proposal-{figure.pk}")).to_have_count(0)
    expect(editor_page.locator(f"#card-figure-{figure.figure_id}")).to_contain_text("more than 30")
    editor_page.locator(f"#card-proposal-{person.pk}").get_by_role("button", name="Reject").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("Rejected")
    person.refresh_from_db()
    assert person.status == Proposal.Status.REJECTED

    open_article(editor_page, article)
    other = article.proposals.pending().order_by("start").first()
    editor_page.locator(f"#card-proposal-{other.pk}").get_by_role("link", name="Correct…").click()
    expect(editor_page.locator("h1")).to_contain_text("Accept with corrections")


def test_an_ambiguous_quote_gets_a_picker_and_the_second_occurrence_is_saved(editor_page):
    article = make_article(TWICE)
    second = TWICE.index("Mr. Flake said", 1)
    editor_page.goto(f"/admin/facts/claim/add/?article={article.pk}")

    editor_page.fill("#id_exact", "Mr. Flake said")
    editor_page.select_option("#id_kind", "paraphrase")
    editor_page.click("input[name=_save]")

    expect(editor_page.locator(".field-exact .errorlist")).to_contain_text("occurs 2 times")
    choices = editor_page.locator("#id_start label")
    expect(choices).to_have_count(2)
    expect(choices.nth(0)).to_contain_text('Mr. Flake said "no." Later')
    expect(choices.nth(1)).to_contain_text("Later, in Seoul, Mr. Flake said")
    screenshot(editor_page, "add-claim-ambiguous")
    choices.nth(1).click()
    editor_page.click("input[name=_save]")

    expect(editor_page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Claim.objects.get(article=article).start == second


def test_a_near_miss_quote_gets_a_suggestion_and_one_click_saves_it(editor_page):
    article = make_article()
    editor_page.goto(f"/admin/facts/claim/add/?article={article.pk}")

    editor_page.fill("#id_exact", "“The border is open,” added Mr. Flake")  # curly quotes; the text has straight ones
    editor_page.select_option("#id_kind", "direct_quote")
    editor_page.click("input[name=_save]")

    expect(editor_page.locator(".field-exact .errorlist")).to_contain_text("does not occur in article")
    suggestion = editor_page.locator(".closest-passages li").first
    expect(suggestion).to_contain_text('"The border is open," added Mr. Flake')
    expect(suggestion).to_contain_text("100% alike")
    screenshot(editor_page, "add-claim-near-miss")
    suggestion.get_by_role("button", name="Use this passage").click()

    expect(editor_page.locator(".messagelist")).to_contain_text("was added successfully")
    claim = Claim.objects.get(article=article)
    assert claim.exact == '"The border is open," added Mr. Flake'
    assert article.body[claim.start : claim.end] == claim.exact


def test_a_quote_one_word_off_gets_the_passage_as_the_article_has_it(editor_page):
    article = make_article()
    editor_page.goto(f"/admin/facts/figure/add/?article={article.pk}")

    editor_page.fill("#id_exact", "more than 40")
    editor_page.select_option("#id_qualifier", "more_than")
    editor_page.fill("#id_value", "30")
    editor_page.click("input[name=_save]")
    editor_page.locator(".closest-passages li").first.get_by_role("button", name="Use this passage").click()

    expect(editor_page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Figure.objects.get(article=article).exact == "more than 30"


def test_a_measures_page_shows_what_each_source_reported_side_by_side(editor_page):
    measure = max(Measure.objects.all(), key=lambda m: m.figures.count())
    figures = measure.figures.count()
    editor_page.goto(f"/admin/facts/measure/{measure.pk}/change/")

    table = editor_page.locator("table.comparison-table")
    expect(table.locator("tbody tr")).to_have_count(figures)
    for heading in ("source", "date", "speaker", "value", "low", "high", "qualifier", "passage"):
        expect(table.locator("thead")).to_contain_text(heading)
    expect(editor_page.locator(".comparison-verdict")).to_contain_text("central estimates from")
    editor_page.locator("#comparison").scroll_into_view_if_needed()
    screenshot(editor_page, "measure-comparison")

    with editor_page.expect_download() as download:
        editor_page.click("a.comparison-csv")
    assert download.value.suggested_filename.endswith(".csv")
    editor_page.click("a.comparison-json")
    expect(editor_page.locator("body")).to_contain_text('"figure_count"')


def test_a_reviewed_claims_page_leads_to_its_claimreview_export(editor_page):
    claim = Claim.objects.filter(speaker_person__name="Cathleen Newland").order_by("pk").first()
    editor_page.goto(f"/admin/facts/claim/{claim.pk}/change/")
    expect(editor_page.locator(".claim-review-export-none")).to_have_text("No ClaimReview until reviewed")

    editor_page.click("a.review-link")
    editor_page.check("input[name=status][value=verified]")
    editor_page.click("input[name=_review]")
    expect(editor_page.locator("a.claim-review-export")).to_be_visible()  # the claim's page, reloaded
    screenshot(editor_page, "claim-page")
    editor_page.click("a.claim-review-export")

    expect(editor_page.locator("body")).to_contain_text('"ClaimReview"')
    expect(editor_page.locator("body")).to_contain_text(claim.exact[:40])
