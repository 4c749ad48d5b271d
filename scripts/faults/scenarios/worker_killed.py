"""kill -9 of a job worker mid-extraction while articles are written under load: every job completes once.

One worker (`manage.py procrastinate worker`, the app's environment, beats every second) first
catches up with the jobs queued before (the capacity search's articles: this scenario runs
before the soak, whose thousands of articles no worker extracts). Then, under load with 30 % writes, a long
article (100,000 characters: seconds of extraction) is posted; once its extraction is `running`,
that worker is killed with SIGKILL and another started. The other finds the job stalled, runs
it again, and completes it once; every acknowledged article's job ends done exactly once (or
failed at once over the extraction budget) with nothing proposed twice, and the ledger holds.
"""

from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from scripts.cluster.cluster import Worker
from scripts.faults.common import API, log
from scripts.faults.jobs import article_payload, job_problems, job_states, start_workers, unfinished
from scripts.faults.ledger import verify_ledger
from scripts.faults.load import Phase
from scripts.faults.run import Row, Run
from scripts.faults.server import request

LONG_BYTES = 100_000
CATCH_UP_SECONDS = 180.0  # and a second per job already queued (the capacity search's articles)
FINISH_SECONDS = 180.0


@dataclass
class Kill:
    """What happened to the long article and the worker running it."""

    article: int | None = None
    status_at_kill: str = ""
    killed_at: float | None = None
    waited: float = 0.0


def _sql(run: Run, sql: str, *params: object) -> list[tuple]:
    connection = run.pg.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
    finally:
        connection.close()


def _queued_jobs(run: Run) -> int:
    sql = "SELECT count(*) FROM procrastinate_jobs WHERE queue_name = 'extraction' AND status IN ('todo', 'doing')"
    return int(_sql(run, sql)[0][0])


def _extraction_status(run: Run, article: int) -> str:
    rows = _sql(run, "SELECT status FROM facts_extraction WHERE article_id = %s", article)
    return str(rows[0][0]) if rows else ""


def _wait(condition: Callable[[], bool], seconds: float, every: float = 0.25) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(every)
    return None


def scenario_worker_killed(run: Run, c: float) -> None:
    workers = start_workers(run.app.env, run.work, ["first"])
    try:
        caught_up = _wait(lambda: _queued_jobs(run) == 0, CATCH_UP_SECONDS + _queued_jobs(run), every=1)
        log("worker caught up with the earlier jobs: " + (f"in {caught_up:.0f} s" if caught_up is not None else "NO"))
        kill = Kill()

        def post_and_kill() -> None:
            payload = article_payload(LONG_BYTES, f"{run.run_id}-long")
            status, _, data = request("127.0.0.1", run.app.port, "POST", f"{API}/articles/",
                                      body=json.dumps(payload).encode(), token=run.token)  # fmt: skip
            if status != 201:
                return
            kill.article = article = int(json.loads(data)["id"])
            sha = hashlib.sha256(payload["body"].encode()).hexdigest()
            run.ledger.add_article(article, sha, None, time.monotonic())
            started = time.monotonic()
            if _wait(lambda: _extraction_status(run, article) == "running", 120, every=0.05) is None:
                return
            kill.waited = time.monotonic() - started
            workers["first"].signal(signal.SIGKILL)
            kill.killed_at = time.monotonic()
            kill.status_at_kill = _extraction_status(run, article)
            workers.update(start_workers(run.app.env, run.work, ["second"]))

        def start() -> None:
            threading.Thread(target=post_and_kill, daemon=True).start()

        seconds = 20 if run.s.quick else 45
        phase = run.load("worker killed", run.fault_rate(c), seconds, write_fraction=run.s.fault_write_fraction,
                         events=[(1, "long article", start)])  # fmt: skip
        _wait(lambda: kill.killed_at is not None, 150, every=0.5)
        acknowledged = sorted(run.ledger.articles)
        finished = _wait(lambda: unfinished(run.pg, acknowledged) == 0, FINISH_SECONDS, every=1)
        run.rows.append(_verdict(run, phase, kill, acknowledged, finished, workers))
    finally:
        for worker in workers.values():
            worker.stop()


def _verdict(
    run: Run, phase: Phase, kill: Kill, acknowledged: list[int], finished: float | None, workers: dict[str, Worker]
) -> Row:
    states, duplicated = job_states(run.pg, acknowledged)
    problems = job_problems(states, acknowledged, duplicated)
    long = next((s for s in states if s.article == kill.article), None)
    long_once = long is not None and long.status == "done" and long.succeeded == 1
    resumed = "second" in workers and "queued again" in workers["second"].output()
    ledger = verify_ledger(run.pg, run.ledger)
    five = sum(1 for s in phase.samples if s.status >= 500)
    failed = sum(1 for s in states if s.status == "failed")
    wrong = {problem.split(":")[0] for problem in problems if problem.startswith("article ")}
    killed_mid_job = kill.killed_at is not None and kill.status_at_kill == "running"
    passed = (killed_mid_job and long_once and resumed and finished is not None and not problems
              and not ledger and not phase.failures())  # fmt: skip
    return Row(
        "kill -9 of a job worker mid-extraction, articles written under load",
        passed,
        f"{phase.sent} requests at {phase.rate:.0f}/s ({run.s.fault_write_fraction:.0%} writes): 5xx {five}, other "
        f"failures {len(phase.failures()) - five}; a {LONG_BYTES:,}-byte article's worker killed "
        + (
            f"while its job was `{kill.status_at_kill}` ({kill.waited:.1f} s after it was stored)"
            if kill.killed_at is not None
            else "**never: its job was not seen running**"
        )
        + f", re-queued as stalled and run by another worker: {'yes' if resumed else 'NO'}, succeeded "
        f"{long.succeeded if long else 0} time(s); {len(acknowledged)} acknowledged articles (the whole run): "
        f"{len(acknowledged) - len(wrong)} jobs finished exactly once ({failed} failed: over the extraction "
        f"budget), {duplicated} proposals duplicated, all finished "
        + (f"{finished:.0f} s after the load" if finished is not None else f"**not within {FINISH_SECONDS:.0f} s**")
        + f"; ledger {len(ledger)} missing/changed",
        [f"{s.kind} {s.status or s.error}" for s in phase.failures()[:10]] + problems[:20] + ledger[:20],
    )
