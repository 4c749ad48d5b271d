"""The app under test: Django management commands and a real gunicorn, and one HTTP request to it."""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.common import free_port
from scripts.faults.common import API, ROOT, VENV_BIN, run_checked
from scripts.faults.postgres import Postgres


class App:
    """Factbase as deployed: manage.py commands and a gunicorn master on 127.0.0.1, DJANGO_DEBUG=0."""

    def __init__(self, work: Path, pg: Postgres, extra_env: dict[str, str]) -> None:
        self.work = work
        self.pg = pg
        self.env = {
            **os.environ,
            "DATABASE_URL": pg.url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "0",
            "DJANGO_STATIC_ROOT": str(work / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            **extra_env,
        }
        (work / "static").mkdir(exist_ok=True)
        self.master: subprocess.Popen | None = None
        self.port = 0
        self.errorlog = work / "gunicorn.log"

    def manage(self, *args: str, database_url: str | None = None, timeout: float = 300) -> str:
        env = dict(self.env)
        if database_url:
            env["DATABASE_URL"] = database_url
        return run_checked(
            [sys.executable, "manage.py", *args], f"manage.py {' '.join(args)}", timeout=timeout, cwd=ROOT, env=env
        )

    def start(self, workers: int, worker_class: str, threads: int) -> None:
        self.port = free_port()
        self.workers = workers
        command = [
            str(VENV_BIN / "gunicorn"),
            "factbase.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--worker-class", worker_class,
            "--threads", str(threads),
            "--timeout", "30",
            "--graceful-timeout", "30",
            "--error-logfile", str(self.errorlog),
            "--capture-output",
        ]  # fmt: skip
        self.master = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.master.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.master.returncode}; see {self.errorlog}")
            with contextlib.suppress(OSError):
                status, _, _ = request("127.0.0.1", self.port, "GET", f"{API}/", timeout=5)
                if status == 200 and len(self.worker_pids()) == workers:
                    return
            time.sleep(0.25)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def worker_pids(self) -> set[int]:
        import psutil

        assert self.master is not None
        try:
            return {child.pid for child in psutil.Process(self.master.pid).children() if child.is_running()}
        except psutil.NoSuchProcess:
            return set()

    def stop(self) -> None:
        if self.master is None or self.master.poll() is not None:
            return
        self.master.send_signal(signal.SIGTERM)
        try:
            self.master.wait(40)
        except subprocess.TimeoutExpired:
            os.killpg(self.master.pid, signal.SIGKILL)
            self.master.wait(10)


def request(
    host: str, port: int, method: str, path: str, *, body: bytes | None = None, token: str | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    """One request on its own connection (`Connection: close`): status, headers (lower-case names), body."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        headers = {"Connection": "close", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Token {token}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        connection.close()
