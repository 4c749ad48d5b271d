"""The checks, each a row of the results table: what was done, and whether it held."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from typing import Any

from bench.common import percentile
from scripts.cluster.cluster import Cluster
from scripts.cluster.traffic import Traffic, article_body, at, server_errors
from scripts.faults.common import API, log

LONG_ARTICLE = 150_000


@dataclass
class Row:
    """One line of the results table."""

    check: str
    passed: bool
    numbers: str


def rows_of(cluster: Cluster, sql: str, *params: Any) -> list[tuple]:
    connection = cluster.primary.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
    finally:
        connection.close()


def wait_until(condition: Any, seconds: float, every: float = 0.25) -> float | None:
    """Seconds until `condition()` held, or None if it did not within `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(every)
    return None


def extracted(cluster: Cluster, ids: list[int], states: tuple[str, ...] = ("done",)) -> int:
    sql = "SELECT count(*) FROM facts_extraction WHERE status = ANY(%s) AND article_id = ANY(%s)"
    return rows_of(cluster, sql, list(states), ids)[0][0]


def writes_and_jobs(cluster: Cluster, traffic: Traffic, label: str) -> Row:
    """Every acknowledged write is stored; every job it queued finished exactly once (done, or failed
    over the extraction budget), proposing nothing twice."""
    ids = sorted(set(traffic.acknowledged))
    waited = wait_until(lambda: extracted(cluster, ids, ("done", "failed")) == len(ids), 300)
    stored = rows_of(cluster, "SELECT count(*) FROM facts_article WHERE id = ANY(%s)", ids)[0][0]
    runs = rows_of(cluster, """
        SELECT count(*) FILTER (WHERE e.type IN ('succeeded', 'failed')) FROM facts_extraction x
        LEFT JOIN procrastinate_events e ON e.job_id = x.job_id WHERE x.article_id = ANY(%s) GROUP BY x.article_id
    """, ids)  # fmt: skip
    twice = rows_of(cluster, """SELECT count(*) FROM (SELECT 1 FROM facts_proposal GROUP BY article_id, kind, start,
        "end", extractor_version HAVING count(*) > 1) AS d""")[0][0]  # fmt: skip
    counted = rows_of(cluster, """SELECT count(*) FROM facts_extraction x WHERE x.article_id = ANY(%s)
        AND coalesce(x.proposals, 0) = (SELECT count(*) FROM facts_proposal p WHERE p.article_id = x.article_id)""",
                      ids)[0][0]  # fmt: skip
    failed = extracted(cluster, ids, ("failed",))
    once = sum(1 for (count,) in runs if count == 1)
    passed = waited is not None and stored == len(ids) == once == counted and twice == 0
    return Row(
        f"{label}: every acknowledged write stored, every queued job finished exactly once",
        passed,
        f"{len(ids)} articles acknowledged, {stored} stored, {once} jobs finished exactly once ({failed} of them "
        f"failed: bodies over the extraction budget), {counted} with their proposal count matching, {twice} "
        "proposals duplicated; all finished "
        + (f"{waited:.1f} s after the load" if waited is not None else "**not within 300 s**"),
    )


def mixed_load(cluster: Cluster, traffic: Traffic, seconds: float) -> Row:
    outcomes = traffic.run(seconds, threads=6, write_share=0.3, label="mixed")
    errors = server_errors(outcomes)
    latencies = [o.ended - o.started for o in outcomes]
    return Row(
        "Mixed load through nginx: two app servers, reads on the replica, two workers",
        not errors,
        f"{len(outcomes)} requests in {seconds:.0f} s ({sum(o.kind == 'write' for o in outcomes)} writes), "
        f"{len(errors)} 5xx or unanswered, p95 {percentile(latencies, 0.95) * 1000:.0f} ms",
    )


def replica_commits(cluster: Cluster) -> int:
    return int(str(cluster.replica.query("SELECT xact_commit FROM pg_stat_database WHERE datname = 'factbase'")))


def replica_stopped_and_restarted(cluster: Cluster, traffic: Traffic) -> Row:
    """Reads go on while the replica is down (from the primary), and come back to it when it is up."""
    before = replica_commits(cluster)
    stopped: list[float] = []

    def stop() -> None:
        cluster.replica.stop("fast")
        stopped.append(time.monotonic())

    def start() -> None:
        cluster.replica.start()
        stopped.append(time.monotonic())

    at(5, stop)
    at(11, start)
    outcomes = traffic.run(20, threads=4, write_share=0.0, label="replica")
    after = replica_commits(cluster)  # since its restart (its counters start again at 0)
    down = [o for o in outcomes if len(stopped) == 2 and stopped[0] <= o.started <= stopped[1]]
    back = [o for o in outcomes if len(stopped) == 2 and o.started >= stopped[1] + 2]
    errors = server_errors(outcomes)
    passed = not errors and len(stopped) == 2 and bool(down) and after >= 0.5 * len(back) > 0
    return Row(
        "Replica stopped under read load, then restarted",
        passed,
        f"{len(outcomes)} reads, {len(errors)} 5xx or unanswered; {len(down)} answered while it was down "
        f"({stopped[1] - stopped[0]:.1f} s, from the primary); after its restart it ran {after} transactions "
        f"for the {len(back)} reads made from 2 s after it (before the stop: {before} since it started)",
    )


def read_your_writes_and_lag(cluster: Cluster, traffic: Traffic) -> list[Row]:
    """With the replica's replay paused: the writer reads its writes at once (from the primary) while
    others still get the stale replica; once it is past the lag limit, everyone reads from the primary."""
    cluster.replica.query("SELECT pg_wal_replay_pause()::text")
    try:
        writer, stale, ids = 0, 0, []
        for number in range(10):
            created = traffic.write(f"ryw-{number}")
            ids.append(created.article)
            writer += (
                traffic.call("ryw", "GET", f"{API}/articles/{created.article}/", token=traffic.token).status == 200
            )
            stale += traffic.call("stale", "GET", f"{API}/articles/{created.article}/").status == 404
        time.sleep(5)  # past DATABASE_REPLICA_MAX_LAG_SECONDS (3) and a health check (1)
        fresh = sum(traffic.call("lag", "GET", f"{API}/articles/{pk}/").status == 200 for pk in ids)
    finally:
        cluster.replica.query("SELECT pg_wal_replay_resume()::text")
    return [
        Row("Read-your-writes: a client that wrote reads it at once", writer == 10,
            f"10 writes, each read back at once by its writer: {writer} found; other clients got the replica's "
            f"stale 404 for {stale} of them (replay paused, replica within the lag limit)"),
        Row("A replica behind by more than the lag limit is skipped", fresh == 10,
            f"replay paused 5 s (limit 3 s): {fresh} of the 10 new articles then read by anyone (from the primary)"),
    ]  # fmt: skip


def job_of(cluster: Cluster, article: int) -> tuple[str, int]:
    status, job = rows_of(cluster, "SELECT status, job_id FROM facts_extraction WHERE article_id = %s", article)[0]
    return status, job


def worker_killed_mid_job(cluster: Cluster, traffic: Traffic) -> Row:
    """kill -9 of the worker running a long job: the other worker completes it, once."""
    first, second = cluster.workers["a"], cluster.workers["b"]
    second.signal(signal.SIGSTOP)  # so the long job goes to the first
    # Seconds of extraction (about 6 s of CPU with the spaCy extractor), within the budget (200,000).
    article = traffic.write("long", LONG_ARTICLE).article
    assert article is not None, "the long article was not stored"
    running = wait_until(lambda: job_of(cluster, article)[0] == "running", 60, every=0.05)
    first.signal(signal.SIGKILL)
    second.signal(signal.SIGCONT)
    killed_at = job_of(cluster, article)[0]
    done = wait_until(lambda: job_of(cluster, article)[0] == "done", 180)
    job = job_of(cluster, article)[1]
    # The worker records the job's success just after the transaction that made the article `done`.
    sql = "SELECT count(*) FROM procrastinate_events WHERE job_id = %s AND type = 'succeeded'"
    wait_until(lambda: rows_of(cluster, sql, job)[0][0] > 0, 10, every=0.1)
    succeeded = rows_of(cluster, sql, job)
    resumed = "queued again" in second.output()
    cluster.start_worker("a")  # back to two workers
    passed = running is not None and killed_at == "running" and done is not None and succeeded[0][0] == 1
    return Row(
        "kill -9 of a worker mid-job: the other worker completes it",
        passed and resumed,
        f"{LONG_ARTICLE:,}-character article: killed while `{killed_at}`; done on the other worker "
        + (f"{done:.1f} s later" if done is not None else "**not within 180 s**")
        + f"; the job succeeded {succeeded[0][0]} time(s); stalled job re-queued: {'yes' if resumed else 'no'}",
    )


def throughput(cluster: Cluster, traffic: Traffic, count: int, workers: list[str]) -> float:
    """Articles (5,000 characters) extracted per second by these workers, from a full queue."""
    for worker in cluster.workers.values():
        worker.signal(signal.SIGSTOP)
    ids = [pk for n in range(count) if (pk := traffic.write(f"throughput-{len(workers)}-{n}", 5000).article)]
    for name in workers:
        cluster.workers[name].signal(signal.SIGCONT)
    took = wait_until(lambda: extracted(cluster, ids) == count, 300, every=0.1)
    for worker in cluster.workers.values():
        worker.signal(signal.SIGCONT)
    return count / took if took else 0.0


def extraction_throughput(cluster: Cluster, traffic: Traffic, count: int) -> Row:
    one = throughput(cluster, traffic, count, ["a"])
    two = throughput(cluster, traffic, count, ["a", "b"])
    return Row(
        "Extraction throughput, 1 and 2 workers",
        one > 0 and two > 0,
        f"{count} articles of 5,000 characters from a full queue: {one:.1f}/s with 1 worker, {two:.1f}/s with 2 "
        f"({two / one if one else 0:.2f}×) on {os.cpu_count()} cores shared with the app servers and Postgres",
    )


def post_latency(cluster: Cluster, traffic: Traffic) -> Row:
    small = [traffic.write(f"p95-small-{n}", 5000) for n in range(40)]
    # Without quotation marks, which JSON escapes: the request stays under the 5 MB limit.
    large = [
        traffic.call("write", "POST", f"{API}/articles/", {"body": article_body(f"p95-large-{n}", 5 * 1024 * 1024 - 200)
                     .replace('"', "'")}, token=traffic.token)
        for n in range(8)
    ]  # fmt: skip
    p95 = {
        name: percentile([o.ended - o.started for o in got], 0.95) for name, got in (("small", small), ("large", large))
    }
    statuses = {o.status for o in small + large}
    return Row(
        "POST /articles/ answered at once (extraction queued), through nginx",
        statuses == {201} and p95["large"] < 2.0,
        f"p95 {p95['small'] * 1000:.0f} ms for 5,000 characters (40 posts), {p95['large'] * 1000:.0f} ms for "
        f"5 MB (8 posts); statuses {sorted(statuses)}",
    )


def app_server_killed(cluster: Cluster, traffic: Traffic, seconds: float) -> Row:
    """kill -9 of one app server under load: nginx routes around it; only requests in flight may fail."""
    killed: list[float] = []
    app = cluster.apps[0]

    def kill() -> None:
        killed.append(time.monotonic())
        os.killpg(app.master.pid, signal.SIGKILL)  # type: ignore[union-attr]

    at(seconds / 3, kill)
    outcomes = traffic.run(seconds, threads=6, write_share=0.3, label="appdown")
    moment = killed[0] if killed else float("inf")
    in_flight = [o for o in outcomes if o.started < moment < o.ended]
    later = [o for o in server_errors(outcomes) if o.started >= moment]
    failed_in_flight = [o for o in server_errors(outcomes) if o in in_flight]
    log(f"app server 1 killed; {len(failed_in_flight)} of {len(in_flight)} in-flight requests failed")
    return Row(
        "kill -9 of one app server under load: nginx routes around it",
        bool(killed) and not later,
        f"{len(outcomes)} requests; {len(in_flight)} in flight at the kill ({len(failed_in_flight)} of them failed); "
        f"{len(later)} failed after it",
    )
