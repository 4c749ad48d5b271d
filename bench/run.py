"""Run the benchmark on one dataset size and write bench/results/<size>.json and bench/RESULTS.md.

    make bench SIZE=S        # or: python scripts/localenv.py .venv/bin/python -m bench.run S

1. The dataset (bench/dataset.py) is generated into its own database unless already there.
2. In process (Django's test client, no network), each workload's API request and its SQL
   floor (bench/floors.py) alternate, many times, rotating their parameters, so drift of
   the machine hits both alike; median and p95 of each, their ratio, and the API's queries
   per request. Before timing, every floor is checked to return exactly the API's records.
3. Over HTTP: gunicorn on 127.0.0.1 with the configuration in gunicorn.conf.py, wrk at 1, 8 and
   32 connections for a bounded time, the claims list against the hello-world view; then the
   peer (bench/peer.py): a speaker's claims, a claim by id and ranked search on Factbase and on
   Datasette serving a SQLite copy of the same dataset, in the same run.
4. Ingestion: articles with their claims and figures through the app against COPY of the
   same rows, each in a transaction that is rolled back (the dataset stays as it is).
"""

# This module is the command line and the run's record (also the --help text above). The parts:
# bench/workloads.py with bench/parameters.py (what is asked), bench/inprocess.py (2),
# bench/http_runs.py (3), bench/ingestion.py with bench/ingestion_app.py (4); bench/report.py
# writes RESULTS.md from the results.

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import git_commit
from bench.dataset import DEFAULT_SEED, ensure_dataset
from bench.http_runs import run_http
from bench.ingestion import run_ingestion
from bench.inprocess import run_in_process
from bench.parameters import Parameters
from bench.workloads import Workload, prepare

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"


def log(message: str) -> None:
    print(message, flush=True)


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
    commit, dirty = git_commit(ROOT)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "cpus": os.cpu_count(),
        "memory_gib": round(int(memory.split()[1]) / 1024 / 1024, 1),
        "load_average_at_start": os.getloadavg()[0],
        "postgres": postgres,
        "shared_buffers": shared_buffers,
        "python": platform.python_version(),
        "throttle_cache": "Redis" if settings.REDIS_URL else "the Postgres throttle table",
    }


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=["S", "M"])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every workload's number of runs.")
    parser.add_argument("--only", help="Comma-separated workload names to run (the others are kept from the last run).")
    parser.add_argument("--http-seconds", type=int, default=10, help="Duration of each wrk run.")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-peer", action="store_true", help="Over HTTP, leave Datasette out.")
    parser.add_argument(
        "--loaded-machine",
        action="store_true",
        help="The machine is shared with other work: write bench/results/<size>-loaded.json, marked not "
        "comparable, and leave bench/RESULTS.md as it is.",
    )
    parser.add_argument("--choose-workers", action="store_true", help="Also try 2, 3, 4 and 6 gunicorn workers.")
    parser.add_argument("--ingest-articles", type=int, default=30)
    return parser.parse_args(argv)


def in_process(arguments: argparse.Namespace, workloads: list[Workload], token: str, previous: dict) -> list[dict]:
    """The workloads of --only (all by default); with --only, the others' results are kept from the last run."""
    only = set(arguments.only.split(",")) if arguments.only else None
    log("In process (median / p95, API against its SQL floor):")
    measured = run_in_process([w for w in workloads if only is None or w.name in only], token, arguments.scale, log)
    if only is not None:
        kept = [r for r in previous.get("workloads", []) if r["name"] not in only]
        order = [w.name for w in workloads]
        measured = sorted(kept + measured, key=lambda r: order.index(r["name"]) if r["name"] in order else 99)
    return measured


def ingestion(arguments: argparse.Namespace, token: str, previous: dict) -> dict[str, Any] | None:
    """The ingestion result, or the last run's with --skip-ingest; None if it failed."""
    if arguments.skip_ingest:
        return previous.get("ingestion")
    log(f"Ingestion ({arguments.ingest_articles} articles with their claims and figures, rolled back):")
    try:
        return run_ingestion(arguments.seed, arguments.ingest_articles, token, log)
    except Exception as error:  # keep the other results; the report shows what is missing
        log(f"  ingestion failed: {error!r}")
        return None


def peer_setup(arguments: argparse.Namespace, dataset: dict[str, Any], p: Parameters) -> dict[str, Any] | None:
    """The SQLite copy for Datasette and the compared requests, unless --skip-peer."""
    if arguments.skip_peer or arguments.skip_http:
        return None
    from bench.database import bench_database_url, connect
    from bench.peer import compared_paths, make_copy

    postgres = connect(bench_database_url(arguments.size))
    try:
        copy = make_copy(arguments.size, dataset, postgres, log)
    finally:
        postgres.close()
    return {"copy": copy, "paths": compared_paths(p.speakers, p.record_ids["claims"], p.terms)}


def over_http(arguments: argparse.Namespace, previous: dict, peer: dict[str, Any] | None) -> dict[str, Any] | None:
    """The HTTP results, or the last run's with --skip-http; None if they failed."""
    if arguments.skip_http:
        return previous.get("http")
    from django.db import connections

    connections.close_all()
    log("Over HTTP (gunicorn, wrk on 127.0.0.1):")
    try:
        http = run_http(arguments.http_seconds, log, arguments.choose_workers, peer)
    except Exception as error:
        log(f"  HTTP runs failed: {error!r}")
        http = None
    if http and not arguments.choose_workers and (previous.get("http") or {}).get("worker_trials"):
        http["worker_trials"] = previous["http"]["worker_trials"]
    return http


def main(argv: list[str]) -> None:
    arguments = parse_args(argv)
    dataset = ensure_dataset(arguments.size, arguments.seed, log=log)
    path = RESULTS_DIR / f"{arguments.size}{'-loaded' if arguments.loaded_machine else ''}.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    workloads, facts, parameters = prepare(arguments.size, arguments.seed)
    token = editor_token()
    results: dict[str, Any] = {
        "size": arguments.size,
        "seed": arguments.seed,
        "machine": machine(),
        **(
            {"not_comparable": "loaded machine (shared with other work), not comparable"}
            if arguments.loaded_machine
            else {}
        ),
        "dataset": dataset,
        "facts": facts,
    }
    results["workloads"] = in_process(arguments, workloads, token, previous)
    results["ingestion"] = ingestion(arguments, token, previous)
    results["http"] = over_http(arguments, previous, peer_setup(arguments, dataset, parameters))
    RESULTS_DIR.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if arguments.loaded_machine:
        from bench.report import write_loaded_report

        write_loaded_report(results, path.with_suffix(".md"))
        log(f"Wrote {path.relative_to(ROOT)} and its .md (loaded machine, not comparable; RESULTS.md left as it is).")
        return
    from bench.report import write_report

    write_report()
    log(f"Wrote {path.relative_to(ROOT)} and bench/RESULTS.md.")


if __name__ == "__main__":
    main(sys.argv[1:])
