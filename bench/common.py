"""What the benchmark (bench/) and the fault and load checks (scripts/faults/) both measure with.

One definition of a percentile, so that a p95 in bench/RESULTS.md and one in RELIABILITY.md
mean the same thing; one way to find a free port for the gunicorn each of them starts; and the
commit each of them reports its numbers for.

The percentile is the nearest-rank one: of n values sorted in ascending order, the value at
rank ⌈q·n⌉ (counting from 1; rank 1 when q·n is 0). It is always one of the values measured (no
interpolated latency that no request had), and at least a fraction q of the values are at or
below it. For the benchmark's run counts (multiples of 20) its p95 is the value the benchmark
reported before it shared this function.
"""

import math
import socket
import subprocess
from collections.abc import Sequence
from pathlib import Path

HOST = "127.0.0.1"


def percentile(values: Sequence[float], quantile: float) -> float:
    """The nearest-rank `quantile` (0 to 1) of `values`; NaN when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(quantile * len(ordered)) - 1))
    return ordered[index]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the system picks it)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def git_commit(root: Path) -> tuple[str, bool]:
    """The short hash of HEAD in `root`, and whether tracked files have uncommitted changes."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
    )
    return head.stdout.strip(), bool(status.stdout.strip())
