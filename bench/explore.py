"""Facet pages and whole-list CSV exports on the benchmark's dataset, in process.

    python scripts/localenv.py .venv/bin/python -m bench.explore S     # or M; make bench-explore SIZE=S

1. Facet pages: lists with `facet=` and `count=true`, their parameters rotating (the busiest
   speakers, search terms of each frequency), through Django's test client: median and p95 of
   the whole request, and how often a facet ran out of its time budget (and said so).
2. Exports: every claim as one CSV file (/api/v1/claims/export/), read to the end as a client
   would: rows/s; and in another run with tracemalloc, the peak of Python's memory for the whole
   list and for a tenth of it, which stay the same if the export runs in constant memory.

Writes bench/results/explore-<size>.json; its numbers are copied into bench/RESULTS.md by hand
(the section "Facets and exports").
"""

import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench.common import HOST, percentile
from bench.dataset import DEFAULT_SEED, ensure_dataset
from bench.parameters import pick_parameters

RESULTS_DIR = Path(__file__).resolve().parent / "results"
RUNS = 40


def facet_pages(size: str) -> dict[str, list[str]]:
    """The facet requests, each with a few parameter values to rotate through."""
    parameters, _ = pick_parameters(size, DEFAULT_SEED)
    facets = "facet=kind&facet=speaker_type&facet=review_status&count=true&page_size=20"
    return {
        "all claims, 3 facets and the total": [f"/api/v1/claims/?{facets}"],
        "a speaker's claims, 3 facets and the total": [
            f"/api/v1/claims/?speaker_person={speaker}&facet=article&facet=kind&facet=measure&count=true&page_size=20"
            for speaker in parameters.speakers
        ],
        "search (medium term), 2 facets": [
            f"/api/v1/claims/?q={term}&facet=speaker_person&facet=kind&page_size=20"
            for term in parameters.terms["medium"]
        ],
        "figures of a measure, 2 facets and the total": [
            f"/api/v1/figures/?measure={measure}&facet=qualifier&facet=speaker_type&count=true&page_size=20"
            for measure in parameters.measures
        ],
    }


def time_facets(client: Any, urls: list[str]) -> dict[str, Any]:
    timings, timed_out = [], 0
    for run in range(RUNS):
        url = urls[run % len(urls)]
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.content[:300])
        data = response.json()
        parts = [*data.get("facets", {}).values(), data.get("total", {})]
        timed_out += any(part.get("timed_out") for part in parts)
    return {
        "runs": RUNS,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "requests_with_a_facet_timed_out": timed_out,
    }


def export(client: Any, url: str, trace: bool) -> dict[str, Any]:
    """Read a whole export as a client would; with `trace`, Python's peak memory while it streams."""
    if trace:
        tracemalloc.start()
    began = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    rows, size = -1, 0  # the header is not a row
    for chunk in response.streaming_content:
        rows += chunk.count(b"\r\n")
        size += len(chunk)
    seconds = time.perf_counter() - began
    result = {"url": url, "rows": rows, "mebibytes": round(size / 2**20, 1), "seconds": round(seconds, 1)}
    if trace:
        result["peak_python_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    else:
        result["rows_per_second"] = round(rows / seconds)
    return result


def main(argv: list[str]) -> None:
    size = argv[0] if argv else "S"
    dataset = ensure_dataset(size, DEFAULT_SEED, log=print)
    from django.conf import settings
    from django.test import Client

    from facts.api.throttling import ClientRateThrottle

    # One client, many requests: not abuse.
    ClientRateThrottle.allow_request = lambda self, request, view: True  # type: ignore[method-assign]
    client = Client(HTTP_HOST=HOST)
    results: dict[str, Any] = {"size": size, "dataset_rows": dataset.get("rows"), "facets": {}}
    results["facet_time_limit_ms"] = settings.FACTBASE_FACET_TIME_LIMIT_MS
    for name, urls in facet_pages(size).items():
        client.get(urls[0])  # warm the cache for this shape of query
        results["facets"][name] = time_facets(client, urls)
        print(f"{name}: {results['facets'][name]}", flush=True)
    everything = "/api/v1/claims/export/"
    results["export"] = export(client, everything, trace=False)
    print(f"export: {results['export']}", flush=True)
    tenth = f"/api/v1/claims/export/?published_before={_tenth_day()}"
    results["export_memory"] = [export(client, everything, trace=True), export(client, tenth, trace=True)]
    print(f"export memory: {results['export_memory']}", flush=True)
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"explore-{size}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote {path}")


def _tenth_day() -> str:
    """A day before which about a tenth of the articles were published (so a tenth of the claims)."""
    from facts.models import Article

    dated = Article.objects.exclude(published_on=None).order_by("published_on")
    day = dated.values_list("published_on", flat=True)[dated.count() // 10]
    assert day is not None
    return day.isoformat()


if __name__ == "__main__":
    main(sys.argv[1:])
