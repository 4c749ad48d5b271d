"""Over HTTP: gunicorn on 127.0.0.1 with gunicorn.conf.py, wrk at 1, 8 and 32 connections for a bounded time.

The claims list is measured against its SQL floor and the hello-world view on the same server;
with --choose-workers, the claims list with 2, 3, 4 and 6 sync workers too.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from bench.common import HOST, free_port
from bench.workloads import API, floor_request

ROOT = Path(__file__).resolve().parent.parent


def start_gunicorn(port: int, workers: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    if workers is not None:
        env["WEB_CONCURRENCY"] = str(workers)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "factbase.wsgi",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    # Listening is not serving: the workers import Django (and more) first. Answered is ready.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/bench/hello/", timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(process)
    raise RuntimeError("gunicorn did not start")


def stop_gunicorn(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _ms(text: str) -> float:
    # wrk writes every latency as a number and its unit (850.00us, 1.20ms, 2.05s).
    match = cast(re.Match[str], re.match(r"([\d.]+)(us|ms|s)", text))
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


ROTATE = """
paths = {%s}
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def wrk(url: str, connections: int, seconds: int, paths: list[str] | None = None) -> dict[str, Any]:
    """wrk against `url`; with `paths`, each request takes the next of them in turn (on the url's server)."""
    threads = min(2, connections)
    script: list[str] = []
    if paths:
        lua = Path(tempfile.mkstemp(suffix=".lua", prefix="bench-wrk-")[1])
        lua.write_text(ROTATE % ", ".join(json.dumps(path) for path in paths))
        script = ["-s", str(lua)]
    try:
        output = _run_wrk([f"-t{threads}", f"-c{connections}", f"-d{seconds}s", *script, url], seconds)
    finally:
        if script:
            Path(script[1]).unlink()
    return _parse_wrk(output, connections)


def _run_wrk(arguments: list[str], seconds: int) -> str:
    return subprocess.run(
        ["wrk", "--latency", "--timeout", "10s", *arguments],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout


def _parse_wrk(output: str, connections: int) -> dict[str, Any]:
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE))
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    # wrk, having exited 0 (check=True), always writes both lines.
    per_second = cast(re.Match[str], re.search(r"Requests/sec:\s+([\d.]+)", output))
    requests = cast(re.Match[str], re.search(r"(\d+) requests in", output))
    return {
        "connections": connections,
        "requests_per_second": round(float(per_second.group(1)), 1),
        "requests": int(requests.group(1)),
        "p50_ms": round(_ms(latency["50"]), 2),
        "p90_ms": round(_ms(latency["90"]), 2),
        "p99_ms": round(_ms(latency["99"]), 2),
        "errors": errors,
    }


def _worker_trials(path: str, seconds: int, log: Callable[[str], None]) -> dict[str, float]:
    """Which number of sync workers serves `path` best at 8 connections: requests/s for each."""
    trials = {}
    for workers in (2, 3, 4, 6):
        port = free_port()
        process = start_gunicorn(port, workers)
        try:
            wrk(f"http://{HOST}:{port}{path}", 8, 2)
            trials[workers] = wrk(f"http://{HOST}:{port}{path}", 8, seconds)
        finally:
            stop_gunicorn(process)
        log(f"  {workers} workers: {trials[workers]['requests_per_second']} requests/s at 8 connections")
    return {str(k): v["requests_per_second"] for k, v in trials.items()}


def _each_connection_count(name: str, url: str, seconds: int, log: Callable[[str], None], paths: Any = None) -> list:
    wrk(url, 8, 2, paths)  # warm every worker
    measured_all = []
    for connections in (1, 8, 32):
        measured = wrk(url, connections, seconds, paths)
        measured_all.append(measured)
        log(
            f"  {name:<26} {connections:>2} connections: {measured['requests_per_second']:>7} req/s, "
            f"p50 {measured['p50_ms']} ms, p99 {measured['p99_ms']} ms, {measured['errors']} errors"
        )
    return measured_all


def run_peer(port: int, peer: dict[str, Any], seconds: int, log: Callable[[str], None]) -> dict[str, Any]:
    """The compared requests on Factbase (the gunicorn at `port`) and on Datasette, one after the other."""
    from bench.peer import start_datasette, stop_datasette

    result: dict[str, Any] = {"factbase": {}, "datasette": {}}
    for name, paths in peer["paths"]["factbase"].items():
        result["factbase"][name] = _each_connection_count(
            f"factbase {name}", f"http://{HOST}:{port}/", seconds, log, paths
        )
    datasette_port = free_port()
    process = start_datasette(peer["copy"], datasette_port)
    try:
        for name, paths in peer["paths"]["datasette"].items():
            url = f"http://{HOST}:{datasette_port}/"
            result["datasette"][name] = _each_connection_count(f"datasette {name}", url, seconds, log, paths)
    finally:
        stop_datasette(process)
    return result


def run_http(
    seconds: int, log: Callable[[str], None], choose_workers: bool, peer: dict[str, Any] | None = None
) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        log("  wrk is not installed (apt-get install wrk): skipping the HTTP runs.")
        return {}
    targets = {
        "claims_list": f"{API}claims/?page_size=20",
        # The same 20 claims from one SQL statement in a plain Django view (bench/floors.py).
        "claims_floor": floor_request("claims_after", before=2**62, limit=20).path,
        "hello": "/bench/hello/",
    }
    result: dict[str, Any] = {"duration_seconds": seconds}
    if choose_workers:
        result["worker_trials"] = _worker_trials(targets["claims_list"], seconds, log)
    port = free_port()
    process = start_gunicorn(port)
    try:
        for name, path in targets.items():
            result[name] = _each_connection_count(name, f"http://{HOST}:{port}{path}", seconds, log)
        if peer is not None:
            result["peer"] = run_peer(port, peer, seconds, log)
    finally:
        stop_gunicorn(process)
    return result
