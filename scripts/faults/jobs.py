"""What the job scenarios share: a body at the documented maximum, worker processes, and the verdict on jobs.

The verdict (`job_problems`) is pure, so tests/scripts/ can check that it fails when it should.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from scripts.cluster.cluster import Worker
from scripts.faults.postgres import Postgres

MAX_BODY_BYTES = 5 * 1024 * 1024  # factbase/settings.py's default FACTBASE_MAX_BODY_BYTES (the README's 5 MiB)
# Fast beats, so a killed worker's job is found stalled within seconds; jobs kept after they
# finish, so their events show how often each one succeeded (as in tests/tasks/conftest.py).
WORKER_ENV = {
    "FACTBASE_JOBS_HEARTBEAT_SECONDS": "1",
    "FACTBASE_JOBS_STALLED_SECONDS": "3",
    "PROCRASTINATE_WORKER_DELETE_JOBS": "never",
}
SENTENCES = (
    'Officials said about 1,200 people crossed the border on Monday. "We are overwhelmed," said Ana Ruiz, '
    "a volunteer at the crossing. More than 100 volunteers, and perhaps as many as 300, help there. "
)


def article_payload(limit: int, tag: str) -> dict[str, str]:
    """An article whose JSON request body is as large as fits in `limit` bytes (within 1 KiB), unique by `tag`."""
    payload = {"title": f"The long article {tag}", "publisher": "Faults Wire", "body": f"Run {tag}. "}
    overhead = len(json.dumps(payload).encode())
    room = max(0, limit - overhead - 512)  # the sentences are ASCII with escaped quotes: measured below
    unit = SENTENCES
    encoded_unit = len(json.dumps(unit).encode()) - 2
    payload["body"] += (unit * (room // encoded_unit + 1))[: room * len(unit) // encoded_unit]
    while len(json.dumps(payload).encode()) > limit:  # bounded: each pass removes at least one character
        payload["body"] = payload["body"][: -max(1, len(json.dumps(payload).encode()) - limit)]
    return payload


def start_workers(env: dict[str, str], work: Path, names: list[str]) -> dict[str, Worker]:
    """`manage.py procrastinate worker` processes with the app's environment (and fast beats)."""
    environment = {**os.environ, **env, **WORKER_ENV}
    return {name: Worker(name, environment, work / f"worker-{name}.log") for name in names}


@dataclass(frozen=True)
class JobState:
    """One acknowledged article's extraction, as the database holds it."""

    article: int
    status: str  # facts_extraction.status
    error: str
    recorded: int | None  # facts_extraction.proposals: what the job said it stored
    stored: int  # proposals actually stored for the article
    succeeded: int  # procrastinate events: how often its job succeeded
    finished: int  # ... succeeded or failed


def job_problems(states: list[JobState], acknowledged: list[int], duplicated: int) -> list[str]:
    """Every acknowledged article's job finished exactly once: done with as many proposals stored as it
    recorded, or failed at once over the extraction budget; nothing proposed twice."""
    problems = []
    by_article = {state.article: state for state in states}
    for article in acknowledged:
        state = by_article.get(article)
        if state is None:
            problems.append(f"article {article}: no extraction state")
        elif state.status == "done":
            if state.succeeded != 1 or state.finished != 1:
                problems.append(f"article {article}: done, but its job succeeded {state.succeeded} times")
            if state.recorded != state.stored:
                problems.append(f"article {article}: {state.recorded} proposals recorded, {state.stored} stored")
        elif state.status == "failed" and "over the extraction budget" in state.error:
            if state.finished != 1 or state.stored:
                problems.append(f"article {article}: over the budget, finished {state.finished} times")
        else:
            problems.append(f"article {article}: {state.status} {state.error[:120]}".rstrip())
    if duplicated:
        problems.append(f"{duplicated} proposals stored twice")
    return problems


def job_states(pg: Postgres, articles: list[int]) -> tuple[list[JobState], int]:
    """The extraction state of each article, and how many proposals are duplicated anywhere."""
    connection = pg.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT x.article_id, x.status, coalesce(x.error, ''), x.proposals,
                    (SELECT count(*) FROM facts_proposal p WHERE p.article_id = x.article_id),
                    (SELECT count(*) FROM procrastinate_events e WHERE e.job_id = x.job_id AND e.type = 'succeeded'),
                    (SELECT count(*) FROM procrastinate_events e WHERE e.job_id = x.job_id
                        AND e.type IN ('succeeded', 'failed'))
                FROM facts_extraction x WHERE x.article_id = ANY(%s)""",
                [articles],
            )
            states = [JobState(*row) for row in cursor.fetchall()]
            cursor.execute(
                """SELECT count(*) FROM (SELECT 1 FROM facts_proposal
                GROUP BY article_id, kind, start, "end", extractor_version HAVING count(*) > 1) AS d"""
            )
            duplicated = int(cursor.fetchone()[0])
    finally:
        connection.close()
    return states, duplicated


def unfinished(pg: Postgres, articles: list[int]) -> int:
    """How many of the articles' extractions are not yet done or failed (or have no state at all)."""
    connection = pg.connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM facts_extraction WHERE article_id = ANY(%s) AND status IN ('done', 'failed')",
                [articles],
            )
            return len(articles) - int(cursor.fetchone()[0])
    finally:
        connection.close()
