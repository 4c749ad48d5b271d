"""The three ways to run: every scenario (the default), --tune (capacity per gunicorn set-up), --compare."""

from __future__ import annotations

from bench.common import percentile
from scripts.faults.common import log
from scripts.faults.load import Phase
from scripts.faults.run import Row, Run, parse_gunicorn
from scripts.faults.scenarios import SCENARIOS
from scripts.faults.scenarios.backup import final_check
from scripts.faults.scenarios.capacity import capacity, scenario_capacity


def run_all(run: Run) -> None:
    """Capacity (unless --capacity gives C), then the scenarios of --only (all by default), then the final check."""
    run.setup()
    run.wait_for_quiet()
    workers, kind, threads = parse_gunicorn(run.args.gunicorn)
    run.threads_per_worker = threads
    run.start_gunicorn(workers, kind, threads)
    c = run.args.capacity or scenario_capacity(run)
    if c <= 0:
        log("No rate was held cleanly; the load scenarios use 10 req/s.")
        c = 10.0
    wanted = run.args.only.split(",") if run.args.only else list(SCENARIOS)
    for name in wanted:
        log(f"--- {name}")
        SCENARIOS[name](run, c)
    final_check(run)


def run_tune(run: Run) -> None:
    """The capacity of each gunicorn set-up of --tune, one after the other."""
    run.setup()
    run.wait_for_quiet()
    for config in run.args.tune.split(","):
        run.start_gunicorn(*parse_gunicorn(config))
        try:
            c, steps = capacity(run, label=config)
        finally:
            run.app.stop()
        run.rows.append(Row(f"capacity with gunicorn {config}", c > 0, f"C = {c:.0f} req/s", steps))


def run_compare(run: Run) -> None:
    """The set-ups at the same rates, interleaved round by round, so that whatever else the
    machine does falls on each of them alike; ranks them by p95 and CPU per request."""
    run.setup()
    run.wait_for_quiet()
    configs = run.args.compare.split(",")
    rates = [float(r) for r in run.args.compare_rates.split(",")]
    results: dict[tuple[str, float], list[Phase]] = {}
    for round_number in range(run.args.rounds):
        for config in configs:
            run.start_gunicorn(*parse_gunicorn(config))
            try:
                for rate in rates:
                    phase = run.load(f"{config} round {round_number + 1}", rate, run.s.step_seconds)
                    results.setdefault((config, rate), []).append(phase)
            finally:
                run.app.stop()
    for (config, rate), phases in results.items():
        run.rows.append(_compare_row(config, rate, phases))


def _compare_row(config: str, rate: float, phases: list[Phase]) -> Row:
    samples = [s for phase in phases for s in phase.samples]
    seconds = sum(phase.seconds for phase in phases)
    failed = sum(1 for s in samples if not s.ok)
    cpu_ms = 1000 * sum(phase.our_cores * phase.seconds for phase in phases) / max(1, len(samples))
    others = sum(phase.other_cores * phase.seconds for phase in phases) / seconds
    p95s = sorted(round(phase.p(0.95) * 1000) for phase in phases)
    return Row(
        f"gunicorn {config} at {rate:.0f} req/s",
        failed == 0,
        f"p50 {percentile([s.latency for s in samples], 0.5) * 1000:.0f} ms, "
        f"p95 {percentile([s.latency for s in samples], 0.95) * 1000:.0f} ms (per round {p95s}), "
        f"failed {failed} of {len(samples)}, {cpu_ms:.1f} ms CPU per request (client, gunicorn, Postgres), "
        f"other processes {others:.2f} cores",
    )
