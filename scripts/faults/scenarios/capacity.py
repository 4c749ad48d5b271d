"""Capacity C: the highest request rate held with every request answered 2xx and p95 under the target."""

from __future__ import annotations

from scripts.faults.common import log
from scripts.faults.load import Phase
from scripts.faults.run import Row, Run


def step(run: Run, name: str, rate: float, seconds: float, steps: list[str]) -> tuple[bool, Phase]:
    """One capacity step. A step that fails while other processes took more than half a core
    is run again (twice at most): it measured the neighbours, not Factbase."""
    for attempt in range(3):
        phase = run.load(name, rate, seconds)
        ok = run.clean(phase)
        steps.append(
            f"{rate:.0f}/s p95 {phase.p(0.95) * 1000:.0f} ms {'held' if ok else 'not held'} "
            f"(others {phase.other_cores:.2f} cores)"
        )
        if ok or phase.other_cores <= 0.5 or attempt == 2:
            return ok, phase
        log("  run again: other processes were busy during this step")
    raise AssertionError("unreachable")


def _ramp(run: Run, label: str, steps: list[str]) -> tuple[float, float]:
    """Rate ×1.5 per step until one fails: (the last rate held, the first not held or 0)."""
    rate, good, bad = run.s.start_rate, 0.0, 0.0
    for _ in range(14):  # at most 14 ramp steps
        ok, _ = step(run, f"{label} step", rate, run.s.step_seconds, steps)
        if not ok:
            bad = rate
            break
        good = rate
        if rate >= run.s.max_rate:
            break
        rate = min(run.s.max_rate, rate * 1.5)
    return good, bad


def capacity(run: Run, label: str = "capacity") -> tuple[float, list[str]]:
    """The highest rate held cleanly: ramp ×1.5 until a step fails, bisect, then confirm; and each step."""
    steps: list[str] = []
    good, bad = _ramp(run, label, steps)
    if bad:
        for _ in range(3):  # bisect between the last good and the first bad rate
            rate = (good + bad) / 2
            ok, _ = step(run, f"{label} step", rate, run.s.step_seconds, steps)
            good, bad = (rate, bad) if ok else (good, rate)
    confirmed = 0.0
    candidate = good
    for _ in range(3):  # confirm with a longer run; step down 10 % when it does not hold
        if candidate < 1:
            break
        ok, _ = step(run, f"{label} confirm", candidate, run.s.confirm_seconds, steps)
        if ok:
            confirmed = candidate
            break
        candidate *= 0.9
    return confirmed, steps


def scenario_capacity(run: Run) -> float:
    c, steps = capacity(run)
    run.rows.append(
        Row(
            "capacity C",
            c > 0,
            f"C = {c:.0f} req/s (p95 ≤ {run.s.p95_target * 1000:.0f} ms, 0 errors, 90 % reads)",
            steps,
        )
    )
    return c
