"""Full-text search (`q`): the records matching a web-search query, ranked at a bounded cost.

Ranking a search reads every match and ranks it (`ts_rank`) before the best 20 are known: a
term in 5% of the claims of dataset M makes that 50,000 rows and 150 ms. So when Postgres
estimates that a ranked page has more than RANK_EVERY_MATCH_UP_TO matches, only the
RANKED_CANDIDATES newest of them (by id, read from the primary key backwards, or from the
search index when that is cheaper: the planner chooses) are ranked and listed; below that
estimate, every match is ranked, exactly as before. The bound applies only where the list is
ranked (`q` without `ordering`, a page rather than a whole-list export); totals and facets
count every match (they are computed without the ordering, facts/api/listing.py).

What changes for a common term, and why it is acceptable, is in facts/api/DESCRIPTION.md
("Search"); tests/api/test_search_ranking.py proves that rare and medium terms are unchanged.
"""

import json

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, FloatField, QuerySet, Subquery
from django.db.models.functions import Cast

from facts.models import SEARCH_CONFIG

# Twice the matches of the most frequent medium term of dataset M (about 5,400 claims, 0.54%),
# so Postgres's estimate would have to be off by half before such a term were bounded.
RANK_EVERY_MATCH_UP_TO = 10_000
# The newest matches of a common term that are ranked: reading them costs about
# RANKED_CANDIDATES / (the term's share of the records) rows, 20,000 for a term in 5%.
RANKED_CANDIDATES = 1_000


def full_text(queryset: QuerySet, name: str, value: str) -> QuerySet:
    """Records whose search vector matches the web-search query, annotated with their rank."""
    query = SearchQuery(value, search_type="websearch", config=SEARCH_CONFIG)
    return queryset.filter(search_vector=query).annotate(
        # float8, so the rank survives a round trip through a pagination cursor exactly.
        rank=Cast(SearchRank(F("search_vector"), query), FloatField())
    )


def estimated_matches(queryset: QuerySet) -> float:
    """How many records Postgres's planner expects the filtered list to have (EXPLAIN, nothing run)."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return float(plan[0]["Plan"]["Plan Rows"])


def bounded_ranking(queryset: QuerySet) -> QuerySet:
    """The searched queryset, limited to its newest RANKED_CANDIDATES matches when it has many more.

    One query (the estimate) before the page's; the page then ranks at most RANKED_CANDIDATES rows.
    """
    if estimated_matches(queryset) <= RANK_EVERY_MATCH_UP_TO:
        return queryset
    newest = queryset.order_by("-id").values("id")[:RANKED_CANDIDATES]
    return queryset.filter(id__in=Subquery(newest))
