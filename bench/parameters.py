"""What the workloads ask for, picked from the dataset (seeded, so every run asks the same), and facts about it.

The facts (how busy the busiest speaker is, how often each search term matches, …) go into
bench/results/<size>.json beside the timings, so a reader can tell what the numbers were measured on.
"""

import random
from dataclasses import dataclass, field
from typing import Any

from bench.generate import SIZES
from bench.vocabulary import Vocabulary


@dataclass
class Parameters:
    """The ids, names and words the workloads rotate through."""

    article_ids: list[int]
    speakers: list[int]
    deep_position: int
    measures: list[int]
    surnames: list[str]
    terms: dict[str, list[str]]
    quotes: list[tuple[int, str]]
    # Single records read by id: 50 each of claims, figures and people.
    record_ids: dict[str, list[int]] = field(default_factory=dict)


def _speakers(cursor: Any, facts: dict[str, Any]) -> list[int]:
    """The busiest speaker and others spread down to ~100 claims each."""
    cursor.execute(
        "SELECT speaker_person_id, count(*) FROM facts_claim WHERE speaker_person_id IS NOT NULL "
        "GROUP BY 1 HAVING count(*) >= 100 ORDER BY 2 DESC"
    )
    speaker_counts = cursor.fetchall()
    step = max(1, len(speaker_counts) // 10)
    facts["speakers"] = {
        "count_with_100_claims_or_more": len(speaker_counts),
        "claims_of_busiest": speaker_counts[0][1],
        "claims_of_chosen": [row[1] for row in speaker_counts[::step][:10]],
    }
    return [row[0] for row in speaker_counts[::step][:10]]


def _measures(cursor: Any, facts: dict[str, Any]) -> list[int]:
    """Measures with 50–200 figures each; the size of the largest goes into the facts."""
    cursor.execute(
        "SELECT measure_id, count(*) FROM facts_figure WHERE measure_id IS NOT NULL GROUP BY 1 "
        "HAVING count(*) BETWEEN 50 AND 200 ORDER BY 1 LIMIT 10"
    )
    measures = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT count(*) FROM facts_figure WHERE measure_id = (SELECT measure_id FROM facts_figure "
        "WHERE measure_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)"
    )
    facts["figures_of_largest_measure"] = cursor.fetchone()[0]
    return measures


def _term_frequencies(cursor: Any, terms: dict[str, list[str]], claim_total: int) -> dict[str, dict[str, float]]:
    """The percentage of claims each search term matches, by bucket."""
    frequencies: dict[str, dict[str, float]] = {}
    for bucket, words in terms.items():
        frequencies[bucket] = {}
        for word in words:
            cursor.execute(
                "SELECT count(*) FROM facts_claim WHERE search_vector @@ websearch_to_tsquery('english', %s)",
                [word],
            )
            frequencies[bucket][word] = round(100 * cursor.fetchone()[0] / claim_total, 3)
    return frequencies


def _quotes(cursor: Any) -> list[tuple[int, str]]:
    """Quotes to record as new claims: part of an existing quote, found once in its article."""
    cursor.execute(
        "SELECT c.article_id, c.exact, a.body FROM facts_claim c JOIN facts_article a ON a.id = c.article_id "
        "WHERE c.kind = 'direct_quote' AND mod(c.id, 97) = 0 ORDER BY c.id LIMIT 200"
    )
    quotes = []
    for article_id, exact, body in cursor.fetchall():
        quote = exact.split(" ", 2)[-1]
        if body.count(quote) == 1:
            quotes.append((article_id, quote))
    return quotes[:20]


def _record_ids(cursor: Any, seed: int) -> dict[str, list[int]]:
    """50 ids of existing claims, figures and people each, spread over the table (a random generator of
    their own, so the other parameters stay what they were before these were added)."""
    rng = random.Random(seed + 1)
    ids: dict[str, list[int]] = {}
    for resource, table in (("claims", "facts_claim"), ("figures", "facts_figure"), ("people", "facts_person")):
        cursor.execute(f"SELECT min(id), max(id) FROM {table}")
        low, high = cursor.fetchone()
        wanted = [rng.randint(low, high) for _ in range(50)]
        # The first id at or after each pick: a generated table has no gaps, but one need not be gap-free.
        cursor.execute(
            f"SELECT (SELECT id FROM {table} WHERE id >= pick ORDER BY id LIMIT 1) FROM unnest(%s::bigint[]) pick",
            [wanted],
        )
        ids[resource] = [row[0] for row in cursor.fetchall()]
    return ids


def pick_parameters(size: str, seed: int) -> tuple[Parameters, dict[str, Any]]:
    """The workloads' parameters from the benchmark database, and the facts about the dataset."""
    from django.db import connection

    rng = random.Random(seed)
    facts: dict[str, Any] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM facts_article")
        low, high = cursor.fetchone()
        article_ids = [rng.randint(low, high) for _ in range(50)]
        speakers = _speakers(cursor, facts)
        cursor.execute("SELECT id FROM facts_claim ORDER BY id DESC OFFSET %s LIMIT 1", [4999 * 20 - 1])
        deep_position = cursor.fetchone()[0]
        measures = _measures(cursor, facts)
        cursor.execute("SELECT name FROM facts_person ORDER BY id LIMIT 10")
        surnames = [name.split()[-1].lower()[1:] for (name,) in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM facts_claim")
        claim_total = cursor.fetchone()[0]
        terms = Vocabulary(random.Random(seed)).search_terms()
        facts["search_terms_percent_of_claims"] = _term_frequencies(cursor, terms, claim_total)
        quotes = _quotes(cursor)
        record_ids = _record_ids(cursor, seed)
    facts["claims"] = claim_total
    facts["dataset"] = SIZES[size].__dict__
    parameters = Parameters(article_ids, speakers, deep_position, measures, surnames, terms, quotes, record_ids)
    return parameters, facts
