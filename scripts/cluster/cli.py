"""python -m scripts.cluster [--record SCALING.md]: start the cluster, run the checks, report, stop."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import signal
import sys
import time
from collections.abc import Callable
from types import FrameType

from bench.common import git_commit
from scripts.cluster import checks
from scripts.cluster.cluster import Cluster, ensure_nginx
from scripts.cluster.traffic import Traffic
from scripts.faults.common import ROOT, Deadline, log
from scripts.faults.report import record

RESULTS_START = "<!-- cluster:results:start -->"
RESULTS_END = "<!-- cluster:results:end -->"


def run_checks(cluster: Cluster, args: argparse.Namespace) -> list[checks.Row]:
    cluster.start_databases()
    created = cluster.manage("create_editor", "cluster-load", "--no-password")
    token = re.search(r"\b[0-9a-f]{40}\b", created)
    if token is None:
        raise RuntimeError(f"create_editor printed no token:\n{created}")
    cluster.start_apps()
    cluster.start_worker("a")
    cluster.start_worker("b")
    traffic = Traffic(cluster.port, token.group())
    steps: list[Callable[[], checks.Row | list[checks.Row]]] = [
        lambda: checks.mixed_load(cluster, traffic, args.mixed_seconds),
        lambda: checks.writes_and_jobs(cluster, traffic, "After the mixed load"),
        lambda: checks.replica_stopped_and_restarted(cluster, traffic),
        lambda: checks.read_your_writes_and_lag(cluster, traffic),
        lambda: checks.post_latency(cluster, traffic),
        lambda: checks.worker_killed_mid_job(cluster, traffic),
        lambda: checks.extraction_throughput(cluster, traffic, args.throughput_articles),
        lambda: checks.app_server_killed(cluster, traffic, args.mixed_seconds),
        lambda: checks.writes_and_jobs(cluster, traffic, "At the end"),
    ]
    rows: list[checks.Row] = []
    for step in steps:
        done = step()
        for row in done if isinstance(done, list) else [done]:
            log(f"{'PASS' if row.passed else 'FAIL'} {row.check}: {row.numbers}")
            rows.append(row)
    return rows


def report(rows: list[checks.Row], started: datetime.datetime, seconds: float, server_version: str) -> str:
    commit, dirty = git_commit(ROOT)
    lines = [
        f"Run of {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min: commit `{commit}`"
        + (" (with uncommitted changes)" if dirty else "")
        + f", `python -m scripts.cluster {' '.join(sys.argv[1:])}`.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (shared with other work), Python "
        f"{platform.python_version()}, Postgres {server_version} primary and streaming replica, two gunicorn "
        "app servers (2 sync workers each) behind nginx, two procrastinate workers; the load generator on the "
        "same machine. Replica lag limit 3 s, health checked every 1 s, read-your-writes window 6 s.",
        "",
        "| check | result | numbers |",
        "| --- | --- | --- |",
        *(f"| {row.check} | {'PASS' if row.passed else '**FAIL**'} | {row.numbers} |" for row in rows),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--record", help="Write the results table into this file (between its cluster markers).")
    parser.add_argument("--mixed-seconds", type=float, default=30, help="Length of each mixed-load phase.")
    parser.add_argument("--throughput-articles", type=int, default=40, help="Articles per throughput run.")
    parser.add_argument("--max-minutes", type=float, default=20, help="Stop everything after this long.")
    args = parser.parse_args()
    ensure_nginx()
    work = ROOT / ".local" / "cluster"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    def out_of_time(signum: int, frame: FrameType | None) -> None:
        raise Deadline(f"--max-minutes {args.max_minutes} is up")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(args.max_minutes * 60))
    started, clock = datetime.datetime.now(datetime.UTC), time.monotonic()
    cluster = Cluster(work)
    try:
        rows = run_checks(cluster, args)
        version = str(cluster.replica.query("SHOW server_version"))
    finally:
        signal.alarm(0)
        cluster.stop()
    table = report(rows, started, time.monotonic() - clock, version)
    print(table)
    if args.record:
        record(ROOT / args.record, table, RESULTS_START, RESULTS_END)
    sys.exit(0 if all(row.passed for row in rows) else 1)
