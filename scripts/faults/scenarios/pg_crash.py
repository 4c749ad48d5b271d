"""Postgres stopped with `pg_ctl -m immediate` under load and restarted: 503s while down, back by itself."""

from __future__ import annotations

import http.client
import time
from collections import Counter

from scripts.faults.ledger import verify_ledger
from scripts.faults.load import Phase
from scripts.faults.run import Row, Run

# Pages outside the API while the database is down: the admin with a session (its lookup needs
# the database) and without one, the schema.
PAGES = (
    ("admin with a session", "/admin/", "sessionid=faultsfaultsfaultsfaultsfaults00"),
    ("admin sign-in page", "/admin/login/", ""),
    ("API schema", "/api/schema/", ""),
)


def page_status(port: int, path: str, cookie: str = "") -> int | str:
    """The status of one GET (with an optional Cookie header), or the error's name."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Connection": "close", **({"Cookie": cookie} if cookie else {})})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


def _below_500(status: int | str) -> bool:
    return isinstance(status, int) and status < 500


class _Outage:
    """The two events of the phase: the crash (then the pages probed while down) and the restart."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.probes: dict[str, int | str] = {}
        self.stopped = 0.0

    def crash(self) -> None:
        self.run.pg.stop("immediate")
        self.stopped = time.monotonic()
        time.sleep(1)
        for name, path, cookie in PAGES:
            self.probes[name] = page_status(self.run.app.port, path, cookie)

    def restart(self) -> None:
        self.run.pg.start()


def scenario_pg_crash(run: Run, c: float) -> None:
    outage = run.s.outage_seconds
    tail = 20
    events = _Outage(run)
    phase = run.load("pg_ctl -m immediate", run.fault_rate(c), 3 + outage + tail,
                     write_fraction=run.s.fault_write_fraction,
                     events=[(3, "stop", events.crash), (3 + outage, "start", events.restart)])  # fmt: skip
    run.rows.append(_api_row(run, phase, events.stopped))
    # A page that needs the database must say 503 too; one that does not may answer normally.
    probes = events.probes
    broken = {name: status for name, status in probes.items() if status not in (503,) and not _below_500(status)}
    run.rows.append(
        Row(
            "Postgres down: pages outside the API",
            bool(probes) and not broken,
            ", ".join(f"{name}: {status}" for name, status in probes.items()) + " (500 or no answer fails)",
        )
    )


def _api_row(run: Run, phase: Phase, stopped: float) -> Row:
    """The API's answers around the outage: only 503 with Retry-After while down, all 2xx soon after."""
    started = phase.events["start"]
    while_down = [s for s in phase.samples if s.start >= stopped and s.end <= phase.events["start:start"]]
    statuses_down = Counter(s.status or s.error for s in while_down)
    other_5xx = Counter(s.status for s in phase.samples if s.status >= 500 and s.status != 503)
    no_answer = Counter(s.error for s in phase.samples if s.status == 0)
    without_retry_after = sum(1 for s in phase.samples if s.status == 503 and not s.retry_after)
    # Recovered at the first 1-second window from which every answer is 2xx, to the end.
    last_failure = max((s.start for s in phase.samples if not s.ok), default=started)
    recovered_after = max(0.0, last_failure - started)
    tail_ok = any(s.ok and s.start > last_failure for s in phase.samples)
    problems = verify_ledger(run.pg, run.ledger)
    passed = (
        not other_5xx
        and not no_answer
        and without_retry_after == 0
        and set(statuses_down) <= {503}
        and tail_ok
        and recovered_after <= run.s.pg_recovery_limit
        and not problems
    )
    return Row(
        "Postgres `pg_ctl -m immediate` under load, restart",
        passed,
        f"{phase.sent} requests at {phase.rate:.0f}/s ({run.s.fault_write_fraction:.0%} writes), "
        f"{started - stopped:.1f} s down: answers while down {dict(statuses_down)}; 500s/other 5xx "
        f"{sum(other_5xx.values())}, no answer {sum(no_answer.values())}, 503 without Retry-After "
        f"{without_retry_after}; all 2xx again {recovered_after:.1f} s after restart "
        f"(limit {run.s.pg_recovery_limit:.0f} s, gunicorn untouched); ledger {len(problems)} missing/changed",
        [f"5xx other than 503: {dict(other_5xx)}", f"no answer: {dict(no_answer)}", *problems[:20]],
    )
