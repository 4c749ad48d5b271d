"""The command line (`python -m scripts.faults --help`): its flags, the --max-minutes deadline and SIGTERM,
and what is written at the end.
"""

from __future__ import annotations

import argparse
import datetime
import signal
import time
from pathlib import Path
from typing import Any

from scripts.faults import __doc__ as USAGE
from scripts.faults.common import Deadline, log
from scripts.faults.modes import run_all, run_compare, run_tune
from scripts.faults.report import print_results, record, report, write_results
from scripts.faults.run import Row, Run
from scripts.faults.scenarios import SCENARIOS


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.faults", description=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short phases: a ~3-minute check")
    parser.add_argument("--soak-seconds", type=float, default=None, help="soak length (default 600; 30 with --quick)")
    parser.add_argument("--gunicorn", default="sync:3", help="worker class:workers[xthreads], e.g. sync:4, gthread:2x4")
    parser.add_argument("--tune", default="", help="comma-separated gunicorn configs: measure the capacity of each")
    parser.add_argument("--compare", default="", help="comma-separated gunicorn configs: interleaved fixed-rate runs")
    parser.add_argument("--compare-rates", default="40,70", help="rates (req/s) for --compare")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --compare")
    parser.add_argument("--p95-ms", type=float, default=100.0, help="p95 latency target (ms)")
    parser.add_argument("--capacity", type=float, default=0.0, help="skip the search and use this C (req/s)")
    parser.add_argument("--only", default="", help="a comma-separated subset of the scenarios: " + ",".join(SCENARIOS))
    parser.add_argument("--client-threads", type=int, default=64, help="the load generator's concurrency cap")
    parser.add_argument("--start-rate", type=float, default=20.0, help="first step of the capacity search (req/s)")
    parser.add_argument("--max-rate", type=float, default=1500.0, help="the capacity search stops here (req/s)")
    parser.add_argument("--max-minutes", type=float, default=60.0, help="stop everything after this long")
    parser.add_argument(
        "--quiet-wait-minutes",
        type=float,
        default=None,
        help="wait this long at most for a quiet machine (15; 1 quick)",
    )
    parser.add_argument("--quiet-threshold", type=float, default=0.25, help="cores other processes may use")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the app's environment (repeat)")
    parser.add_argument("--record", type=Path, help="write the results table into this file's results block")
    args = parser.parse_args(argv)
    if args.quiet_wait_minutes is None:
        args.quiet_wait_minutes = 1.0 if args.quick else 15.0
    return args


def execute(run: Run, args: argparse.Namespace) -> str:
    """Run the chosen mode under the deadline; the error that stopped it ("" if none), as a FAIL row too."""

    def on_deadline(signum: int, frame: Any) -> None:
        raise Deadline(f"--max-minutes {args.max_minutes} reached")

    def on_stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGALRM, on_deadline)
    signal.signal(signal.SIGTERM, on_stop)
    signal.alarm(int(args.max_minutes * 60))
    error = ""
    try:
        if args.compare:
            run_compare(run)
        elif args.tune:
            run_tune(run)
        else:
            run_all(run)
    except (Deadline, KeyboardInterrupt, RuntimeError, AssertionError, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        log(f"Stopped: {error}")
        run.rows.append(Row("run completed", False, error.splitlines()[0][:300]))
    finally:
        signal.alarm(0)
        run.cleanup()
    return error


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    run = Run(args)
    started = datetime.datetime.now(datetime.UTC)
    t0 = time.monotonic()
    error = execute(run, args)
    table = report(run, started, time.monotonic() - t0)
    print_results(run, table)
    write_results(run, table, error)
    if args.record:
        record(args.record, table)
    return 0 if run.rows and all(row.passed for row in run.rows) else 1
