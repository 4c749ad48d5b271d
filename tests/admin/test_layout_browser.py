"""The workspace's lists and number and alias fields at a laptop's 1366×900, in headless Chromium:
no list column clipped or crushed, numbers without trailing zeros, "100,000" read as written (and an
ambiguous comma refused), aliases one per line.

Screenshots go to .local/screens/.
"""

import pytest
from playwright.sync_api import Page, expect

from facts.models import Article, Figure, Person
from tests.factories import make_article
from tests.jobs import run_queued_jobs

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("app_only")]

LAPTOP = {"width": 1366, "height": 900}
LISTS = ["claim", "figure", "mention", "role", "proposal"]
NARROWEST_COLUMN = 40  # px: any column narrower than this is crushed
NARROWEST_TEXT_COLUMN = 110  # px: a passage, speaker or article narrower than this stacks a word per line
TEXT_COLUMNS = ("passage", "quote", "proposed", "speaker", "article")

# For each header: its width, and whether any cell of its column hides part of its content.
COLUMNS = """() => [...document.querySelectorAll('#result_list thead th')].map((th, index) => ({
    name: th.className || th.textContent.trim(),
    width: th.getBoundingClientRect().width,
    clipped: [...document.querySelectorAll(`#result_list tbody tr td:nth-child(${index + 1}),
                                            #result_list tbody tr th:nth-child(${index + 1})`)]
        .some(cell => cell.scrollWidth > cell.clientWidth + 1),
}))"""


@pytest.mark.parametrize("model", LISTS)
def test_no_list_column_is_clipped_or_crushed_on_a_laptop(page: Page, model, screens):
    article = make_article(
        "Sunee Chaiyarat, who runs a shelter in Samut Sakhon, said: “The raids continue every week.” "
        "More than 40 workers were deported last month, the Labour Ministry said.",
        extract=True,
    )
    run_queued_jobs()
    assert article.proposals.exists()
    page.set_viewport_size(LAPTOP)
    page.goto(f"/admin/facts/{model}/")
    page.locator("#result_list").wait_for()

    columns = page.evaluate(COLUMNS)
    page.screenshot(path=str(screens / f"list-{model}-1366.png"))
    assert [c["name"] for c in columns if c["clipped"]] == []
    assert [c["name"] for c in columns if c["width"] < NARROWEST_COLUMN and "action-checkbox" not in c["name"]] == []
    text_columns = [c for c in columns if any(f"column-{name}" in c["name"] for name in TEXT_COLUMNS)]
    assert text_columns, columns
    assert [(c["name"], c["width"]) for c in text_columns if c["width"] < NARROWEST_TEXT_COLUMN] == []
    # The table fits its box: no column is cut off at the right edge (nothing to scroll sideways to).
    overflow = page.evaluate("(r => r.scrollWidth - r.clientWidth)(document.querySelector('#changelist .results'))")
    assert overflow <= 1


def test_a_figure_value_typed_with_thousands_commas_is_read_and_shown_without_trailing_zeros(page: Page, screens):
    article = Article.objects.order_by("pk").first()
    figure = Figure.objects.filter(article=article, qualifier="exact").order_by("pk").first()
    page.set_viewport_size(LAPTOP)
    page.goto(f"/admin/facts/figure/{figure.pk}/change/")
    expect(page.locator("#id_value")).to_have_value(f"{figure.value.normalize():f}")

    page.fill("#id_value", "1,5")
    page.click("input[name=_continue]")
    expect(page.locator(".field-value .errorlist")).to_contain_text("use a point for decimals (2.5)")
    page.screenshot(path=str(screens / "figure-ambiguous-comma.png"), full_page=True)

    for bound in ("value", "low", "high"):  # an exact figure: its bounds are its value
        page.fill(f"#id_{bound}", "100,000")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#id_value")).to_have_value("100000")
    figure.refresh_from_db()
    assert (figure.value, figure.low, figure.high) == (100000, 100000, 100000)
    page.goto(f"/admin/facts/figure/?article__id__exact={article.pk}")
    row = page.locator(f"#result_list tr:has(a[href*='/figure/{figure.pk}/change/'])")
    expect(row.locator("td.field-value_text")).to_have_text("100000")


def test_aliases_are_entered_one_per_line(page: Page, screens):
    person = Person.objects.get(name="Gordon Flake")
    page.set_viewport_size(LAPTOP)
    page.goto(f"/admin/facts/person/{person.pk}/change/")

    aliases = page.locator("textarea#id_aliases")
    expect(aliases).to_have_value("Mr. Flake")
    expect(page.locator(".field-aliases .help")).to_contain_text("One alias per line")
    aliases.fill("Mr. Flake\n\n  Gordon A. Flake  \nFlake, Gordon\n")
    page.screenshot(path=str(screens / "person-aliases.png"), full_page=True)
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    person.refresh_from_db()
    assert person.aliases == ["Mr. Flake", "Gordon A. Flake", "Flake, Gordon"]
