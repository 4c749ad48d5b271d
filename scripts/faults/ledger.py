"""The ledger of acknowledged writes, and its check against what the database holds."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from scripts.faults.postgres import Postgres


@dataclass
class Ledger:
    articles: dict[int, tuple[str, float]] = field(default_factory=dict)  # id → (sha256 of body, acked at)
    claims: dict[int, tuple[int, str, int, int, float]] = field(default_factory=dict)  # id → article, exact, span
    awaiting_claim: list[tuple[int, str]] = field(default_factory=list)  # (article id, quote) without a claim yet
    counter: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_number(self) -> int:
        """A number for the next article, unique in this run: every article body is new."""
        with self.lock:
            self.counter += 1
            return self.counter

    def add_article(self, article_id: int, sha: str, quote_text: str | None, at: float) -> None:
        with self.lock:
            self.articles[article_id] = (sha, at)
            if quote_text:
                self.awaiting_claim.append((article_id, quote_text))

    def add_claim(self, claim_id: int, article_id: int, exact: str, start: int, end: int, at: float) -> None:
        with self.lock:
            self.claims[claim_id] = (article_id, exact, start, end, at)

    def take_article_for_claim(self) -> tuple[int, str] | None:
        with self.lock:
            return self.awaiting_claim.pop() if self.awaiting_claim else None

    def random_article(self, rng: random.Random) -> int | None:
        with self.lock:
            if not self.articles:
                return None
            # Recent articles are read most, as in a newsroom; dict order is insertion order.
            ids = list(self.articles)[-200:]
        return rng.choice(ids)

    def size(self) -> tuple[int, int]:
        with self.lock:
            return len(self.articles), len(self.claims)


def check_ledger(
    articles: dict[int, tuple[str, float]],
    claims: dict[int, tuple[int, str, int, int, float]],
    stored_articles: dict[int, tuple[str, str]],
    stored_claims: dict[int, tuple[int, str, int, int]],
) -> list[str]:
    """Compare acknowledged writes with what the database holds; return the problems found.

    stored_articles maps id → (stored sha256 column, sha256 recomputed from the stored body);
    stored_claims maps id → (article id, exact, start, end).
    """
    problems = []
    for article_id, (sha, _) in sorted(articles.items()):
        stored = stored_articles.get(article_id)
        if stored is None:
            problems.append(f"article {article_id} acknowledged but missing")
        elif stored != (sha, sha):
            problems.append(f"article {article_id} differs: sent sha256 {sha[:12]}, stored {stored}")
    for claim_id, (article_id, exact, start, end, _) in sorted(claims.items()):
        stored_claim = stored_claims.get(claim_id)
        if stored_claim is None:
            problems.append(f"claim {claim_id} acknowledged but missing")
        elif stored_claim != (article_id, exact, start, end):
            problems.append(f"claim {claim_id} differs: acknowledged {(article_id, exact, start, end)}, "
                            f"stored {stored_claim}")  # fmt: skip
    return problems


def verify_ledger(
    pg: Postgres, ledger: Ledger, *, dbname: str | None = None, acked_before: float | None = None
) -> list[str]:
    with ledger.lock:
        articles = {k: v for k, v in ledger.articles.items() if acked_before is None or v[1] < acked_before}
        claims = {k: v for k, v in ledger.claims.items() if acked_before is None or v[4] < acked_before}
    connection = pg.connect(dbname)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, sha256, encode(sha256(convert_to(body, 'UTF8')), 'hex') FROM facts_article "
                "WHERE id = ANY(%s)",
                [list(articles)],
            )
            stored_articles = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
            cursor.execute(
                'SELECT id, article_id, exact, start, "end" FROM facts_claim WHERE id = ANY(%s)', [list(claims)]
            )
            stored_claims = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
    finally:
        connection.close()
    return check_ledger(articles, claims, stored_articles, stored_claims)
