"""What the load generator asks for: reads of realistic endpoints and ledgered writes, one Sample each."""

from __future__ import annotations

import hashlib
import http.client
import json
import random
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from scripts.faults.common import API
from scripts.faults.ledger import Ledger
from scripts.faults.server import request


@dataclass
class Sample:
    kind: str
    due: float  # when the request was due (monotonic seconds)
    start: float
    end: float
    status: int  # 0: no HTTP answer (connection error or timeout)
    error: str = ""
    retry_after: bool = False

    @property
    def latency(self) -> float:
        """From when the request was due, so client-side queueing counts."""
        return self.end - self.due

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


SEARCH_CLAIMS = ["refugees", "China", '"blind eye"', "border", "overwhelmed", "Thailand -China", "missionary"]
SEARCH_ARTICLES = ["refugees", "Thailand", "missionary", '"North Koreans"', "officials"]
READS = [  # (weight, kind)
    (20, "claims-list"),
    (20, "claims-search"),
    (10, "articles-search"),
    (25, "article-detail"),
    (15, "measure-comparison"),
    (10, "person-claims"),
]


class Workload:
    """What to request: reads of realistic endpoints and ledgered writes."""

    def __init__(self, port: int, token: str, seed: dict[str, list[int]], run_id: str, ledger: Ledger) -> None:
        self.port = port
        self.token = token
        self.seed = seed
        self.run_id = run_id
        self.ledger = ledger
        self.kinds = [kind for _, kind in READS]
        self.weights = [weight for weight, _ in READS]

    def read(self, rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind == "claims-list":
            return kind, f"{API}/claims/?page_size=20"
        if kind == "claims-search":
            return kind, f"{API}/claims/?q={quote(rng.choice(SEARCH_CLAIMS))}&page_size=20"
        if kind == "articles-search":
            return kind, f"{API}/articles/?q={quote(rng.choice(SEARCH_ARTICLES))}&page_size=20"
        if kind == "article-detail":
            written = self.ledger.random_article(rng) if rng.random() < 0.5 else None
            return kind, f"{API}/articles/{written or rng.choice(self.seed['articles'])}/"
        if kind == "measure-comparison":
            return kind, f"{API}/measures/{rng.choice(self.seed['measures'])}/comparison/"
        return kind, f"{API}/people/{rng.choice(self.seed['people'])}/claims/?page_size=20"

    def one(self, rng: random.Random, write_fraction: float, due: float, timeout: float) -> Sample:
        if rng.random() < write_fraction:
            pending = self.ledger.take_article_for_claim() if rng.random() < 0.5 else None
            if pending:
                return self.write_claim(*pending, due=due, timeout=timeout)
            return self.write_article(due=due, timeout=timeout)
        kind, path = self.read(rng)
        return self.send(kind, "GET", path, None, due, timeout)[0]

    def send(self, kind: str, method: str, path: str, payload: Any, due: float, timeout: float) -> tuple[Sample, Any]:
        body = json.dumps(payload).encode() if payload is not None else None
        start = time.monotonic()
        try:
            status, headers, data = request(
                "127.0.0.1", self.port, method, path, body=body, token=self.token if body else None, timeout=timeout
            )
        except (OSError, http.client.HTTPException) as error:
            return Sample(kind, due, start, time.monotonic(), 0, type(error).__name__), None
        end = time.monotonic()
        document = None
        if 200 <= status < 300 and body is not None:
            document = json.loads(data)
        return Sample(kind, due, start, end, status, "", "retry-after" in headers), document

    def write_article(self, *, due: float, timeout: float) -> Sample:
        n = self.ledger.next_number()
        quote_text = f"We are overwhelmed ({self.run_id}-{n}),"
        text = (
            f"Officials said about {1000 + n % 9000} people crossed the border in week {n} of run {self.run_id}. "
            f'"{quote_text}" said Ana Ruiz, a volunteer at the border. '
            "More than 100 volunteers, and perhaps as many as 300, help at the crossing."
        )
        payload = {"body": text, "title": f"Crossings, week {n}", "publisher": "Faults Wire"}
        sample, document = self.send("write-article", "POST", f"{API}/articles/", payload, due, timeout)
        if document is not None:
            sha = hashlib.sha256(text.encode()).hexdigest()
            if document.get("body") == text:
                # 200 is "already stored" (it cannot happen here: every body is new); claim only on 201.
                created = sample.status == 201
                self.ledger.add_article(int(document["id"]), sha, quote_text if created else None, sample.end)
            else:
                sample.status, sample.error = 0, "acknowledged with a different body"
        return sample

    def write_claim(self, article_id: int, quote_text: str, *, due: float, timeout: float) -> Sample:
        payload = {
            "article": article_id,
            "exact": quote_text,
            "kind": "direct_quote",
            "speaker_group": "Ana Ruiz",
            "attribution_exact": "said Ana Ruiz",
        }
        sample, document = self.send("write-claim", "POST", f"{API}/claims/", payload, due, timeout)
        if document is not None:
            passage = document.get("passage") or {}
            if passage.get("exact") == quote_text:
                self.ledger.add_claim(
                    int(document["id"]), article_id, quote_text, int(passage["start"]), int(passage["end"]), sample.end
                )
            else:
                sample.status, sample.error = 0, "acknowledged with a different passage"
        return sample
