"""The in-process runner: each workload's API request and its SQL floor through Django's test client, alternating.

No network: what is timed is the request's handling (middleware, view, queries, rendering).
Before timing, every floor is checked to return exactly the API's records.
"""

import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.common import HOST, percentile
from bench.workloads import Request, Workload


class InProcess:
    """Requests through Django's test client, timed; writes are rolled back."""

    def __init__(self, token: str) -> None:
        from django.test import Client

        self.client = Client(HTTP_HOST=HOST)
        self.authorization = f"Token {token}"

    def send(self, request: Request) -> tuple[float, Any]:
        from django.db import transaction

        if request.method == "GET":
            began = time.perf_counter()
            response = self.client.get(request.path)
            elapsed = time.perf_counter() - began
        else:
            with transaction.atomic():
                began = time.perf_counter()
                response = self.client.post(
                    request.path, request.body, content_type="application/json", HTTP_AUTHORIZATION=self.authorization
                )
                elapsed = time.perf_counter() - began
                transaction.set_rollback(True)
        if response.status_code not in (200, 201):
            raise RuntimeError(f"{request.method} {request.path}: {response.status_code} {response.content[:500]!r}")
        return elapsed, response

    def queries(self, request: Request) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.send(request)
        # The rolled-back transaction's own SAVEPOINT/RELEASE statements are not the request's.
        return sum(1 for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE")))


def check_floor(runner: InProcess, workload: Workload) -> None:
    """The floor must return exactly the API's records (10 runs), or its timings would mean nothing."""
    if workload.compare is None:
        return
    for i in range(10):
        _, api = runner.send(workload.api(i))
        _, floor = runner.send(workload.floor(i))
        if not workload.compare(api.json(), floor.json()):
            raise RuntimeError(
                f"{workload.name}: the SQL floor does not return the API's records (run {i}: {workload.api(i).path})"
            )


def time_workload(runner: InProcess, workload: Workload, iterations: int) -> tuple[list[float], list[float]]:
    """After a warm-up, the API and its floor alternately (which goes first alternates too): ms of each run."""
    for i in range(5):  # warm up both paths (caches, connections, plans)
        runner.send(workload.api(i))
        runner.send(workload.floor(i))
    api_times: list[float] = []
    floor_times: list[float] = []
    for i in range(iterations):
        pair = [(workload.api, api_times), (workload.floor, floor_times)]
        for make, times in pair if i % 2 == 0 else reversed(pair):
            elapsed, _ = runner.send(make(i))
            times.append(elapsed * 1000)
    return api_times, floor_times


def measure(runner: InProcess, workload: Workload, scale: float) -> dict[str, Any]:
    """One workload's result: median and p95 of the API and its floor, their ratios, queries per request."""
    check_floor(runner, workload)
    iterations = max(10, round(workload.iterations * scale))
    api_times, floor_times = time_workload(runner, workload, iterations)
    hello_times = [runner.send(Request("GET", "/bench/hello/"))[0] * 1000 for _ in range(20)]
    return {
        "name": workload.name,
        "description": workload.description,
        "kind": workload.kind,
        "rows": workload.rows,
        "runs": iterations,
        "api_median_ms": round(statistics.median(api_times), 3),
        "api_p95_ms": round(percentile(api_times, 0.95), 3),
        "floor_median_ms": round(statistics.median(floor_times), 3),
        "floor_p95_ms": round(percentile(floor_times, 0.95), 3),
        "ratio_median": round(statistics.median(api_times) / statistics.median(floor_times), 2),
        "ratio_p95": round(percentile(api_times, 0.95) / percentile(floor_times, 0.95), 2),
        "hello_median_ms": round(statistics.median(hello_times), 3),
        "queries": runner.queries(workload.api(0)),
    }


def run_in_process(workloads: list[Workload], token: str, scale: float, log: Callable[[str], None]) -> list[dict]:
    runner = InProcess(token)
    results = []
    for workload in workloads:
        result = measure(runner, workload, scale)
        log(
            f"  {workload.name:<22} API {result['api_median_ms']:8.2f} / {result['api_p95_ms']:8.2f} ms   "
            f"floor {result['floor_median_ms']:8.2f} / {result['floor_p95_ms']:8.2f} ms   "
            f"×{result['ratio_median']:<5} {result['queries']} queries"
        )
        results.append(result)
    return results
