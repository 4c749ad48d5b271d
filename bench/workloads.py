"""The workloads: each client action as its API request and its SQL floor's (bench/floors.py), for the i-th run.

A workload rotates its parameters (bench/parameters.py) with i, and says how to check that the
floor returns exactly the API's records.
"""

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from bench.parameters import Parameters, pick_parameters

API = "/api/v1/"


@dataclass
class Request:
    method: str
    path: str
    body: dict[str, Any] | None = None


@dataclass
class Workload:
    """One thing a client does, the request for its i-th run, and its floor's."""

    name: str
    description: str
    kind: str  # "list", "read", "search" or "write"
    api: Callable[[int], Request]
    floor: Callable[[int], Request]
    iterations: int = 200
    rows: int | None = None
    compare: Callable[[Any, Any], bool] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def cursor_for(position: Any) -> str:
    """A DRF cursor ("p=<position>") pointing just past `position` in the list's order."""
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


def floor_request(workload: str, **params: Any) -> Request:
    return Request("GET", f"/bench/sql/{workload}/?{urlencode(params)}")


def same_results(api: Any, floor: Any) -> bool:
    return api["results"] == floor["results"]


def same_document(api: Any, floor: Any) -> bool:
    return api == floor


def same_comparison(api: Any, floor: Any) -> bool:
    return api["figures"] == floor["figures"] and api["figure_count"] == floor["figure_count"]


def _lists(p: Parameters, rows: int) -> list[Workload]:
    """The lists read `rows` at a time: articles, a speaker's claims, figures in a value range."""
    speakers = p.speakers
    return [
        Workload(
            f"articles_{rows}",
            f"Article list, {rows} rows",
            "list",
            lambda i: Request("GET", f"{API}articles/?page_size={rows}"),
            lambda i: floor_request("articles", limit=rows),
            rows=rows,
            compare=same_results,
        ),
        Workload(
            f"claims_by_speaker_{rows}",
            f"Claims by speaker, {rows} rows",
            "list",
            lambda i: Request("GET", f"{API}claims/?speaker_person={speakers[i % len(speakers)]}&page_size={rows}"),
            lambda i: floor_request("claims_by_speaker", speaker=speakers[i % len(speakers)], limit=rows),
            rows=rows,
            compare=same_results,
        ),
        Workload(
            f"figures_range_{rows}",
            f"Figures with value 1,000–5,000, {rows} rows",
            "list",
            lambda i: Request("GET", f"{API}figures/?value_min=1000&value_max=5000&page_size={rows}"),
            lambda i: floor_request("figures_range", low=1000, high=5000, limit=rows),
            rows=rows,
            compare=same_results,
        ),
    ]


def _reads(p: Parameters) -> list[Workload]:
    """An article's claims, a deep cursor page, an article with its facts, a measure's comparison, people."""
    article_ids, measures, surnames, deep_position = p.article_ids, p.measures, p.surnames, p.deep_position
    return [
        Workload(
            "claims_by_article",
            "Claims of an article (10)",
            "list",
            lambda i: Request("GET", f"{API}claims/?article={article_ids[i % 50]}&page_size=20"),
            lambda i: floor_request("claims_by_article", article=article_ids[i % 50], limit=20),
            rows=10,
            compare=same_results,
        ),
        Workload(
            "deep_cursor",
            "Claims, page 5,000 by cursor (20 rows)",
            "list",
            lambda i: Request("GET", f"{API}claims/?page_size=20&{urlencode({'cursor': cursor_for(deep_position)})}"),
            lambda i: floor_request("claims_after", before=deep_position, limit=20),
            rows=20,
            compare=same_results,
        ),
        Workload(
            "article_detail",
            "Article with its claims, figures, mentions, roles",
            "read",
            lambda i: Request("GET", f"{API}articles/{article_ids[i % 50]}/"),
            lambda i: floor_request("article_detail", id=article_ids[i % 50]),
            compare=same_document,
        ),
        Workload(
            "measure_comparison",
            "A measure compared across articles (50–200 figures)",
            "read",
            lambda i: Request("GET", f"{API}measures/{measures[i % len(measures)]}/comparison/"),
            lambda i: floor_request("measure_comparison", measure=measures[i % len(measures)]),
            iterations=60,
            compare=same_comparison,
        ),
        Workload(
            "people_search",
            "People search by name",
            "list",
            lambda i: Request("GET", f"{API}people/?q={surnames[i % 10]}&page_size=20"),
            lambda i: floor_request("people_search", like=f"%{surnames[i % 10]}%", limit=20),
            rows=20,
            compare=same_results,
        ),
    ]


def _records(p: Parameters) -> list[Workload]:
    """Single records by id: a claim (with its figures and reviews), a figure, a person (with their roles)."""
    singular = {"claims": "claim", "figures": "figure", "people": "person"}
    return [_record(resource, singular[resource], ids) for resource, ids in p.record_ids.items()]


def _record(resource: str, singular: str, ids: list[int]) -> Workload:
    """One resource's read-by-id workload: a function of its own, so its lambdas keep their ids."""
    return Workload(
        f"{singular}_by_id",
        f"A {singular} by id",
        "read",
        lambda i: Request("GET", f"{API}{resource}/{ids[i % len(ids)]}/"),
        lambda i: floor_request(f"{singular}_detail", id=ids[i % len(ids)]),
        compare=same_document,
    )


def _searches(p: Parameters) -> list[Workload]:
    """Full-text search of claims, one workload per bucket of terms (common, medium, rare)."""
    return [_search(bucket, words) for bucket, words in p.terms.items()]


def _search(bucket: str, words: list[str]) -> Workload:
    """One bucket's search workload: a function of its own, so its lambdas keep their bucket's words."""
    return Workload(
        f"search_{bucket}",
        f"Full-text search of claims, {bucket} terms (20 rows)",
        "search",
        lambda i: Request("GET", f"{API}claims/?q={words[i % len(words)]}&page_size=20"),
        lambda i: floor_request("claims_search", q=words[i % len(words)], limit=20),
        iterations=60 if bucket == "common" else 100,
        rows=20,
        compare=same_results,
    )


def _claim_create(p: Parameters) -> Workload:
    """Creating a claim by its quote; the runner rolls every one back."""
    quotes, speaker = p.quotes, p.speakers[0]

    def body(i: int, speaker_field: str) -> dict[str, Any]:
        article, exact = quotes[i % len(quotes)]
        return {"article": article, "exact": exact, "kind": "direct_quote", speaker_field: speaker}

    return Workload(
        "claim_create",
        "Create a claim by its quote (rolled back)",
        "write",
        lambda i: Request("POST", f"{API}claims/", body(i, "speaker_person")),
        lambda i: Request("POST", "/bench/sql/claim_create/", body(i, "speaker")),
        iterations=100,
    )


def prepare(size: str, seed: int) -> tuple[list[Workload], dict[str, Any], Parameters]:
    """Pick the workloads' parameters from the data (seeded, so every run asks the same)."""
    p, facts = pick_parameters(size, seed)
    workloads = [*_lists(p, 20), *_lists(p, 100), *_reads(p), *_records(p), *_searches(p), _claim_create(p)]
    return workloads, facts, p
