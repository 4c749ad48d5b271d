"""Overload: 2·C answered only 2xx, 429 or 503, then at 0.5·C back under the target within the limit."""

from __future__ import annotations

import time
from collections import Counter

from scripts.faults.ledger import verify_ledger
from scripts.faults.load import recovery_time
from scripts.faults.run import Row, Run


def scenario_overload(run: Run, c: float) -> None:
    overload = run.load("overload", 2 * c, run.s.overload_seconds)
    end = time.monotonic()
    recovery = run.load("after overload", 0.5 * c, run.s.recovery_seconds)
    allowed = [s for s in overload.samples if s.ok or s.status in (429, 503)]
    bad = Counter(s.status or s.error for s in overload.samples if not (s.ok or s.status in (429, 503)))
    shed = sum(1 for s in overload.samples if s.status in (429, 503))
    recovered_at = recovery_time(recovery, end, run.s.p95_target)
    passed = not bad and recovered_at is not None and recovered_at <= run.s.recovery_limit
    problems = verify_ledger(run.pg, run.ledger)
    passed = passed and not problems
    run.rows.append(
        Row(
            "overload 2·C, then recovery",
            passed,
            f"{2 * c:.0f} req/s offered for {run.s.overload_seconds:.0f} s: sent {overload.sent} "
            f"(client at its {run.s.threads}-connection cap for {overload.not_sent}), "
            f"2xx {sum(1 for s in overload.samples if s.ok)}, 429/503 {shed}, other {dict(bad) or 0}, "
            f"p95 {overload.p(0.95) * 1000:.0f} ms; then at 0.5·C all 2xx with p95 under "
            f"{run.s.p95_target * 1000:.0f} ms "
            + (f"{max(0.0, recovered_at):.1f} s after" if recovered_at is not None else "never")
            + f" (limit {run.s.recovery_limit:.0f} s); ledger {len(problems)} missing/changed",
            [f"{len(allowed)} of {overload.sent} answers were 2xx/429/503", *problems[:20]],
        )
    )
