"""Sorting that matters: figures by value and bounds, articles and claims by publication date."""

import csv
import io
from datetime import date

import pytest

from tests.factories import make_article, make_claim, make_figure

pytestmark = pytest.mark.django_db

VALUES = ["5", "1200", "40", "300", "40"]


@pytest.fixture
def figures() -> list:
    """Five figures with a value (two of them equal), a range and a vague one (no value)."""
    article = make_article(" ".join(f"Count {n}: {value}." for n, value in enumerate(VALUES)) + " Then 10-20. Dozens.")
    made = [
        make_figure(article, exact=value, start=article.body.index(f"{n}: {value}") + len(f"{n}: "), value=value)
        for n, value in enumerate(VALUES)
    ]
    made.append(make_figure(article, exact="10-20", qualifier="range", value=None, low=10, high=20))
    made.append(make_figure(article, exact="Dozens", qualifier="vague", value=None, low=24))
    return made


def every_page(client, url: str) -> list[dict]:
    """Every record of a list, following `next` from page to page."""
    records = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        records.extend(response.json()["results"])
        url = response.json()["next"]
    return records


def test_figures_sort_by_value_smallest_first_with_the_figures_without_one_last(anonymous, figures):
    records = every_page(anonymous, "/api/v1/figures/?ordering=value&page_size=2")

    assert [record["value"] for record in records] == ["5", "40", "40", "300", "1200", None, None]
    tied = [record["id"] for record in records if record["value"] == "40"]
    assert tied == sorted(tied)


def test_figures_sort_by_value_largest_first_with_the_figures_without_one_still_last(anonymous, figures):
    records = every_page(anonymous, "/api/v1/figures/?ordering=-value&page_size=2")

    assert [record["value"] for record in records] == ["1200", "300", "40", "40", "5", None, None]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("low", ["5", "10", "24", "40", "40", "300", "1200"]),
        ("-high", ["20", None, None, None, None, None, None]),
    ],
)
def test_figures_sort_by_their_bounds(anonymous, figures, ordering, expected):
    records = every_page(anonymous, f"/api/v1/figures/?ordering={ordering}&page_size=3")

    assert [record[ordering.lstrip("-")] for record in records] == expected


def test_articles_sort_by_publication_date_with_unknown_dates_last(anonymous):
    make_article("Undated story.")
    make_article("Older story.", published_on=date(2002, 9, 23))
    make_article("Newer story.", published_on=date(2003, 1, 5))

    oldest_first = every_page(anonymous, "/api/v1/articles/?ordering=published_on&page_size=1")
    newest_first = every_page(anonymous, "/api/v1/articles/?ordering=-published_on&page_size=1")

    assert [a["published_on"] for a in oldest_first] == ["2002-09-23", "2003-01-05", None]
    assert [a["published_on"] for a in newest_first] == ["2003-01-05", "2002-09-23", None]


def test_claims_sort_by_their_articles_publication_date(anonymous):
    quote = "The border is open,"
    body = f'"{quote}" said Mr. Flake.'
    later = make_claim(make_article(body + " (B)", published_on=date(2003, 1, 5)), quote)
    undated = make_claim(make_article(body + " (C)"), quote)
    earlier = make_claim(make_article(body + " (A)", published_on=date(2002, 9, 23)), quote)

    records = every_page(anonymous, "/api/v1/claims/?ordering=article_published_on&page_size=2")

    assert [record["id"] for record in records] == [earlier.pk, later.pk, undated.pk]


def test_a_whole_list_export_follows_the_same_order(anonymous, figures):
    response = anonymous.get("/api/v1/figures/?ordering=-value&format=csv")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["value"] for row in rows] == ["1200", "300", "40", "40", "5", "", ""]
