"""Ranked search at a bounded cost: identical to ranking every match up to RANKED_CANDIDATES matches.

The fixture's terms are rare (3 claims) and medium (a third of them); the reference is the
search as it was before the bound: every match ranked with ts_rank, best first, ties newest first.
"""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField
from django.db.models.functions import Cast

from facts.api import search
from facts.models import SEARCH_CONFIG, Claim
from tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]

# A word repeated a different number of times in each sentence, so ranks differ and also tie.
SENTENCES = [
    f"Sentence {n}: "
    + (" ".join(["refugees"] * (1 + n % 4)) if n % 3 else "people")
    + (" a missionary helped" if n % 13 == 0 else "")
    + "."
    for n in range(40)
]


@pytest.fixture
def claims() -> list[Claim]:
    article = make_article(" ".join(SENTENCES))
    made = [make_claim(article, exact=sentence) for sentence in SENTENCES]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE facts_claim, facts_article")  # the statistics the planner estimates from
    return made


def ranked_every_match(term: str) -> list[int]:
    """The claims' ids as search ranked them before the bound: every match, by ts_rank."""
    query = SearchQuery(term, search_type="websearch", config=SEARCH_CONFIG)
    matches = Claim.objects.filter(search_vector=query).annotate(
        rank=Cast(SearchRank(F("search_vector"), query), FloatField())
    )
    return list(matches.order_by("-rank", "-id").values_list("id", flat=True))


def listed(client, term: str, page_size: int = 7) -> list[int]:
    """Every claim the API lists for `term`, following the cursor from page to page."""
    url, ids = f"/api/v1/claims/?q={term}&page_size={page_size}", []
    while url:
        page = client.get(url).json()
        ids += [claim["id"] for claim in page["results"]]
        url = page["next"]
    return ids


@pytest.mark.parametrize("term", ["missionary", "refugees", "refugees -missionary", '"missionary helped"'])
def test_rare_and_medium_terms_are_listed_exactly_as_when_every_match_was_ranked(claims, anonymous, term):
    expected = ranked_every_match(term)

    assert len(expected) in (4, 24, 26)  # the fixture holds what the test says
    assert listed(anonymous, term) == expected


def searched(term: str):
    """The claims list's queryset for `term` (as the API filters it: withdrawn articles' claims left out)."""
    query = SearchQuery(term, search_type="websearch", config=SEARCH_CONFIG)
    return Claim.objects.filter(article__withdrawn_at__isnull=True, search_vector=query)


def test_a_term_estimated_at_the_threshold_is_still_ranked_in_full(claims, anonymous, monkeypatch):
    monkeypatch.setattr(search, "RANK_EVERY_MATCH_UP_TO", search.estimated_matches(searched("refugees")))
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 10)

    assert listed(anonymous, "refugees") == ranked_every_match("refugees")


@pytest.fixture
def common_beyond_five(monkeypatch):
    """Any term Postgres expects in more than 5 claims is common; 10 of its matches are ranked."""
    monkeypatch.setattr(search, "RANK_EVERY_MATCH_UP_TO", 5)
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 10)


@pytest.mark.usefixtures("common_beyond_five")
def test_a_common_term_lists_the_best_of_its_newest_matches(claims, anonymous):
    assert search.estimated_matches(searched("refugees")) > 5  # common here
    newest = sorted((claim.id for claim in claims if "refugees" in claim.exact), reverse=True)

    ids = listed(anonymous, "refugees")

    # The 10 newest, in the order ranking every match gave them; the older 16 are not in the ranked list.
    assert ids == [claim_id for claim_id in ranked_every_match("refugees") if claim_id in newest[:10]]
    assert ids != ranked_every_match("refugees")[:10]  # the bound did change this term's first page


@pytest.mark.usefixtures("common_beyond_five")
def test_a_common_terms_total_still_counts_every_match(claims, anonymous):
    page = anonymous.get("/api/v1/claims/?q=refugees&count=true&page_size=5").json()

    assert page["total"]["count"] == 26


@pytest.mark.usefixtures("common_beyond_five")
def test_a_common_term_sorted_explicitly_or_exported_lists_every_match(claims, anonymous):
    newest = sorted((claim.id for claim in claims if "refugees" in claim.exact), reverse=True)

    by_id = [
        claim["id"]
        for claim in anonymous.get("/api/v1/claims/?q=refugees&ordering=-id&page_size=100").json()["results"]
    ]
    response = anonymous.get("/api/v1/claims/export/?q=refugees")
    exported = b"".join(response.streaming_content).decode().splitlines()

    assert by_id == newest
    assert len(exported) == 1 + 26  # the header and every match
