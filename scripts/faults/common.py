"""What every part of the fault script shares: where things are, the API's prefix, the log, the deadline."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
API = "/api/v1"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Deadline(Exception):
    """Raised in the main thread when --max-minutes is up."""
