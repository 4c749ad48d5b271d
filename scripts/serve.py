"""Serve Factbase: gunicorn and one background worker, under one command (`make run`).

    python scripts/serve.py --bind 127.0.0.1:8000 [--workers N]

Starts `gunicorn factbase.wsgi` and N (default 1) `manage.py procrastinate worker` processes with
this process's environment. Ctrl-C (SIGINT) or SIGTERM is passed on to all of them as one SIGTERM, which
finish what they are doing (a worker its current job, for up to 30 s) and stop; whatever is
still running 40 s later is killed. If any of them exits by itself, the others are stopped too
and this command exits with its status, so a supervisor (systemd, Docker) sees the failure.
"""

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
STOP_SECONDS = 40


def commands(bind: str, workers: int) -> list[list[str]]:
    gunicorn = [
        str(Path(sys.executable).with_name("gunicorn")),
        "factbase.wsgi",
        "--bind",
        bind,
        "--access-logfile",
        "-",
    ]
    worker = [sys.executable, "manage.py", "procrastinate", "worker"]
    return [gunicorn, *([*worker, "--name", f"worker-{number}"] for number in range(1, workers + 1))]


def stop(children: list[subprocess.Popen[bytes]]) -> None:
    """Ask every child still running to stop (SIGTERM: gracefully), then kill those that have not
    within STOP_SECONDS."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def serve(bind: str, workers: int) -> int:
    # Each in its own process group: Ctrl-C reaches only this process, which passes one SIGTERM on
    # (a second signal would make a worker drop its job instead of finishing it).
    started = commands(bind, workers)
    children = [subprocess.Popen(command, cwd=ROOT, process_group=0) for command in started]
    stopping: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    while not stopping:
        exited = [
            (child, command) for child, command in zip(children, started, strict=True) if child.poll() is not None
        ]
        if exited:
            child, command = exited[0]
            print(f"{' '.join(command[:4])} exited with status {child.returncode}; stopping the rest.")
            stop(children)
            return child.returncode or 1
        time.sleep(0.5)
    stop(children)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port for gunicorn")
    parser.add_argument("--workers", type=int, default=1, help="background workers to start (default 1)")
    arguments = parser.parse_args()
    sys.exit(serve(arguments.bind, arguments.workers))


if __name__ == "__main__":
    main()
