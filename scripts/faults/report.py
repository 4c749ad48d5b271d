"""The results: the table printed at the end, .local/faults/results.{md,json}, and --record into a file."""

from __future__ import annotations

import datetime
import json
import os
import platform
import sys
from pathlib import Path

from scripts.faults.run import Run

RESULTS_START = "<!-- faults:results:start -->"
RESULTS_END = "<!-- faults:results:end -->"


def report(run: Run, started: datetime.datetime, seconds: float) -> str:
    """The results table in Markdown, after a line on the run and one on the machine."""
    commit, dirty = run.commit
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    command = "python -m scripts.faults " + " ".join(sys.argv[1:])
    lines = [
        f"Run of {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min: commit `{commit}`"
        + (" (with uncommitted changes)" if dirty else "")
        + f", `{command.strip()}`.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"Python {platform.python_version()}, "
        f"Postgres {run.pg_settings.get('server_version')} (fsync={run.pg_settings.get('fsync')}, "
        f"synchronous_commit={run.pg_settings.get('synchronous_commit')}), gunicorn {run.args.gunicorn}; "
        f"load generator on the same machine, {run.s.threads} client threads, p95 target "
        f"{run.s.p95_target * 1000:.0f} ms. Other processes on the machine used "
        f"{run.other_cores_at_start:.2f} cores before the start and {run.other_cores_during():.2f} cores on "
        "average during the load phases.",
        "",
        "| scenario | result | numbers |",
        "| --- | --- | --- |",
    ]
    for row in run.rows:
        lines.append(f"| {row.scenario} | {'PASS' if row.passed else '**FAIL**'} | {row.numbers} |")
    passed = all(row.passed for row in run.rows) and bool(run.rows)
    lines += ["", f"Overall: {'PASS' if passed else 'FAIL'}."]
    return "\n".join(lines)


def print_results(run: Run, table: str) -> None:
    """The table on stdout, then each row's details."""
    print()
    print(table)
    for row in run.rows:
        if row.details:
            print(f"\n{row.scenario}:")
            for line in row.details:
                print(f"  {line}")


def write_results(run: Run, table: str, error: str) -> None:
    """results.md (the table) and results.json (rows, every phase's numbers, the error if any) in the work folder."""
    (run.work / "results.md").write_text(table + "\n", encoding="utf-8")
    (run.work / "results.json").write_text(
        json.dumps(
            {
                "rows": [
                    {"scenario": r.scenario, "passed": r.passed, "numbers": r.numbers, "details": r.details}
                    for r in run.rows
                ],
                "phases": run.phases,
                "error": error,
            },
            indent=2,
        ),
        encoding="utf-8",
    )


def record(path: Path, table: str, start: str = RESULTS_START, end: str = RESULTS_END) -> None:
    """Replace the block between the result markers in `path` with the table."""
    text = path.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise SystemExit(f"{path} has no {start} … {end} block to replace.")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
