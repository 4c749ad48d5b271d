"""Every list runs a fixed number of queries, whatever its page size.

Each test makes more rows than its largest page holds, every row with the related rows its
representation shows (article, speaker, holder, affiliation, measure), and asks for a full
page: a query per row (an N+1) would add queries and fail the count.
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from facts import services
from facts.models import Article, Measure, Organization, Person
from facts.services import claim_review
from tests.factories import make_article, make_claim, make_figure, make_measure, make_organization, make_person

# The API's own queries. Throttling adds its own, which depend on the cache (see
# test_throttling: none with Redis, a few with the database cache).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]

PAGE_SIZES = [2, 10]
ROWS = max(PAGE_SIZES) + 1  # of each kind: more than a page holds


@dataclass
class Rows:
    article: Article  # holds every claim, figure, mention and role below
    flake: Person  # speaks every quote, gives every figure, is mentioned in every paragraph
    center: Organization  # speaks every assertion
    measure: Measure  # counts every figure


def paragraph(n: int) -> str:
    return (
        f"Kang Min-{n}, a guard at gate {n} of Border Post {n}, says refugees crossed at gate {n}. "
        f'"Refugees wait at gate {n} tonight," said Mr. Flake. Activists say {1000 + n} refugees waited at gate {n}. '
    )


@pytest.fixture
def rows(db) -> Rows:
    """ROWS paragraphs, each with a role, two mentions, three claims and a figure; ROWS articles,
    people (besides Mr. Flake), organizations and measures."""
    paragraphs = [paragraph(n) for n in range(ROWS)]
    article = make_article("".join(paragraphs))
    flake = make_person("Gordon Flake", aliases=["Mr. Flake"])
    center = make_organization("Mansfield Center")
    measure = make_measure("refugees waiting at the gates")
    offset = 0
    for n, text in enumerate(paragraphs):

        def at(exact: str, offset: int = offset, text: str = text) -> dict:
            return {"exact": exact, "start": offset + text.index(exact)}

        guard, post = make_person(f"Kang Min-{n}"), make_organization(f"Border Post {n}")
        services.role_create(
            article=article, title="guard", person=guard, affiliation=post, **at(f"a guard at gate {n}")
        )
        services.mention_create(article=article, organization=post, **at(f"Border Post {n}"))
        services.mention_create(article=article, person=flake, **at("Mr. Flake"))
        make_claim(article, kind="assertion", speaker_organization=center, **at(f"refugees crossed at gate {n}"))
        said = at("said Mr. Flake")
        make_claim(
            article,
            speaker_person=flake,
            attribution_exact=said["exact"],
            attribution_start=said["start"],
            **at(f"Refugees wait at gate {n} tonight,"),
        )
        statement = make_claim(
            article, kind="paraphrase", speaker_group="Activists", **at(f"{1000 + n} refugees waited at gate {n}")
        )
        make_figure(
            article,
            qualifier="exact",
            value=Decimal(1000 + n),
            unit="people",
            measure=measure,
            claim=statement,
            speaker_person=flake,
            **at(str(1000 + n)),
        )
        offset += len(text)
    for n in range(ROWS - 1):
        make_article(f"Refugees at gate {n} were counted again. (Report {n}.)")
        make_measure()
    return Rows(article, flake, center, measure)


# Each of these lists is one query: the page of rows with their related rows joined in (cursor
# pagination needs no COUNT). Anonymous reads run no authentication query.
LISTS = [
    "/api/v1/articles/",
    "/api/v1/claims/",
    "/api/v1/claims/?q=refugees",
    "/api/v1/claims/?speaker_type=group&kind=paraphrase",
    "/api/v1/claims/?speaker_person={flake}",
    "/api/v1/claims/?article={article}",
    "/api/v1/articles/?q=refugees",
    "/api/v1/figures/",
    "/api/v1/figures/?value_min=100&value_max=1000000",
    "/api/v1/mentions/",
    "/api/v1/roles/",
    "/api/v1/people/",
    "/api/v1/people/?q=kang",
    "/api/v1/organizations/",
    "/api/v1/measures/",
]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_a_list_is_one_query_at_any_page_size(anonymous, rows, django_assert_num_queries, url, page_size):
    url = url.format(flake=rows.flake.pk, article=rows.article.pk)
    separator = "&" if "?" in url else "?"

    # 1: the page of rows, their related rows joined in.
    with django_assert_num_queries(1):
        response = anonymous.get(f"{url}{separator}page_size={page_size}")

    assert response.status_code == 200, response.json()
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_a_persons_claims_are_two_queries(anonymous, rows, django_assert_num_queries, page_size):
    # 1: the person exists; 2: the page of their claims with articles and speakers joined.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/people/{rows.flake.pk}/claims/?page_size={page_size}")

    assert response.status_code == 200
    newest = list(rows.flake.claims.order_by("-id").values_list("id", flat=True)[:page_size])
    assert [claim["id"] for claim in response.json()["results"]] == newest


@pytest.mark.parametrize("records", ["claims", "figures", "mentions"])
@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_every_list_of_a_persons_records_is_two_queries(anonymous, rows, django_assert_num_queries, records, page_size):
    # 1: the person exists; 2: the page of their records with related rows joined.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/people/{rows.flake.pk}/{records}/?page_size={page_size}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_an_organizations_claims_are_two_queries(anonymous, rows, django_assert_num_queries, page_size):
    # 1: the organization exists; 2: the page of its claims with articles and speakers joined.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/organizations/{rows.center.pk}/claims/?page_size={page_size}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_claim_reviews_are_two_queries(anonymous, rows, django_assert_num_queries, page_size):
    quotes = rows.flake.claims.order_by("id")
    for claim in quotes:
        claim_review(claim=claim, status="disputed")
    for claim in quotes[:ROWS:2]:
        claim_review(claim=claim, status="verified")  # some claims with more than one review

    # 1: reviewed claims with article and speaker; 2: their reviews, newest first.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/claim-reviews/?page_size={page_size}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_the_articles_list_joins_their_extraction_states_in_the_same_query(
    anonymous, rows, django_assert_num_queries, page_size
):
    for article in Article.objects.all():
        services.extraction_enqueue(article=article)

    # 1: the page of articles, each with its extraction state (a LEFT JOIN).
    with django_assert_num_queries(1):
        response = anonymous.get(f"/api/v1/articles/?page_size={page_size}")

    assert {item["extraction"]["status"] for item in response.json()["results"]} == {"queued"}


def test_an_article_with_all_its_facts_is_five_queries(anonymous, rows, django_assert_num_queries):
    article = rows.article

    # 1: the article, its extraction state joined; 2: its claims with speakers; 3: figures with measures and speakers;
    # 4: mentions with people and organizations; 5: roles with holders and affiliations.
    with django_assert_num_queries(5):
        response = anonymous.get(f"/api/v1/articles/{article.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert [len(data[kind]) for kind in ("claims", "figures", "mentions", "roles")] == [
        3 * ROWS,
        ROWS,
        2 * ROWS,
        ROWS,
    ]


def test_a_measure_comparison_is_three_queries(anonymous, rows, django_assert_num_queries):
    # 1: the measure; 2: count and spread over all its figures; 3: the figures in date order.
    with django_assert_num_queries(3):
        response = anonymous.get(f"/api/v1/measures/{rows.measure.pk}/comparison/")

    assert response.status_code == 200
    assert response.json()["figure_count"] == len(response.json()["figures"]) == ROWS


def test_an_editors_list_adds_only_the_token_checks(editor, rows, django_assert_num_queries):
    page_size = max(PAGE_SIZES)

    # 1: whether this address sent too many wrong tokens (django-axes, before the lookup, so a
    # guesser cannot go on guessing; facts/api/authentication.py); 2: the token with its user;
    # 3: the page.
    with django_assert_num_queries(3):
        response = editor.get(f"/api/v1/claims/?page_size={page_size}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_facets_and_a_total_add_two_queries_each(anonymous, rows, django_assert_num_queries, page_size):
    url = f"/api/v1/claims/?facet=kind&facet=speaker_person&count=true&page_size={page_size}"

    # 1: the page. Then, in a savepoint (2; outside tests, where no transaction is open, a
    # transaction of its own, which is no query), for the total and for each facet: the
    # statement_timeout left of the budget, and the count (3, 4: the total; 5, 6: kind; 7, 8:
    # speaker_person). 9, 10: back to the savepoint, which ends the timeout, and its release.
    with django_assert_num_queries(10):
        response = anonymous.get(url)

    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size
    assert response.json()["total"]["count"] == 3 * ROWS


@pytest.mark.parametrize("facet", ["measure", "article"])
def test_a_facet_across_a_relation_is_one_query_too(anonymous, rows, django_assert_num_queries, facet):
    url = {"measure": "/api/v1/claims/?facet=measure", "article": "/api/v1/people/?facet=article"}[facet]

    # 1: the page; 2: the savepoint; 3: the timeout; 4: the facet; 5, 6: back to the savepoint, released.
    with django_assert_num_queries(6):
        response = anonymous.get(url)

    assert response.json()["facets"][facet]["values"]


def test_a_whole_list_export_is_a_query_per_thousand_rows(anonymous, rows, django_assert_num_queries, monkeypatch):
    from facts.api import exports

    monkeypatch.setattr(exports, "CHUNK_SIZE", 4)
    monkeypatch.setattr(exports.keyset_chunks, "__defaults__", (4,))
    claims = 3 * ROWS  # 33: chunks of 4, 4, ... and a last one of 1

    # One query per chunk of rows, each starting after the last row of the one before.
    with django_assert_num_queries(-(-claims // 4)):
        response = anonymous.get("/api/v1/claims/?format=csv")
        lines = b"".join(response.streaming_content).decode().splitlines()

    assert len(lines) == 1 + claims


def test_the_export_operation_is_the_lists_csv_with_its_queries(anonymous, rows, django_assert_num_queries):
    listed = anonymous.get("/api/v1/claims/?format=csv")
    listed_lines = b"".join(listed.streaming_content).decode().splitlines()

    # 1: the one chunk of rows (33 claims, fewer than a chunk), the list's related rows joined: no
    # detail queryset's prefetches.
    with django_assert_num_queries(1):
        exported = anonymous.get("/api/v1/claims/export/")
        exported_lines = b"".join(exported.streaming_content).decode().splitlines()

    assert exported_lines == listed_lines
