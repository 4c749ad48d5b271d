"""A login flood: API latency stays within target while six clients send wrong passwords, 3 a second each.

Each failed sign-in used to cost a worker about 0.8 s of password hashing, so six flooding clients
raised the API's p95 from 25 ms to 1.7 s. With django-axes each address is locked after
AXES_FAILURE_LIMIT failures and every later attempt is refused before any hashing.
"""

from __future__ import annotations

import threading

from scripts.faults.flood import Flood, flood_logins
from scripts.faults.run import Row, Run

CLIENTS = 6
RATE = 3.0  # attempts a second, per client: 18 a second in all, bounded (each 429 still costs a request)
MAX_ATTEMPTS = 3000  # per client: the flood is bounded in count as well as in time
FAILURE_LIMIT = 10  # factbase/settings.py's default FACTBASE_LOGIN_FAILURE_LIMIT


def scenario_login_flood(run: Run, c: float) -> None:
    seconds = 15 if run.s.quick else 40
    result: dict[str, Flood] = {}
    stop = threading.Event()

    def start_flood() -> None:
        def flood() -> None:
            result["flood"] = flood_logins(run.app.port, CLIENTS, RATE, seconds, MAX_ATTEMPTS, stop)

        threading.Thread(target=flood, daemon=True).start()

    phase = run.load("login flood", run.fault_rate(c), seconds + 2, events=[(1, "flood", start_flood)])
    stop.set()
    flood = result.get("flood", Flood())
    statuses = flood.statuses()
    server_errors = [s for s in phase.samples if s.status >= 500]
    lockout_held = 0 < flood.attempts_before_lockout() <= FAILURE_LIMIT and statuses.get(429, 0) > 0
    flooding = [s for s in phase.samples if s.due >= phase.events.get("flood:start", phase.t0) + 1]
    p95 = phase.p(0.95, flooding)
    passed = lockout_held and not server_errors and not phase.failures() and p95 <= run.s.p95_target
    run.rows.append(
        Row(
            f"login flood ({CLIENTS} addresses, {RATE:.0f} wrong passwords a second each)",
            passed,
            f"{sum(statuses.values())} sign-in attempts in {seconds} s: {dict(sorted(statuses.items()))} "
            f"(at most {flood.attempts_before_lockout()} answered before an address was locked; limit "
            f"{FAILURE_LIMIT}); API meanwhile {phase.sent} requests at {phase.rate:.0f}/s: failures "
            f"{len(phase.failures())}, p50 {phase.p(0.5, flooding) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
            f"(target {run.s.p95_target * 1000:.0f} ms)",
            [f"{s.kind} {s.status or s.error}" for s in phase.failures()[:10]],
        )
    )
