"""gunicorn's master reloaded (HUP) under load: no failed request, every worker replaced."""

from __future__ import annotations

import os
import signal

from scripts.faults.ledger import verify_ledger
from scripts.faults.run import Row, Run


def scenario_hup(run: Run, c: float) -> None:
    before = run.app.worker_pids()
    assert run.app.master is not None
    master = run.app.master.pid
    phase = run.load("HUP", run.fault_rate(c), 15, write_fraction=run.s.fault_write_fraction,
                     events=[(4, "hup", lambda: os.kill(master, signal.SIGHUP))])  # fmt: skip
    after = run.wait_for_workers(exclude=before)
    failures = phase.failures()
    problems = verify_ledger(run.pg, run.ledger)
    passed = not failures and after is not None and not problems
    hup = phase.events["hup:start"]
    around = [s for s in phase.samples if hup - 1 <= s.due <= hup + 10]
    slowest = max((s.latency for s in around), default=0.0)
    run.rows.append(
        Row(
            "gunicorn HUP (reload) under load",
            passed,
            f"{phase.sent} requests at {phase.rate:.0f}/s: {len(failures)} failed; every worker replaced: "
            f"{'yes' if after is not None else 'NO'}; in the 10 s after the HUP p95 "
            f"{phase.p(0.95, around) * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms; "
            f"ledger {len(problems)} missing/changed",
            [f"{s.kind} {s.status or s.error}" for s in failures[:10]] + problems[:20],
        )
    )
