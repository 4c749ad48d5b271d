"""Every list runs a fixed number of queries, whatever its page size."""

import pytest

from facts.models import Article, Claim, Measure, Organization, Person
from facts.services import claim_review

# The API's own queries. Throttling adds its own, which depend on the cache (see
# test_throttling: none with Redis, a few with the database cache).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]

# Each list is one query: the page of rows with their related rows joined in (cursor
# pagination needs no COUNT). Anonymous reads run no authentication query.
LISTS = [
    "/api/v1/articles/",
    "/api/v1/claims/",
    "/api/v1/claims/?q=refugees",
    "/api/v1/claims/?speaker_type=group&kind=paraphrase",
    "/api/v1/claims/?speaker_person=1",
    "/api/v1/claims/?article=1",
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
@pytest.mark.parametrize("page_size", [2, 50])
def test_a_list_is_one_query_at_any_page_size(anonymous, seed, django_assert_num_queries, url, page_size):
    separator = "&" if "?" in url else "?"
    with django_assert_num_queries(1):
        response = anonymous.get(f"{url}{separator}page_size={page_size}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, len(response.json()["results"]))


@pytest.mark.parametrize("page_size", [1, 50])
def test_a_persons_claims_are_two_queries(anonymous, seed, django_assert_num_queries, page_size):
    flake = Person.objects.get(name="Gordon Flake")

    # 1: the person exists; 2: the page of their claims with articles and speakers joined.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/people/{flake.pk}/claims/?page_size={page_size}")

    assert len(response.json()["results"]) == min(page_size, flake.claims.count())


@pytest.mark.parametrize("records", ["claims", "figures", "mentions"])
@pytest.mark.parametrize("page_size", [1, 50])
def test_every_list_of_a_persons_records_is_two_queries(anonymous, seed, django_assert_num_queries, records, page_size):
    flake = Person.objects.get(name="Gordon Flake")

    # 1: the person exists; 2: the page of their records with related rows joined.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/people/{flake.pk}/{records}/?page_size={page_size}")

    assert response.status_code == 200
    assert len(response.json()["results"]) <= page_size


@pytest.mark.parametrize("page_size", [1, 50])
def test_an_organizations_claims_are_two_queries(anonymous, seed, django_assert_num_queries, page_size):
    organization = Organization.objects.filter(claims__isnull=False).first()

    # 1: the organization exists; 2: the page of its claims with articles and speakers joined.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/organizations/{organization.pk}/claims/?page_size={page_size}")

    assert len(response.json()["results"]) == min(page_size, organization.claims.count())


@pytest.mark.parametrize("page_size", [1, 50])
def test_claim_reviews_are_two_queries(anonymous, seed, django_assert_num_queries, page_size):
    for claim in Claim.objects.all()[:3]:
        claim_review(claim=claim, status="verified")

    # 1: reviewed claims with article and speaker; 2: their reviews, newest first.
    with django_assert_num_queries(2):
        response = anonymous.get(f"/api/v1/claim-reviews/?page_size={page_size}")

    assert len(response.json()["results"]) == min(page_size, 3)


def test_an_article_with_all_its_facts_is_five_queries(anonymous, seed, django_assert_num_queries):
    article = Article.objects.order_by("id").first()

    # 1: the article; 2: its claims with speakers; 3: figures with measures and speakers;
    # 4: mentions with people and organizations; 5: roles with holders and affiliations.
    with django_assert_num_queries(5):
        response = anonymous.get(f"/api/v1/articles/{article.pk}/")

    assert len(response.json()["claims"]) == article.claims.count() > 10


def test_a_measure_comparison_is_three_queries(anonymous, seed, django_assert_num_queries):
    measure = Measure.objects.get(name="North Korean refugees in China")

    # 1: the measure; 2: count and spread over all its figures; 3: the figures in date order.
    with django_assert_num_queries(3):
        anonymous.get(f"/api/v1/measures/{measure.pk}/comparison/")


def test_an_editors_list_adds_only_the_token_lookup(editor, seed, django_assert_num_queries):
    # 1: the token with its user; 2: the page.
    with django_assert_num_queries(2):
        editor.get("/api/v1/claims/?page_size=50")
