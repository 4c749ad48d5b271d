"""What every part of the fault script shares: where things are, the API's prefix, the log, the deadline."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
API = "/api/v1"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_checked(command: list[str], label: str, *, timeout: float, **options: Any) -> str:
    """Run `command` with stdin closed and its output captured: its stdout, or RuntimeError with all of it."""
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, **options
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{label} failed:\n{completed.stdout}{completed.stderr}")
    return completed.stdout


class Deadline(Exception):
    """Raised in the main thread when --max-minutes is up."""
