"""Soak: 0.7·C for --soak-seconds with no 5xx, no failed request, every request sent on time, the ledger intact."""

from __future__ import annotations

from scripts.faults.ledger import verify_ledger
from scripts.faults.run import Row, Run


def scenario_soak(run: Run, c: float) -> None:
    rate = 0.7 * c
    phase = run.load("soak", rate, run.s.soak_seconds)
    problems = verify_ledger(run.pg, run.ledger)
    five = sum(1 for s in phase.samples if s.status >= 500)
    other = len(phase.failures()) - five
    minutes = []
    for m in range(int(run.s.soak_seconds // 60) or 1):
        window = [s for s in phase.samples if phase.t0 + 60 * m <= s.due < phase.t0 + 60 * (m + 1)]
        minutes.append(round(phase.p(0.95, window) * 1000))
    articles, claims = run.ledger.size()
    # The guarantee is no 5xx and no lost write; the latency is reported (with how busy the
    # rest of the machine was), not judged: minutes of a shared machine are not a benchmark.
    kept_up = phase.not_sent <= phase.due_total * 0.005
    passed = five == 0 and other == 0 and not problems and kept_up
    run.rows.append(
        Row(
            f"soak 0.7·C for {run.s.soak_seconds:.0f} s",
            passed,
            f"{rate:.0f} req/s, {phase.sent} requests (not sent {phase.not_sent}), 5xx {five}, other failures "
            f"{other}, p50 {phase.p(0.5) * 1000:.0f} ms, p95 {phase.p(0.95) * 1000:.0f} ms, "
            f"p99 {phase.p(0.99) * 1000:.0f} ms (worst minute's p95 {max(minutes)} ms); ledger "
            f"{articles} articles + {claims} claims, {len(problems)} missing/changed; other processes "
            f"{phase.other_cores:.2f} cores",
            [f"p95 per minute (ms): {minutes}", *problems[:20]],
        )
    )
