"""Real worker processes (`manage.py procrastinate worker`) against the test database.

The tests here commit (transactional_db): a worker is another process, with its own
connection, and sees only what is committed. Every wait is bounded; every worker is stopped
(and killed if it will not stop) when its test ends, and the queue's tables are emptied then,
as the database flush between tests leaves procrastinate's (unmanaged) tables alone.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
QUEUE_TABLES = ["procrastinate_events", "procrastinate_periodic_defers", "procrastinate_jobs", "procrastinate_workers"]
# Fast beats, so a killed worker's job is found stalled within seconds; jobs kept after success,
# so the tests can count how often each one succeeded.
WORKER_ENV = {
    "FACTBASE_JOBS_HEARTBEAT_SECONDS": "1",
    "FACTBASE_JOBS_STALLED_SECONDS": "3",
    "FACTBASE_JOBS_LOCK_TIMEOUT_SECONDS": "1",
    "PROCRASTINATE_WORKER_DELETE_JOBS": "never",
}


def worker_database_url() -> str:
    """The test database, as a URL a worker process can use."""
    params = connection.settings_dict
    host = quote(str(params["HOST"] or "localhost"), safe="")
    port = f":{params['PORT']}" if params["PORT"] else ""
    password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    return f"postgres://{quote(params['USER'])}{password}@{host}{port}/{params['NAME']}"


class Worker:
    """One worker process, its output in a log file."""

    def __init__(self, name: str, log: Path, **env: str) -> None:
        self.name = name
        self.log = log
        environment = {**os.environ, **WORKER_ENV, "DATABASE_URL": worker_database_url(), **env}
        command = [
            sys.executable,
            "manage.py",
            "procrastinate",
            "worker",
            "--name",
            name,
            "--fetch-job-polling-interval",
            "0.5",
        ]
        with log.open("wb") as output:
            self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        """kill -9: no chance to finish or to tell the queue."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def wait_for(condition: Callable[[], Any], timeout: float, what: str, every: float = 0.2) -> Any:
    """Poll until `condition()` is truthy (its value is returned); fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}.")


def _empty_queue() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(QUEUE_TABLES)} RESTART IDENTITY CASCADE")


@pytest.fixture
def start_worker(transactional_db: None, tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    """Start worker processes (`start_worker("a")`); all are stopped when the test ends."""
    _empty_queue()
    workers: list[Worker] = []

    def start(name: str, **env: str) -> Worker:
        worker = Worker(name, tmp_path / f"worker-{name}.log", **env)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    _empty_queue()
