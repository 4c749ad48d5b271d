"""kill -9 of a busy gunicorn worker, three times under load: only its in-flight requests fail."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time

from scripts.faults.ledger import verify_ledger
from scripts.faults.run import Row, Run
from scripts.faults.workload import Sample


def busy_worker(run: Run) -> int:
    """A worker holding a client connection, that is serving a request (looked for during at
    most a second), so the kill has a request in flight to lose; else any worker."""
    import psutil

    pids = sorted(run.app.worker_pids())
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        for pid in pids:
            with contextlib.suppress(psutil.Error):
                for conn in psutil.Process(pid).net_connections(kind="tcp"):
                    if conn.status == psutil.CONN_ESTABLISHED and conn.laddr.port == run.app.port:
                        return pid
        time.sleep(0.005)
    return random.choice(pids)


def scenario_kill_worker(run: Run, c: float) -> None:
    kills: list[tuple[int, float]] = []  # (pid, when)

    def kill() -> None:
        pid = busy_worker(run)
        kills.append((pid, time.monotonic()))
        os.kill(pid, signal.SIGKILL)

    phase = run.load("kill -9 worker", run.fault_rate(c), 15, write_fraction=run.s.fault_write_fraction,
                     events=[(3, "kill 1", kill), (6, "kill 2", kill), (9, "kill 3", kill)])  # fmt: skip
    after = run.wait_for_workers(exclude={pid for pid, _ in kills})
    failures = phase.failures()

    def in_flight(sample: Sample) -> bool:
        return any(sample.start <= at + 0.05 and sample.end >= at - 0.05 for _, at in kills)

    lost = [s for s in failures if in_flight(s)]
    not_in_flight = [s for s in failures if not in_flight(s)]
    five = sum(1 for s in failures if s.status >= 500)
    lost_writes = sum(1 for s in lost if s.kind.startswith("write"))
    problems = verify_ledger(run.pg, run.ledger)
    limit = run.threads_per_worker * len(kills)
    passed = five == 0 and not not_in_flight and len(lost) <= limit and after is not None and not problems
    run.rows.append(
        Row(
            "kill -9 of a gunicorn worker under load (3 times)",
            passed,
            f"{phase.sent} requests at {phase.rate:.0f}/s ({run.s.fault_write_fraction:.0%} writes), a busy "
            f"worker killed {len(kills)} times: {len(lost)} requests failed in flight at a kill ({lost_writes} "
            f"of them writes; limit {limit}: the killed workers' own requests), {len(not_in_flight)} other "
            f"failures, 5xx {five}; workers replaced: {'yes' if after is not None else 'NO'}; "
            f"ledger {len(problems)} missing/changed",
            [f"{s.kind} {s.status or s.error}" for s in failures[:10]] + problems[:20],
        )
    )
