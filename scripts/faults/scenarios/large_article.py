"""An article at the documented maximum (a 5 MiB request) under load: stored at once, its extraction a job.

Storing it costs the worker that serves it about a second (hashing, the search vector of 5 MB);
extracting it would cost minutes, so the answer must say `queued`, not run it in the request.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass

from scripts.faults.common import API
from scripts.faults.jobs import MAX_BODY_BYTES, article_payload
from scripts.faults.ledger import verify_ledger
from scripts.faults.run import Row, Run
from scripts.faults.server import request

LIMIT_SECONDS = 10.0  # "well under" gunicorn's worker timeout (30 s): a third of it


@dataclass
class Post:
    """The large POST's outcome: its status (0: no answer), answer and time taken."""

    status: int = 0
    answer: bytes = b""
    seconds: float = float("nan")
    thread: threading.Thread | None = None


def scenario_large_article(run: Run, c: float) -> None:
    payload = article_payload(MAX_BODY_BYTES, f"{run.run_id}-large")
    data = json.dumps(payload).encode()
    result = Post()

    def post() -> None:
        started = time.monotonic()
        try:
            result.status, _, result.answer = request(
                "127.0.0.1", run.app.port, "POST", f"{API}/articles/", body=data, token=run.token, timeout=60
            )
        except OSError as error:
            result.answer = str(error).encode()
        result.seconds = time.monotonic() - started

    def start_post() -> None:
        result.thread = threading.Thread(target=post, daemon=True)
        result.thread.start()

    phase = run.load("large article", run.fault_rate(c), 15 if run.s.quick else 30, events=[(2, "post", start_post)])
    if result.thread is not None:
        result.thread.join(60)
    status, seconds = result.status, result.seconds
    document = _json(result.answer)
    article_id = document.get("id") if status == 201 else None
    extraction = (document.get("extraction") or {}).get("status")
    if article_id is not None and document.get("body") == payload["body"]:
        sha = hashlib.sha256(payload["body"].encode()).hexdigest()
        run.ledger.add_article(int(article_id), sha, None, time.monotonic())
    five = [s for s in phase.samples if s.status >= 500]
    problems = verify_ledger(run.pg, run.ledger)
    passed = status == 201 and seconds <= LIMIT_SECONDS and extraction == "queued" and not five and not problems
    run.rows.append(
        Row(
            "an article at the documented maximum (5 MiB) under load",
            passed,
            f"a {len(data):,}-byte request ({len(payload['body']):,} characters): {status} in {seconds:.1f} s "
            f"(limit {LIMIT_SECONDS:.0f} s; gunicorn's timeout 30 s), extraction `{extraction}`; the load meanwhile "
            f"{phase.sent} requests at {phase.rate:.0f}/s: 5xx {len(five)}, other failures "
            f"{len(phase.failures()) - len(five)}, p95 {phase.p(0.95) * 1000:.0f} ms; "
            f"ledger {len(problems)} missing/changed",
            [f"{s.kind} {s.status or s.error}" for s in phase.failures()[:10]]
            + ([] if status == 201 else [result.answer[:300].decode(errors="replace")])
            + problems[:20],
        )
    )


def _json(data: bytes) -> dict:
    try:
        document = json.loads(data)
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}
