"""The cluster's pieces: primary and streaming replica, app servers, the load balancer, workers."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.common import free_port
from scripts.faults.common import ROOT, log, run_checked
from scripts.faults.postgres import Postgres
from scripts.faults.server import App

# Short health and read-your-writes windows, so the phases see them act within seconds.
APP_ENV = {
    "DATABASE_REPLICA_MAX_LAG_SECONDS": "3",
    "DATABASE_REPLICA_CHECK_SECONDS": "1",
    "FACTBASE_READ_YOUR_WRITES_SECONDS": "6",
    "FACTBASE_JOBS_HEARTBEAT_SECONDS": "1",
    "FACTBASE_JOBS_STALLED_SECONDS": "3",
    "FACTBASE_THROTTLE_ANON": "1000000/min",
    "FACTBASE_THROTTLE_USER": "1000000/min",
    "FACTBASE_NUM_PROXIES": "1",
    "DJANGO_LOG_LEVEL": "WARNING",
}
NGINX_CONF = """
user root;
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    upstream factbase {{
        server 127.0.0.1:{first} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{second} max_fails=1 fail_timeout=5s;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 6m;
        location / {{
            proxy_pass http://factbase;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            # A server that refuses the connection is skipped: the request goes to the other.
            proxy_next_upstream error timeout http_502;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


class Replica(Postgres):
    """A hot standby made from the primary by pg_basebackup -R: it streams and replays the primary's WAL."""

    def init_from(self, primary: Postgres) -> None:
        self.stop("immediate", missing_ok=True)
        for folder in (self.data, self.sockets, self.logfile.parent):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            if self.user:
                shutil.chown(folder, self.user, self.user)
        self.data.chmod(0o700)
        self._run("pg_basebackup", "-h", str(primary.sockets), "-U", "postgres", "-D", str(self.data), "-R",
                  "-X", "stream", "--checkpoint=fast", as_server=True, timeout=300)  # fmt: skip

    def query(self, sql: str) -> object:
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0]
        finally:
            connection.close()


class Worker:
    """`manage.py procrastinate worker`, its output in a log file."""

    def __init__(self, name: str, env: dict[str, str], log_path: Path) -> None:
        self.name = name
        self.log_path = log_path
        command = [sys.executable, "manage.py", "procrastinate", "worker", "--name", name]
        with log_path.open("wb") as output:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip

    def signal(self, signum: int) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signum)

    def stop(self) -> None:
        self.signal(signal.SIGCONT)
        self.signal(signal.SIGTERM)
        try:
            self.process.wait(40)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.process.wait(10)

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


class Cluster:
    """Everything the checks run against; `stop` leaves nothing running."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.primary = Postgres(work / "primary")
        self.replica = Replica(work / "replica")
        self.env = {**APP_ENV, "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DATABASE_REPLICA_URLS": ""}
        self.apps: list[App] = []
        self.workers: dict[str, Worker] = {}
        self.nginx: subprocess.Popen | None = None
        self.port = 0

    def start_databases(self) -> None:
        log("primary: initdb, start, migrate")
        self.primary.init()
        self.primary.start()
        connection = self.primary.connect("postgres")
        connection.cursor().execute("CREATE DATABASE factbase")
        connection.close()
        App(self.work, self.primary, self.env).manage("migrate", "--noinput", timeout=600)
        log("replica: pg_basebackup -R from the primary, start")
        self.replica.init_from(self.primary)
        self.replica.start()
        self.env["DATABASE_REPLICA_URLS"] = self.replica.url

    def start_apps(self) -> None:
        for number in (1, 2):
            folder = self.work / f"app{number}"
            folder.mkdir(exist_ok=True)
            app = App(folder, self.primary, self.env)
            app.start(2, "sync", 1)
            self.apps.append(app)
        self.port = free_port()
        (self.work / "nginx-body").mkdir(exist_ok=True)
        (self.work / "nginx-proxy").mkdir(exist_ok=True)
        conf = self.work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(work=self.work, first=self.apps[0].port, second=self.apps[1].port,
                                          port=self.port))  # fmt: skip
        self.nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(self.work)], stdin=subprocess.DEVNULL)
        log(f"app servers on {self.apps[0].port} and {self.apps[1].port}, nginx on {self.port}")
        time.sleep(1)

    def start_worker(self, name: str) -> Worker:
        env = {**os.environ, **self.env, "DATABASE_URL": self.primary.url, "PROCRASTINATE_WORKER_DELETE_JOBS": "never"}
        worker = Worker(name, env, self.work / f"worker-{name}.log")
        self.workers[name] = worker
        return worker

    def manage(self, *args: str) -> str:
        return App(self.work, self.primary, self.env).manage(*args)

    def stop(self) -> None:
        for worker in self.workers.values():
            worker.stop()
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(10)
        for app in self.apps:
            app.stop()
        for server in (self.replica, self.primary):
            try:
                server.stop("fast", missing_ok=True)
            except RuntimeError as error:
                log(f"stopping {server.data}: {error}")


def ensure_nginx() -> None:
    """nginx from Debian, installed if missing (the load balancer)."""
    if shutil.which("nginx"):
        return
    log("installing nginx (apt-get)")
    run_checked(["apt-get", "update"], "apt-get update", timeout=600)
    run_checked(["apt-get", "install", "-y", "nginx"], "apt-get install nginx", timeout=600,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})  # fmt: skip
