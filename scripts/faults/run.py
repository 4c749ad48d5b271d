"""One run of the checks: its settings, its Postgres, app and ledger, the load phases and the result rows.

The scenarios (scripts/faults/scenarios/) and the modes (scripts/faults/modes.py) drive a Run;
it holds what they share and measures every phase's CPU alongside its latencies.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from bench.common import git_commit
from scripts.faults.common import API, ROOT, log
from scripts.faults.cpu import machine_busy_seconds, tree_cpu_seconds
from scripts.faults.ledger import Ledger
from scripts.faults.load import Phase, describe, phase_record, run_load
from scripts.faults.postgres import Postgres
from scripts.faults.server import App, request
from scripts.faults.workload import Workload


@dataclass
class Row:
    """One line of the results table, and the details printed under it."""

    scenario: str
    passed: bool
    numbers: str
    details: list[str] = field(default_factory=list)


@dataclass
class Settings:
    """The phases' lengths and limits, from the command line (shorter with --quick)."""

    quick: bool
    p95_target: float
    threads: int
    timeout: float
    step_seconds: float
    confirm_seconds: float
    soak_seconds: float
    overload_seconds: float
    recovery_seconds: float
    recovery_limit: float
    fault_write_fraction: float
    outage_seconds: float
    pg_recovery_limit: float
    start_rate: float
    max_rate: float

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Settings:
        quick = args.quick
        return cls(
            quick=quick,
            p95_target=args.p95_ms / 1000,
            threads=args.client_threads,
            timeout=30.0,
            step_seconds=8 if quick else 20,
            confirm_seconds=12 if quick else 60,
            soak_seconds=args.soak_seconds if args.soak_seconds is not None else (30 if quick else 600),
            overload_seconds=15 if quick else 45,
            recovery_seconds=35 if quick else 45,
            recovery_limit=30.0,
            fault_write_fraction=0.3,
            outage_seconds=4 if quick else 6,
            pg_recovery_limit=10.0,
            start_rate=args.start_rate,
            max_rate=args.max_rate,
        )


def parse_gunicorn(config: str) -> tuple[int, str, int]:
    """`worker class:workers[xthreads]` (sync:3, gthread:2x4) as (workers, worker class, threads)."""
    kind, _, size = config.partition(":")
    workers, _, threads = size.partition("x")
    return int(workers), kind, int(threads or 1)


class Run:
    """What the scenarios share: the throwaway Postgres, the app, the ledger, the rows and phases so far."""

    threads_per_worker: int  # set by run_all (modes.py) before the scenarios run

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = ROOT / ".local" / "faults"
        self.work.mkdir(parents=True, exist_ok=True)
        self.pg = Postgres(self.work)
        extra_env = dict(item.split("=", 1) for item in args.env)
        self.app = App(self.work, self.pg, extra_env)
        self.ledger = Ledger()
        self.rows: list[Row] = []
        self.phases: list[dict[str, Any]] = []
        self.other_cores_at_start = float("nan")
        # The code under test is the code at the start (a commit made meanwhile is not).
        self.commit = git_commit(ROOT)
        self.s = Settings.from_args(args)

    # Set-up ------------------------------------------------------------------------------

    def setup(self) -> None:
        log(f"Postgres: initdb in {self.pg.data}")
        self.pg.init()
        self.pg.start()
        connection = self.pg.connect("postgres")
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.pg.dbname}"')
            cursor.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('fsync', 'synchronous_commit', 'full_page_writes', 'server_version', 'max_connections')"
            )
            self.pg_settings = dict(cursor.fetchall())
        connection.close()
        log(f"Postgres settings: {self.pg_settings}")
        self.app.manage("migrate", "--noinput")
        self.app.manage("load_seed")
        output = self.app.manage("create_editor", "loadtest", "--no-password")
        self.token = next(
            line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith("API token:")
        )
        self.run_id = uuid.uuid4().hex[:8]

    def start_gunicorn(self, workers: int, worker_class: str, threads: int) -> None:
        log(f"gunicorn: {workers} {worker_class} workers × {threads} threads")
        self.app.start(workers, worker_class, threads)
        self.seed = self.discover_seed()
        self.workload = Workload(self.app.port, self.token, self.seed, self.run_id, self.ledger)

    def discover_seed(self) -> dict[str, list[int]]:
        seed = {}
        for key, path in (("articles", "articles"), ("measures", "measures"), ("people", "people")):
            status, _, data = request("127.0.0.1", self.app.port, "GET", f"{API}/{path}/?page_size=100")
            assert status == 200, (path, status)
            seed[key] = [item["id"] for item in json.loads(data)["results"]]
            assert seed[key], f"the seed has no {key}"
        return seed

    def our_processes(self) -> list[int]:
        """This script (the load generator and gunicorn under it) and the Postgres postmaster."""
        roots = [os.getpid()]
        with contextlib.suppress(OSError, ValueError, IndexError):
            roots.append(int((self.pg.data / "postmaster.pid").read_text().split()[0]))
        return roots

    def wait_for_quiet(self) -> None:
        """Wait, at most --quiet-wait-minutes, until other processes leave the CPUs nearly idle.

        Capacity on a 2-core machine means little while something else uses one of the cores.
        The load the run shared the machine with is reported either way.
        """
        deadline = time.monotonic() + self.args.quiet_wait_minutes * 60
        for _ in range(1000):  # bounded by the deadline too
            busy0, ours0 = machine_busy_seconds(), tree_cpu_seconds(self.our_processes())
            time.sleep(10)
            ours = tree_cpu_seconds(self.our_processes()) - ours0
            other = max(0.0, (machine_busy_seconds() - busy0 - ours) / 10)
            self.other_cores_at_start = other
            if other <= self.args.quiet_threshold or time.monotonic() >= deadline:
                break
            log(f"Other processes use {other:.2f} cores; waiting for ≤ {self.args.quiet_threshold} (bounded)")
        log(f"Other processes use {self.other_cores_at_start:.2f} cores; starting")

    # Load --------------------------------------------------------------------------------

    def load(self, name: str, rate: float, seconds: float, *, write_fraction: float = 0.1, events: Any = None) -> Phase:
        """One phase of load, with the CPU it and everything else on the machine used; logged and kept."""
        roots = self.our_processes()
        busy0, ours0, wall0 = machine_busy_seconds(), tree_cpu_seconds(roots), time.monotonic()
        phase = run_load(
            self.workload,
            name=name,
            rate=max(1.0, rate),
            seconds=seconds,
            write_fraction=write_fraction,
            threads=self.s.threads,
            timeout=self.s.timeout,
            events=events,
        )
        wall = time.monotonic() - wall0
        if self.our_processes() == roots:
            ours = tree_cpu_seconds(roots) - ours0
            phase.other_cores = max(0.0, (machine_busy_seconds() - busy0 - ours) / wall)
            phase.our_cores = ours / wall
            cpu = (
                f"CPU: this test {phase.our_cores:.2f} cores (client {phase.client_cpu / wall:.2f}), "
                f"other processes {phase.other_cores:.2f} cores"
            )
        else:  # Postgres was restarted: its old processes' CPU is gone with them
            phase.other_cores = phase.our_cores = float("nan")
            cpu = "CPU: not measured (Postgres restarted)"
        log(f"{describe(phase)}; {cpu}")
        self.phases.append(phase_record(phase))
        return phase

    def clean(self, phase: Phase) -> bool:
        """Every request sent and answered 2xx, p95 under the target."""
        return not phase.failures() and phase.not_sent <= phase.due_total * 0.005 and phase.p(0.95) <= self.s.p95_target

    def fault_rate(self, c: float) -> float:
        return max(10.0, 0.5 * c)

    def wait_for_workers(self, exclude: set[int], timeout: float = 30) -> set[int] | None:
        """The worker pids once there are as many as configured and none of `exclude`; None after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.app.worker_pids()
            if len(pids) == self.app.workers and not (pids & exclude):
                return pids
            time.sleep(0.2)
        return None

    def other_cores_during(self) -> float:
        measured = [p for p in self.phases if p["other_cores"] is not None]
        seconds = sum(p["seconds"] for p in measured)
        return sum(p["other_cores"] * p["seconds"] for p in measured) / seconds if seconds else float("nan")

    def cleanup(self) -> None:
        with contextlib.suppress(Exception):
            self.app.stop()
        with contextlib.suppress(Exception):
            self.pg.stop("fast", missing_ok=True)
