"""CPU accounting: how busy the machine is, and how much of it this test (client, gunicorn, Postgres) uses."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(roots: list[int]) -> float:
    """CPU seconds used by these processes and their descendants, living or reaped.

    A process that dies unreaped by one of them (a Postgres killed with its postmaster) takes its
    count with it; phases where that happens report no CPU figures.
    """
    import psutil

    total = 0.0
    for pid in roots:
        with contextlib.suppress(psutil.Error):
            root = psutil.Process(pid)
            for process in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    times = process.cpu_times()
                    total += times.user + times.system + times.children_user + times.children_system
    return total
