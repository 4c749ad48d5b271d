"""Run the benchmark on one dataset size and write bench/results/<size>.json and bench/RESULTS.md.

    make bench SIZE=S        # or: python scripts/localenv.py .venv/bin/python -m bench.run S

1. The dataset (bench/dataset.py) is generated into its own database unless already there.
2. In process (Django's test client, no network), each workload's API request and its SQL
   floor (bench/floors.py) alternate, many times, rotating their parameters, so drift of
   the machine hits both alike; median and p95 of each, their ratio, and the API's queries
   per request. Before timing, every floor is checked to return exactly the API's records.
3. Over HTTP: gunicorn on 127.0.0.1 with the configuration in gunicorn.conf.py, wrk at 1, 8 and
   32 connections for a bounded time, the claims list against the hello-world view.
4. Ingestion: articles with their claims and figures through the app against COPY of the
   same rows, each in a transaction that is rolled back (the dataset stays as it is).
"""

import argparse
import base64
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.dataset import DEFAULT_SEED, ensure_dataset

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
HOST = "127.0.0.1"
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


def prepare(size: str, seed: int) -> tuple[list[Workload], dict[str, Any]]:
    """Pick the workloads' parameters from the data (seeded, so every run asks the same)."""
    from django.db import connection

    from bench.generate import SIZES, Vocabulary

    rng = random.Random(seed)
    facts: dict[str, Any] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM facts_article")
        low, high = cursor.fetchone()
        article_ids = [rng.randint(low, high) for _ in range(50)]
        cursor.execute(
            "SELECT speaker_person_id, count(*) FROM facts_claim WHERE speaker_person_id IS NOT NULL "
            "GROUP BY 1 HAVING count(*) >= 100 ORDER BY 2 DESC"
        )
        speaker_counts = cursor.fetchall()
        # The busiest speaker and others spread down to ~100 claims each.
        step = max(1, len(speaker_counts) // 10)
        speakers = [row[0] for row in speaker_counts[::step][:10]]
        facts["speakers"] = {
            "count_with_100_claims_or_more": len(speaker_counts),
            "claims_of_busiest": speaker_counts[0][1],
            "claims_of_chosen": [row[1] for row in speaker_counts[::step][:10]],
        }
        cursor.execute("SELECT id FROM facts_claim ORDER BY id DESC OFFSET %s LIMIT 1", [4999 * 20 - 1])
        deep_position = cursor.fetchone()[0]
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
        cursor.execute("SELECT name FROM facts_person ORDER BY id LIMIT 10")
        surnames = [name.split()[-1].lower()[1:] for (name,) in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM facts_claim")
        claim_total = cursor.fetchone()[0]
        terms = Vocabulary(random.Random(seed)).search_terms()
        frequencies: dict[str, dict[str, float]] = {}
        for bucket, words in terms.items():
            frequencies[bucket] = {}
            for word in words:
                cursor.execute(
                    "SELECT count(*) FROM facts_claim WHERE search_vector @@ websearch_to_tsquery('english', %s)",
                    [word],
                )
                frequencies[bucket][word] = round(100 * cursor.fetchone()[0] / claim_total, 3)
        facts["search_terms_percent_of_claims"] = frequencies
        # Quotes to record as new claims: part of an existing quote, found once in its article.
        cursor.execute(
            "SELECT c.article_id, c.exact, a.body FROM facts_claim c JOIN facts_article a ON a.id = c.article_id "
            "WHERE c.kind = 'direct_quote' AND mod(c.id, 97) = 0 ORDER BY c.id LIMIT 200"
        )
        quotes = []
        for article_id, exact, body in cursor.fetchall():
            quote = exact.split(" ", 2)[-1]
            if body.count(quote) == 1:
                quotes.append((article_id, quote))
        quotes = quotes[:20]
    facts["claims"] = claim_total
    facts["dataset"] = SIZES[size].__dict__

    lists: list[Workload] = []
    for rows in (20, 100):
        lists += [
            Workload(
                f"articles_{rows}",
                f"Article list, {rows} rows",
                "list",
                lambda i, n=rows: Request("GET", f"{API}articles/?page_size={n}"),
                lambda i, n=rows: floor_request("articles", limit=n),
                rows=rows,
                compare=same_results,
            ),
            Workload(
                f"claims_by_speaker_{rows}",
                f"Claims by speaker, {rows} rows",
                "list",
                lambda i, n=rows: Request(
                    "GET", f"{API}claims/?speaker_person={speakers[i % len(speakers)]}&page_size={n}"
                ),
                lambda i, n=rows: floor_request("claims_by_speaker", speaker=speakers[i % len(speakers)], limit=n),
                rows=rows,
                compare=same_results,
            ),
            Workload(
                f"figures_range_{rows}",
                f"Figures with value 1,000–5,000, {rows} rows",
                "list",
                lambda i, n=rows: Request("GET", f"{API}figures/?value_min=1000&value_max=5000&page_size={n}"),
                lambda i, n=rows: floor_request("figures_range", low=1000, high=5000, limit=n),
                rows=rows,
                compare=same_results,
            ),
        ]
    workloads = [
        *lists,
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
            compare=lambda api, floor: api == floor,
        ),
        Workload(
            "measure_comparison",
            "A measure compared across articles (50–200 figures)",
            "read",
            lambda i: Request("GET", f"{API}measures/{measures[i % len(measures)]}/comparison/"),
            lambda i: floor_request("measure_comparison", measure=measures[i % len(measures)]),
            iterations=60,
            compare=lambda api, floor: (
                api["figures"] == floor["figures"] and api["figure_count"] == floor["figure_count"]
            ),
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
    for bucket, words in terms.items():
        workloads.append(
            Workload(
                f"search_{bucket}",
                f"Full-text search of claims, {bucket} terms (20 rows)",
                "search",
                lambda i, w=words: Request("GET", f"{API}claims/?q={w[i % len(w)]}&page_size=20"),
                lambda i, w=words: floor_request("claims_search", q=w[i % len(w)], limit=20),
                iterations=60 if bucket == "common" else 100,
                rows=20,
                compare=same_results,
            )
        )
    workloads.append(
        Workload(
            "claim_create",
            "Create a claim by its quote (rolled back)",
            "write",
            lambda i: Request(
                "POST",
                f"{API}claims/",
                {
                    "article": quotes[i % len(quotes)][0],
                    "exact": quotes[i % len(quotes)][1],
                    "kind": "direct_quote",
                    "speaker_person": speakers[0],
                },
            ),
            lambda i: Request(
                "POST",
                "/bench/sql/claim_create/",
                {
                    "article": quotes[i % len(quotes)][0],
                    "exact": quotes[i % len(quotes)][1],
                    "kind": "direct_quote",
                    "speaker": speakers[0],
                },
            ),
            iterations=100,
        )
    )
    return workloads, facts


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class InProcess:
    """Requests through Django's test client, timed; writes are rolled back."""

    def __init__(self, token: str) -> None:
        from django.test import Client

        self.client = Client(HTTP_HOST=HOST)
        self.auth = {"HTTP_AUTHORIZATION": f"Token {token}"}

    def send(self, request: Request) -> tuple[float, Any]:
        from django.db import transaction

        if request.method == "GET":
            began = time.perf_counter()
            response = self.client.get(request.path)
            elapsed = time.perf_counter() - began
        else:
            with transaction.atomic():
                began = time.perf_counter()
                response = self.client.post(request.path, request.body, content_type="application/json", **self.auth)
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


def run_in_process(workloads: list[Workload], token: str, scale: float, log: Callable[[str], None]) -> list[dict]:
    runner = InProcess(token)
    results = []
    for workload in workloads:
        if workload.compare is not None:
            for i in range(10):
                _, api = runner.send(workload.api(i))
                _, floor = runner.send(workload.floor(i))
                if not workload.compare(api.json(), floor.json()):
                    raise RuntimeError(
                        f"{workload.name}: the SQL floor does not return the API's records "
                        f"(run {i}: {workload.api(i).path})"
                    )
        for i in range(5):  # warm up both paths (caches, connections, plans)
            runner.send(workload.api(i))
            runner.send(workload.floor(i))
        api_times, floor_times = [], []
        iterations = max(10, round(workload.iterations * scale))
        for i in range(iterations):
            pair = [(workload.api, api_times), (workload.floor, floor_times)]
            for make, times in pair if i % 2 == 0 else reversed(pair):
                elapsed, _ = runner.send(make(i))
                times.append(elapsed * 1000)
        hello_times = [runner.send(Request("GET", "/bench/hello/"))[0] * 1000 for _ in range(20)]
        queries = runner.queries(workload.api(0))
        result = {
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
            "queries": queries,
        }
        log(
            f"  {workload.name:<22} API {result['api_median_ms']:8.2f} / {result['api_p95_ms']:8.2f} ms   "
            f"floor {result['floor_median_ms']:8.2f} / {result['floor_p95_ms']:8.2f} ms   "
            f"×{result['ratio_median']:<5} {queries} queries"
        )
        results.append(result)
    return results


# HTTP ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    if workers is not None:
        env["WEB_CONCURRENCY"] = str(workers)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "factbase.wsgi",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(process)
    raise RuntimeError("gunicorn did not start")


def stop_gunicorn(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s)", text)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def wrk(url: str, connections: int, seconds: int) -> dict[str, Any]:
    threads = min(2, connections)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE))
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return {
        "connections": connections,
        "requests_per_second": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), 1),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": round(_ms(latency["50"]), 2),
        "p90_ms": round(_ms(latency["90"]), 2),
        "p99_ms": round(_ms(latency["99"]), 2),
        "errors": errors,
    }


def run_http(seconds: int, log: Callable[[str], None], choose_workers: bool) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        log("  wrk is not installed (apt-get install wrk): skipping the HTTP runs.")
        return {}
    targets = {
        "claims_list": f"{API}claims/?page_size=20",
        # The same 20 claims from one SQL statement in a plain Django view (bench/floors.py).
        "claims_floor": floor_request("claims_after", before=2**62, limit=20).path,
        "hello": "/bench/hello/",
    }
    result: dict[str, Any] = {"duration_seconds": seconds}
    if choose_workers:
        # Which number of sync workers serves the claims list best at 8 connections.
        trials = {}
        for workers in (2, 3, 4, 6):
            port = free_port()
            process = start_gunicorn(port, workers)
            try:
                wrk(f"http://{HOST}:{port}{targets['claims_list']}", 8, 2)
                trials[workers] = wrk(f"http://{HOST}:{port}{targets['claims_list']}", 8, seconds)
            finally:
                stop_gunicorn(process)
            log(f"  {workers} workers: {trials[workers]['requests_per_second']} requests/s at 8 connections")
        result["worker_trials"] = {str(k): v["requests_per_second"] for k, v in trials.items()}
    port = free_port()
    process = start_gunicorn(port)
    try:
        for name, path in targets.items():
            url = f"http://{HOST}:{port}{path}"
            wrk(url, 8, 2)  # warm every worker
            result[name] = []
            for connections in (1, 8, 32):
                measured = wrk(url, connections, seconds)
                result[name].append(measured)
                log(
                    f"  {name:<12} {connections:>2} connections: {measured['requests_per_second']:>7} req/s, "
                    f"p50 {measured['p50_ms']} ms, p99 {measured['p99_ms']} ms, {measured['errors']} errors"
                )
    finally:
        stop_gunicorn(process)
    return result


# Ingestion -------------------------------------------------------------------------------


def run_ingestion(seed: int, articles: int, token: str, log: Callable[[str], None]) -> dict[str, Any]:
    """The same generated articles, claims and figures: COPY against the app, rolled back."""
    from decimal import Decimal

    from django.db import connection, transaction

    from bench.generate import Generator, Size, copy_tables, first_free_ids
    from facts import services
    from facts.models import Claim, Measure, Organization, Person

    with connection.cursor() as cursor:
        first = first_free_ids(cursor.cursor)
        counts = {}
        for table in ("facts_person", "facts_organization", "facts_measure"):
            cursor.execute(f"SELECT max(id) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    # New articles whose speakers and measures are the dataset's own (ids 1..n).
    first |= {"facts_person": 1, "facts_organization": 1, "facts_measure": 1}
    size = Size(
        "ingest",
        articles=articles,
        people=counts["facts_person"],
        organizations=counts["facts_organization"],
        measures=counts["facts_measure"],
    )
    generator = Generator(size, seed + 1000, first_ids=first)
    tables = next(generator.batches(articles, records=True))
    for table in ("facts_person", "facts_organization", "facts_measure"):
        tables.buffers.pop(table, None)
        tables.rows.pop(table, None)
    rows = sum(n for table, n in tables.rows.items() if table in ("facts_article", "facts_claim", "facts_figure"))
    for table in ("facts_mention", "facts_role"):
        tables.buffers.pop(table, None)
    records = tables.records

    def copy() -> float:
        with transaction.atomic():
            began = time.perf_counter()
            with connection.cursor() as cursor:
                copy_tables(cursor.cursor, tables)
            elapsed = time.perf_counter() - began
            transaction.set_rollback(True)
        return elapsed

    def through_services() -> float:
        with transaction.atomic():
            began = time.perf_counter()
            claims_by_generated_id: dict[int, Claim] = {}
            figures = {}
            for record in records["facts_figure"]:
                figures.setdefault(record["article_id"], []).append(record)
            claims = {}
            for record in records["facts_claim"]:
                claims.setdefault(record["article_id"], []).append(record)
            for record in records["facts_article"]:
                article, _ = services.article_ingest(
                    body=record["body"],
                    title=record["title"],
                    publisher=record["publisher"],
                    url=record["url"],
                    language=record["language"],
                    published_on=record["published_on"],
                )
                for claim in claims.get(record["id"], []):
                    claims_by_generated_id[claim["id"]] = services.claim_create(
                        article=article,
                        exact=claim["exact"],
                        kind=claim["kind"],
                        start=claim["start"],
                        speaker_person=Person(pk=claim["speaker_person_id"]) if claim["speaker_person_id"] else None,
                        speaker_organization=Organization(pk=claim["speaker_organization_id"])
                        if claim["speaker_organization_id"]
                        else None,
                        speaker_group=claim["speaker_group"],
                        attribution_exact=claim["attribution_exact"],
                        attribution_start=claim["attribution_start"],
                    )
                for figure in figures.get(record["id"], []):
                    services.figure_create(
                        article=article,
                        exact=figure["exact"],
                        qualifier=figure["qualifier"],
                        start=figure["start"],
                        value=figure["value"],
                        low=figure["low"],
                        high=figure["high"],
                        unit=figure["unit"],
                        place=figure["place"],
                        period=figure["period"],
                        measure=Measure(pk=figure["measure_id"]) if figure["measure_id"] else None,
                        claim=claims_by_generated_id.get(figure["claim_id"]),
                        speaker_person=Person(pk=figure["speaker_person_id"]) if figure["speaker_person_id"] else None,
                        speaker_organization=Organization(pk=figure["speaker_organization_id"])
                        if figure["speaker_organization_id"]
                        else None,
                        speaker_group=figure["speaker_group"],
                    )
            elapsed = time.perf_counter() - began
            transaction.set_rollback(True)
        return elapsed

    def batch_entries() -> list[dict[str, Any]]:
        """The same records as import_articles reads them: claims and figures inside their article."""
        claim_positions: dict[int, int] = {}
        entries: dict[int, dict[str, Any]] = {}
        for record in records["facts_article"]:
            entries[record["id"]] = {
                "body": record["body"],
                "title": record["title"],
                "publisher": record["publisher"],
                "source_url": record["url"],
                "language": record["language"],
                "published_on": str(record["published_on"]) if record["published_on"] else None,
                "claims": [],
                "figures": [],
            }
        for claim in records["facts_claim"]:
            claims = entries[claim["article_id"]]["claims"]
            claim_positions[claim["id"]] = len(claims)
            claims.append(
                {
                    "exact": claim["exact"],
                    "start": claim["start"],
                    "kind": claim["kind"],
                    "speaker_person": claim["speaker_person_id"],
                    "speaker_organization": claim["speaker_organization_id"],
                    "speaker_group": claim["speaker_group"],
                    "attribution_exact": claim["attribution_exact"],
                    "attribution_start": claim["attribution_start"],
                }
            )
        for figure in records["facts_figure"]:
            entries[figure["article_id"]]["figures"].append(
                {
                    "exact": figure["exact"],
                    "start": figure["start"],
                    "qualifier": figure["qualifier"],
                    "value": figure["value"],
                    "low": figure["low"],
                    "high": figure["high"],
                    "unit": figure["unit"],
                    "place": figure["place"],
                    "period": figure["period"],
                    "measure": figure["measure_id"],
                    "claim": claim_positions.get(figure["claim_id"]),
                    "speaker_person": figure["speaker_person_id"],
                    "speaker_organization": figure["speaker_organization_id"],
                    "speaker_group": figure["speaker_group"],
                }
            )
        return list(entries.values())

    entries = batch_entries()

    def through_batch(extract: bool) -> float:
        from facts.batch import ingest_batch

        with transaction.atomic():
            began = time.perf_counter()
            result = ingest_batch(entries, extract=extract)
            elapsed = time.perf_counter() - began
            if result.claims + result.figures + result.created != rows:
                raise RuntimeError(f"the batch stored {result} of {rows} rows")
            transaction.set_rollback(True)
        return elapsed

    def through_api() -> float:
        from django.test import Client

        client = Client(HTTP_HOST=HOST, HTTP_AUTHORIZATION=f"Token {token}")

        def post(path: str, data: dict[str, Any]) -> dict[str, Any]:
            response = client.post(f"{API}{path}/", data, content_type="application/json")
            if response.status_code != 201:
                raise RuntimeError(f"POST {path}: {response.status_code} {response.content[:300]!r}")
            return response.json()

        def plain(value: Any) -> Any:
            return str(value) if isinstance(value, Decimal) else value

        with transaction.atomic():
            began = time.perf_counter()
            claim_ids: dict[int, int] = {}
            for record in records["facts_article"]:
                article = post(
                    "articles",
                    {
                        "body": record["body"],
                        "title": record["title"],
                        "publisher": record["publisher"],
                        "source_url": record["url"],
                        "language": record["language"],
                        "published_on": record["published_on"],
                    },
                )
                for claim in (c for c in records["facts_claim"] if c["article_id"] == record["id"]):
                    sent = {
                        "article": article["id"],
                        "exact": claim["exact"],
                        "kind": claim["kind"],
                        "start": claim["start"],
                    }
                    for name in ("speaker_person", "speaker_organization"):
                        if claim[f"{name}_id"]:
                            sent[name] = claim[f"{name}_id"]
                    if claim["speaker_group"]:
                        sent["speaker_group"] = claim["speaker_group"]
                    if claim["attribution_exact"]:
                        sent["attribution_exact"] = claim["attribution_exact"]
                        sent["attribution_start"] = claim["attribution_start"]
                    claim_ids[claim["id"]] = post("claims", sent)["id"]
                for figure in (f for f in records["facts_figure"] if f["article_id"] == record["id"]):
                    sent = {
                        "article": article["id"],
                        "exact": figure["exact"],
                        "start": figure["start"],
                        "qualifier": figure["qualifier"],
                        "unit": figure["unit"],
                        "place": figure["place"],
                    }
                    for name in ("value", "low", "high"):
                        if figure[name] is not None:
                            sent[name] = plain(figure[name])
                    for name in ("speaker_person", "speaker_organization", "measure"):
                        if figure[f"{name}_id"]:
                            sent[name] = figure[f"{name}_id"]
                    if figure["speaker_group"]:
                        sent["speaker_group"] = figure["speaker_group"]
                    if figure["claim_id"]:
                        sent["claim"] = claim_ids[figure["claim_id"]]
                    post("figures", sent)
            elapsed = time.perf_counter() - began
            transaction.set_rollback(True)
        return elapsed

    copy()  # warm up
    through_batch(extract=False)
    timings: dict[str, list[float]] = {"copy": [], "batch": [], "batch_extract": [], "services": [], "api": []}
    for _ in range(5):
        timings["copy"].append(copy())
        timings["batch"].append(through_batch(extract=False))
        timings["copy"].append(copy())
        timings["batch_extract"].append(through_batch(extract=True))
    for _ in range(3):
        timings["copy"].append(copy())
        timings["services"].append(through_services())
    timings["api"].append(through_api())
    result = {"articles": articles, "rows": rows}
    for path, values in timings.items():
        result[f"{path}_rows_per_second"] = round(rows / statistics.median(values))
    for path in ("batch", "batch_extract", "services", "api"):
        result[f"{path}_vs_copy"] = round(result[f"{path}_rows_per_second"] / result["copy_rows_per_second"], 3)
    log(
        "  "
        + ", ".join(
            f"{path} {result[f'{path}_rows_per_second']:,} rows/s"
            + (f" (×{result[f'{path}_vs_copy']})" if path != "copy" else "")
            for path in timings
        )
    )
    return result


# The run ---------------------------------------------------------------------------------


def editor_token() -> str:
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import Token

    from facts.models import EDITORS_GROUP

    user, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return Token.objects.get_or_create(user=user)[0].key


def machine() -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit.strip() + (" (with uncommitted changes)" if dirty else ""),
        "cpus": os.cpu_count(),
        "memory_gib": round(int(memory.split()[1]) / 1024 / 1024, 1),
        "load_average_at_start": os.getloadavg()[0],
        "postgres": postgres,
        "shared_buffers": shared_buffers,
        "python": platform.python_version(),
        "throttle_cache": "Redis" if settings.REDIS_URL else "the Postgres cache table",
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=["S", "M"])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every workload's number of runs.")
    parser.add_argument("--only", help="Comma-separated workload names to run (the others are kept from the last run).")
    parser.add_argument("--http-seconds", type=int, default=10, help="Duration of each wrk run.")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--choose-workers", action="store_true", help="Also try 2, 3, 4 and 6 gunicorn workers.")
    parser.add_argument("--ingest-articles", type=int, default=30)
    arguments = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, flush=True)

    dataset = ensure_dataset(arguments.size, arguments.seed, log=log)
    path = RESULTS_DIR / f"{arguments.size}.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    workloads, facts = prepare(arguments.size, arguments.seed)
    token = editor_token()
    results: dict[str, Any] = {
        "size": arguments.size,
        "seed": arguments.seed,
        "machine": machine(),
        "dataset": dataset,
        "facts": facts,
    }
    only = set(arguments.only.split(",")) if arguments.only else None
    log("In process (median / p95, API against its SQL floor):")
    measured = run_in_process([w for w in workloads if only is None or w.name in only], token, arguments.scale, log)
    if only is not None:
        kept = [r for r in previous.get("workloads", []) if r["name"] not in only]
        order = [w.name for w in workloads]
        measured = sorted(kept + measured, key=lambda r: order.index(r["name"]) if r["name"] in order else 99)
    results["workloads"] = measured
    if arguments.skip_ingest:
        results["ingestion"] = previous.get("ingestion")
    else:
        log(f"Ingestion ({arguments.ingest_articles} articles with their claims and figures, rolled back):")
        try:
            results["ingestion"] = run_ingestion(arguments.seed, arguments.ingest_articles, token, log)
        except Exception as error:  # keep the other results; the report shows what is missing
            log(f"  ingestion failed: {error!r}")
            results["ingestion"] = None
    if arguments.skip_http:
        results["http"] = previous.get("http")
    else:
        from django.db import connections

        connections.close_all()
        log("Over HTTP (gunicorn, wrk on 127.0.0.1):")
        try:
            results["http"] = run_http(arguments.http_seconds, log, arguments.choose_workers)
        except Exception as error:
            log(f"  HTTP runs failed: {error!r}")
            results["http"] = None
        if results["http"] and not arguments.choose_workers and (previous.get("http") or {}).get("worker_trials"):
            results["http"]["worker_trials"] = previous["http"]["worker_trials"]
    RESULTS_DIR.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    from bench.report import write_report

    write_report()
    log(f"Wrote {path.relative_to(ROOT)} and bench/RESULTS.md.")


if __name__ == "__main__":
    main(sys.argv[1:])
