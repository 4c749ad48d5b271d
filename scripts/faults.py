"""Fault and load checks: Factbase's guarantees 6 (faults survived) and 7 (load held).

    python scripts/faults.py            # the full run (about 20 minutes, 10 of them the soak)
    python scripts/faults.py --quick    # the same checks, shortened (about 3 minutes)
    python scripts/faults.py --tune sync:3,sync:5,gthread:3x4   # capacity of each gunicorn setup
    python scripts/faults.py --quick --compare sync:3,gthread:2x4   # same rates, interleaved

`make faults` and `make faults-quick` run it. It needs nothing but the project's virtual
environment: it starts its OWN Postgres (initdb with the binaries of the pgserver wheel, data in
.local/faults/pgdata, recreated every run, so the dev database is never touched and can be
stopped with `pg_ctl -m immediate`), migrates it, loads the seed, creates an editor and a token,
and serves Factbase with real gunicorn on 127.0.0.1 (a free port, DJANGO_DEBUG=0).

The load generator is this script itself: Python threads with http.client, open loop (request i
is due at start + i/rate, whether or not earlier ones have answered), and latency counted from
the moment a request was due, so a slow server cannot hide its queueing from the numbers
(no "coordinated omission"). Every request sends `Connection: close`, as nginx does towards its
upstream by default. 90 % of requests are reads of realistic endpoints (claim lists, full-text
search of claims and articles, article detail with all its facts, measure comparison, a person's
claims); 10 % are writes: POST /articles/ with a unique body and POST /claims/ by quote on those
articles. Every write answered 2xx goes into a ledger (id and content), and after each fault the
database is queried directly: every acknowledged write must be there, unchanged.

Scenarios, each a PASS/FAIL row with its numbers:

  capacity  step the request rate up until p95 latency exceeds the target or any request fails;
            C is the highest rate held (confirmed by a longer second run)
  soak      0.7·C for --soak-seconds: no 5xx, no failed request, p95 under target, ledger intact
  overload  2·C: only 2xx, 429 or 503 answers, then at 0.5·C back under the target within 30 s
  kill -9   a gunicorn worker serving a request killed, three times, under load: only the killed
            workers' in-flight requests fail, they are replaced, ledger intact
  pg crash  `pg_ctl -m immediate stop` under load, restart after a few seconds: only 503 (with
            Retry-After) while down, 2xx again within 10 s without touching gunicorn, ledger intact;
            the admin (with a session) and the schema answer no 500 meanwhile
  HUP       gunicorn master reloaded under load: zero failed requests, every worker replaced
  backup    pg_dump -Fc under load from an exported snapshot, pg_restore into a fresh database:
            identical schema objects, row counts and content checksums, sequences past every id; every write
            acknowledged before the snapshot is in the copy; verify_passages passes on it

Every loop is bounded in count and time; load goes to 127.0.0.1 only; `--max-minutes` stops
everything. Results: a table on stdout, .local/faults/results.{json,md}, and with
`--record FILE` the table replaces the block between the result markers in FILE.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import http.client
import json
import math
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
API = "/api/v1"
RESULTS_START = "<!-- faults:results:start -->"
RESULTS_END = "<!-- faults:results:end -->"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Deadline(Exception):
    """Raised in the main thread when --max-minutes is up."""


# --------------------------------------------------------------------------------------------
# Postgres: a throwaway cluster of the pgserver wheel's binaries, run as the `pgserver` user
# when we are root (Postgres refuses to run as root).


class Postgres:
    def __init__(self, work: Path) -> None:
        import pgserver._commands  # a dev dependency; the import only locates the binaries

        self.bin = Path(pgserver._commands.POSTGRES_BIN_PATH)
        self.data = work / "pgdata"
        self.sockets = work / "pgsock"
        self.logfile = work / "pglog" / "postgres.log"
        self.user = "pgserver" if os.geteuid() == 0 else None
        self.dbname = "factbase"

    def _run(self, program: str, *args: str, as_server: bool = False, timeout: float = 120) -> str:
        completed = subprocess.run(
            [str(self.bin / program), *args],
            user=self.user if as_server else None,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(args)} failed:\n{completed.stdout}{completed.stderr}")
        return completed.stdout

    def init(self) -> None:
        self.stop("immediate", missing_ok=True)
        if self.user:
            import pgserver.utils

            pgserver.utils.ensure_user_exists(self.user)  # a fresh machine has no such user yet
        for folder in (self.data, self.sockets, self.logfile.parent):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            if self.user:
                shutil.chown(folder, self.user, self.user)
        if self.user:
            # The server user must be able to reach its folders and run the binaries.
            pgserver.utils.ensure_prefix_permissions(self.data)
            pgserver.utils.ensure_prefix_permissions(self.bin)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", as_server=True)

    def start(self) -> None:
        options = f"-h '' -k {self.sockets}"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-o", options, "-w", "-t", "60", "start",
                  as_server=True, timeout=90)  # fmt: skip

    def stop(self, mode: str, *, missing_ok: bool = False) -> None:
        if missing_ok and not (self.data / "postmaster.pid").exists():
            return
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", as_server=True, timeout=90)

    @property
    def url(self) -> str:
        return self.url_for(self.dbname)

    def url_for(self, dbname: str) -> str:
        return f"postgres://postgres@{quote(str(self.sockets), safe='')}/{dbname}"

    def connect(self, dbname: str | None = None) -> Any:
        import psycopg2

        connection = psycopg2.connect(
            dbname=dbname or self.dbname, user="postgres", host=str(self.sockets), connect_timeout=10
        )
        connection.autocommit = True
        return connection

    def tool(self, program: str, *args: str, timeout: float = 300) -> str:
        """Run a client tool (psql, pg_dump, pg_restore) against this server's socket."""
        return self._run(program, "-h", str(self.sockets), "-U", "postgres", *args, timeout=timeout)


# --------------------------------------------------------------------------------------------
# The app: Django management commands and a real gunicorn.


class App:
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
        completed = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stdout}{completed.stderr}")
        return completed.stdout

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(
    host: str, port: int, method: str, path: str, *, body: bytes | None = None, token: str | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
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


def _below_500(status: int | str) -> bool:
    return isinstance(status, int) and status < 500


def page_status(port: int, path: str, cookie: str = "") -> int | str:
    """The status of one GET (with an optional Cookie header), or the error's name."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Connection": "close", **({"Cookie": cookie} if cookie else {})})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


# --------------------------------------------------------------------------------------------
# The ledger of acknowledged writes, and its check against the database.


@dataclass
class Ledger:
    articles: dict[int, tuple[str, float]] = field(default_factory=dict)  # id → (sha256 of body, acked at)
    claims: dict[int, tuple[int, str, int, int, float]] = field(default_factory=dict)  # id → article, exact, span
    awaiting_claim: list[tuple[int, str]] = field(default_factory=list)  # (article id, quote) without a claim yet
    counter: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_number(self) -> int:
        """A number for the next article, unique in this run: every article body is new."""
        with self.lock:
            self.counter += 1
            return self.counter

    def add_article(self, article_id: int, sha: str, quote_text: str | None, at: float) -> None:
        with self.lock:
            self.articles[article_id] = (sha, at)
            if quote_text:
                self.awaiting_claim.append((article_id, quote_text))

    def add_claim(self, claim_id: int, article_id: int, exact: str, start: int, end: int, at: float) -> None:
        with self.lock:
            self.claims[claim_id] = (article_id, exact, start, end, at)

    def take_article_for_claim(self) -> tuple[int, str] | None:
        with self.lock:
            return self.awaiting_claim.pop() if self.awaiting_claim else None

    def random_article(self, rng: random.Random) -> int | None:
        with self.lock:
            if not self.articles:
                return None
            # Recent articles are read most, as in a newsroom; dict order is insertion order.
            ids = list(self.articles)[-200:]
        return rng.choice(ids)

    def size(self) -> tuple[int, int]:
        with self.lock:
            return len(self.articles), len(self.claims)


def check_ledger(
    articles: dict[int, tuple[str, float]],
    claims: dict[int, tuple[int, str, int, int, float]],
    stored_articles: dict[int, tuple[str, str]],
    stored_claims: dict[int, tuple[int, str, int, int]],
) -> list[str]:
    """Compare acknowledged writes with what the database holds; return the problems found.

    stored_articles maps id → (stored sha256 column, sha256 recomputed from the stored body);
    stored_claims maps id → (article id, exact, start, end).
    """
    problems = []
    for article_id, (sha, _) in sorted(articles.items()):
        stored = stored_articles.get(article_id)
        if stored is None:
            problems.append(f"article {article_id} acknowledged but missing")
        elif stored != (sha, sha):
            problems.append(f"article {article_id} differs: sent sha256 {sha[:12]}, stored {stored}")
    for claim_id, (article_id, exact, start, end, _) in sorted(claims.items()):
        stored_claim = stored_claims.get(claim_id)
        if stored_claim is None:
            problems.append(f"claim {claim_id} acknowledged but missing")
        elif stored_claim != (article_id, exact, start, end):
            problems.append(f"claim {claim_id} differs: acknowledged {(article_id, exact, start, end)}, "
                            f"stored {stored_claim}")  # fmt: skip
    return problems


def verify_ledger(
    pg: Postgres, ledger: Ledger, *, dbname: str | None = None, acked_before: float | None = None
) -> list[str]:
    with ledger.lock:
        articles = {k: v for k, v in ledger.articles.items() if acked_before is None or v[1] < acked_before}
        claims = {k: v for k, v in ledger.claims.items() if acked_before is None or v[4] < acked_before}
    connection = pg.connect(dbname)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, sha256, encode(sha256(convert_to(body, 'UTF8')), 'hex') FROM facts_article "
                "WHERE id = ANY(%s)",
                [list(articles)],
            )
            stored_articles = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
            cursor.execute(
                'SELECT id, article_id, exact, start, "end" FROM facts_claim WHERE id = ANY(%s)', [list(claims)]
            )
            stored_claims = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
    finally:
        connection.close()
    return check_ledger(articles, claims, stored_articles, stored_claims)


# --------------------------------------------------------------------------------------------
# The load generator.


@dataclass
class Sample:
    kind: str
    due: float  # when the request was due (monotonic seconds)
    start: float
    end: float
    status: int  # 0: no HTTP answer (connection error or timeout)
    error: str = ""
    retry_after: bool = False

    @property
    def latency(self) -> float:
        """From when the request was due, so client-side queueing counts."""
        return self.end - self.due

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


SEARCH_CLAIMS = ["refugees", "China", '"blind eye"', "border", "overwhelmed", "Thailand -China", "missionary"]
SEARCH_ARTICLES = ["refugees", "Thailand", "missionary", '"North Koreans"', "officials"]
READS = [  # (weight, kind)
    (20, "claims-list"),
    (20, "claims-search"),
    (10, "articles-search"),
    (25, "article-detail"),
    (15, "measure-comparison"),
    (10, "person-claims"),
]


class Workload:
    """What to request: reads of realistic endpoints and ledgered writes."""

    def __init__(self, port: int, token: str, seed: dict[str, list[int]], run_id: str, ledger: Ledger) -> None:
        self.port = port
        self.token = token
        self.seed = seed
        self.run_id = run_id
        self.ledger = ledger
        self.kinds = [kind for _, kind in READS]
        self.weights = [weight for weight, _ in READS]

    def read(self, rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind == "claims-list":
            return kind, f"{API}/claims/?page_size=20"
        if kind == "claims-search":
            return kind, f"{API}/claims/?q={quote(rng.choice(SEARCH_CLAIMS))}&page_size=20"
        if kind == "articles-search":
            return kind, f"{API}/articles/?q={quote(rng.choice(SEARCH_ARTICLES))}&page_size=20"
        if kind == "article-detail":
            written = self.ledger.random_article(rng) if rng.random() < 0.5 else None
            return kind, f"{API}/articles/{written or rng.choice(self.seed['articles'])}/"
        if kind == "measure-comparison":
            return kind, f"{API}/measures/{rng.choice(self.seed['measures'])}/comparison/"
        return kind, f"{API}/people/{rng.choice(self.seed['people'])}/claims/?page_size=20"

    def one(self, rng: random.Random, write_fraction: float, due: float, timeout: float) -> Sample:
        if rng.random() < write_fraction:
            pending = self.ledger.take_article_for_claim() if rng.random() < 0.5 else None
            if pending:
                return self.write_claim(*pending, due=due, timeout=timeout)
            return self.write_article(due=due, timeout=timeout)
        kind, path = self.read(rng)
        return self.send(kind, "GET", path, None, due, timeout)[0]

    def send(self, kind: str, method: str, path: str, payload: Any, due: float, timeout: float) -> tuple[Sample, Any]:
        body = json.dumps(payload).encode() if payload is not None else None
        start = time.monotonic()
        try:
            status, headers, data = request(
                "127.0.0.1", self.port, method, path, body=body, token=self.token if body else None, timeout=timeout
            )
        except (OSError, http.client.HTTPException) as error:
            return Sample(kind, due, start, time.monotonic(), 0, type(error).__name__), None
        end = time.monotonic()
        document = None
        if 200 <= status < 300 and body is not None:
            document = json.loads(data)
        return Sample(kind, due, start, end, status, "", "retry-after" in headers), document

    def write_article(self, *, due: float, timeout: float) -> Sample:
        n = self.ledger.next_number()
        quote_text = f"We are overwhelmed ({self.run_id}-{n}),"
        text = (
            f"Officials said about {1000 + n % 9000} people crossed the border in week {n} of run {self.run_id}. "
            f'"{quote_text}" said Ana Ruiz, a volunteer at the border. '
            "More than 100 volunteers, and perhaps as many as 300, help at the crossing."
        )
        payload = {"body": text, "title": f"Crossings, week {n}", "publisher": "Faults Wire"}
        sample, document = self.send("write-article", "POST", f"{API}/articles/", payload, due, timeout)
        if document is not None:
            sha = hashlib.sha256(text.encode()).hexdigest()
            if document.get("body") == text:
                # 200 is "already stored" (it cannot happen here: every body is new); claim only on 201.
                created = sample.status == 201
                self.ledger.add_article(int(document["id"]), sha, quote_text if created else None, sample.end)
            else:
                sample.status, sample.error = 0, "acknowledged with a different body"
        return sample

    def write_claim(self, article_id: int, quote_text: str, *, due: float, timeout: float) -> Sample:
        payload = {
            "article": article_id,
            "exact": quote_text,
            "kind": "direct_quote",
            "speaker_group": "Ana Ruiz",
            "attribution_exact": "said Ana Ruiz",
        }
        sample, document = self.send("write-claim", "POST", f"{API}/claims/", payload, due, timeout)
        if document is not None:
            passage = document.get("passage") or {}
            if passage.get("exact") == quote_text:
                self.ledger.add_claim(
                    int(document["id"]), article_id, quote_text, int(passage["start"]), int(passage["end"]), sample.end
                )
            else:
                sample.status, sample.error = 0, "acknowledged with a different passage"
        return sample


@dataclass
class Phase:
    name: str
    rate: float
    seconds: float
    t0: float
    samples: list[Sample]
    due_total: int
    events: dict[str, float] = field(default_factory=dict)  # name → monotonic time
    client_cpu: float = 0.0
    our_cores: float = 0.0  # CPU used by this test (client, gunicorn, Postgres), in cores
    other_cores: float = 0.0  # CPU used by every other process on the machine meanwhile

    @property
    def sent(self) -> int:
        return len(self.samples)

    @property
    def not_sent(self) -> int:
        """Requests that were due but never sent: the client's threads were all waiting on answers."""
        return self.due_total - self.sent

    def statuses(self) -> Counter:
        return Counter(s.status if s.status else (s.error or "no answer") for s in self.samples)

    def failures(self) -> list[Sample]:
        return [s for s in self.samples if not s.ok]

    def p(self, quantile: float, samples: list[Sample] | None = None) -> float:
        return percentile([s.latency for s in (self.samples if samples is None else samples)], quantile)

    def achieved_rate(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0


def percentile(values: list[float], quantile: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(quantile * len(ordered)) - 1))  # nearest rank
    return ordered[index]


def run_load(
    workload: Workload,
    *,
    name: str,
    rate: float,
    seconds: float,
    write_fraction: float,
    threads: int,
    timeout: float,
    events: list[tuple[float, str, Any]] | None = None,
) -> Phase:
    """Send `rate` requests a second for `seconds`, open loop, from `threads` threads.

    `events` are (at second, name, callable) run by this thread while the load goes on; the
    time each one finished is recorded. Every wait here is bounded by the phase's length plus
    the request timeout.
    """
    t0 = time.monotonic() + 0.2
    t_end = t0 + seconds
    due_total = int(rate * seconds)
    slot = [0]
    slot_lock = threading.Lock()
    samples: list[Sample] = []
    samples_lock = threading.Lock()
    cpu0 = time.process_time()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        while True:
            with slot_lock:
                i = slot[0]
                slot[0] += 1
            if i >= due_total:
                return
            due = t0 + i / rate
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            elif now >= t_end:
                return  # behind schedule at the end: the rest is counted as not sent
            sample = workload.one(rng, write_fraction, due, timeout)
            with samples_lock:
                samples.append(sample)

    pool = [threading.Thread(target=worker, args=(random.getrandbits(32),), daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    phase = Phase(name, rate, seconds, t0, samples, due_total)
    for at, event_name, action in sorted(events or [], key=lambda e: e[0]):
        delay = t0 + at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        phase.events[event_name + ":start"] = time.monotonic()
        action()
        phase.events[event_name] = time.monotonic()
    for thread in pool:
        thread.join(max(0.0, t_end - time.monotonic()) + timeout + 5)
    phase.client_cpu = time.process_time() - cpu0
    with samples_lock:
        phase.samples = sorted(samples, key=lambda s: s.due)
    return phase


def recovery_time(phase: Phase, since: float, target: float, window: float = 5.0) -> float | None:
    """Seconds from `since` to the start of the first `window`-second stretch of `phase` whose
    requests all succeeded with p95 under `target`, if everything after it also succeeded with
    p95 under `target`; None if there is no such stretch."""
    for second in range(int(phase.seconds - window) + 1):
        start = phase.t0 + second
        first = [s for s in phase.samples if start <= s.due < start + window]
        rest = [s for s in phase.samples if s.due >= start]
        if first and all(s.ok for s in rest) and phase.p(0.95, first) <= target and phase.p(0.95, rest) <= target:
            return max(0.0, start - since)
    return None


def describe(phase: Phase) -> str:
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(phase.statuses().items(), key=lambda kv: str(kv[0])))
    return (
        f"{phase.name}: {phase.rate:.0f}/s × {phase.seconds:.0f}s, sent {phase.sent} (not sent {phase.not_sent}), "
        f"p50 {phase.p(0.5) * 1000:.0f} ms, p95 {phase.p(0.95) * 1000:.0f} ms, p99 {phase.p(0.99) * 1000:.0f} ms; "
        f"{statuses}"
    )


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


# --------------------------------------------------------------------------------------------
# Checksums of a whole database, for the backup check.

CHECKSUM_SQL = """
SELECT n.nspname, c.relname,
       coalesce((SELECT array_agg(a.attname ORDER BY k.ord)
                 FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k(attnum, ord), pg_attribute a
                 WHERE i.indrelid = c.oid AND i.indisprimary AND a.attrelid = c.oid AND a.attnum = k.attnum),
                '{}')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'
ORDER BY 1, 2
"""

SEQUENCES_SQL = """
SELECT s.oid::regclass::text, t.oid::regclass::text, a.attname, q.last_value
FROM pg_class s
JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
JOIN pg_class t ON t.oid = d.refobjid
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
JOIN pg_sequences q ON q.schemaname = s.relnamespace::regnamespace::text AND q.sequencename = s.relname
WHERE s.relkind = 'S'
ORDER BY 1
"""

SCHEMA_OBJECTS_SQL = """
SELECT 'constraint ' || conrelid::regclass || '.' || conname FROM pg_constraint
  WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
UNION ALL SELECT 'trigger ' || tgrelid::regclass || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal
UNION ALL SELECT 'index ' || schemaname || '.' || indexname FROM pg_indexes
  WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'function ' || p.oid::regprocedure FROM pg_proc p
  WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
ORDER BY 1
"""


def database_fingerprint(cursor: Any) -> dict[str, Any]:
    """Row count and md5 of every table's rows in primary-key order, sequences, schema objects."""
    cursor.execute(CHECKSUM_SQL)
    tables = {}
    for schema, table, pk in cursor.fetchall():
        name = f'"{schema}"."{table}"'
        order = ", ".join(f't."{column}"' for column in pk) if pk else "t::text"
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY {order})), '') FROM {name} t"
        )
        count, digest = cursor.fetchone()
        tables[f"{schema}.{table}"] = [count, digest]
    # Sequences are not transactional: their value is not part of the snapshot and may move
    # on while the dump runs. What matters is that a restored one never hands out a used id.
    cursor.execute(SEQUENCES_SQL)
    sequences = {}
    for sequence, table, column, last_value in cursor.fetchall():
        cursor.execute(f'SELECT max("{column}") FROM {table}')
        highest = cursor.fetchone()[0]
        sequences[sequence] = highest is None or (last_value is not None and last_value >= highest)
    cursor.execute(SCHEMA_OBJECTS_SQL)
    objects = [row[0] for row in cursor.fetchall()]
    return {"tables": tables, "sequences": sequences, "objects": objects}


def compare_fingerprints(original: dict[str, Any], copy: dict[str, Any]) -> list[str]:
    problems = []
    for table in sorted(set(original["tables"]) | set(copy["tables"])):
        a, b = original["tables"].get(table), copy["tables"].get(table)
        if a != b:
            problems.append(f"table {table}: original {a}, restored {b}")
    behind = sorted(name for name, ahead in copy["sequences"].items() if not ahead)
    if behind:
        problems.append(f"restored sequences behind their tables' highest id: {behind}")
    if set(original["sequences"]) != set(copy["sequences"]):
        problems.append("the restored database has different sequences")
    missing = sorted(set(original["objects"]) ^ set(copy["objects"]))
    if missing:
        problems.append(f"schema objects differ: {missing[:10]}")
    return problems


# --------------------------------------------------------------------------------------------
# The scenarios.


@dataclass
class Row:
    scenario: str
    passed: bool
    numbers: str
    details: list[str] = field(default_factory=list)


@dataclass
class Settings:
    quick: bool
    p95_target: float
    threads: int
    timeout: float
    step_seconds: float
    confirm_seconds: float
    soak_seconds: float
    overload_seconds: float
    recovery_seconds: float
    recovery_limit: float
    fault_write_fraction: float
    outage_seconds: float
    pg_recovery_limit: float
    start_rate: float
    max_rate: float


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = ROOT / ".local" / "faults"
        self.work.mkdir(parents=True, exist_ok=True)
        self.pg = Postgres(self.work)
        extra_env = dict(item.split("=", 1) for item in args.env)
        self.app = App(self.work, self.pg, extra_env)
        self.ledger = Ledger()
        self.rows: list[Row] = []
        self.phases: list[dict[str, Any]] = []
        self.other_cores_at_start = float("nan")
        # The code under test is the code at the start (a commit made meanwhile is not).
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                capture_output=True, text=True)  # fmt: skip
        self.commit = (head.stdout.strip(), bool(status.stdout.strip()))
        quick = args.quick
        self.s = Settings(
            quick=quick,
            p95_target=args.p95_ms / 1000,
            threads=args.client_threads,
            timeout=30.0,
            step_seconds=8 if quick else 20,
            confirm_seconds=12 if quick else 60,
            soak_seconds=args.soak_seconds if args.soak_seconds is not None else (30 if quick else 600),
            overload_seconds=15 if quick else 45,
            recovery_seconds=35 if quick else 45,
            recovery_limit=30.0,
            fault_write_fraction=0.3,
            outage_seconds=4 if quick else 6,
            pg_recovery_limit=10.0,
            start_rate=args.start_rate,
            max_rate=args.max_rate,
        )

    # Set-up ------------------------------------------------------------------------------

    def setup(self) -> None:
        log(f"Postgres: initdb in {self.pg.data}")
        self.pg.init()
        self.pg.start()
        connection = self.pg.connect("postgres")
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.pg.dbname}"')
            cursor.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('fsync', 'synchronous_commit', 'full_page_writes', 'server_version', 'max_connections')"
            )
            self.pg_settings = dict(cursor.fetchall())
        connection.close()
        log(f"Postgres settings: {self.pg_settings}")
        self.app.manage("migrate", "--noinput")
        self.app.manage("load_seed")
        output = self.app.manage("create_editor", "loadtest", "--no-password")
        self.token = next(
            line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith("API token:")
        )
        self.run_id = uuid.uuid4().hex[:8]

    def start_gunicorn(self, workers: int, worker_class: str, threads: int) -> None:
        log(f"gunicorn: {workers} {worker_class} workers × {threads} threads")
        self.app.start(workers, worker_class, threads)
        self.seed = self.discover_seed()
        self.workload = Workload(self.app.port, self.token, self.seed, self.run_id, self.ledger)

    def discover_seed(self) -> dict[str, list[int]]:
        seed = {}
        for key, path in (("articles", "articles"), ("measures", "measures"), ("people", "people")):
            status, _, data = request("127.0.0.1", self.app.port, "GET", f"{API}/{path}/?page_size=100")
            assert status == 200, (path, status)
            seed[key] = [item["id"] for item in json.loads(data)["results"]]
            assert seed[key], f"the seed has no {key}"
        return seed

    def our_processes(self) -> list[int]:
        """This script (the load generator and gunicorn under it) and the Postgres postmaster."""
        roots = [os.getpid()]
        with contextlib.suppress(OSError, ValueError, IndexError):
            roots.append(int((self.pg.data / "postmaster.pid").read_text().split()[0]))
        return roots

    def load(self, name: str, rate: float, seconds: float, *, write_fraction: float = 0.1, events: Any = None) -> Phase:
        roots = self.our_processes()
        busy0, ours0, wall0 = machine_busy_seconds(), tree_cpu_seconds(roots), time.monotonic()
        phase = run_load(
            self.workload,
            name=name,
            rate=max(1.0, rate),
            seconds=seconds,
            write_fraction=write_fraction,
            threads=self.s.threads,
            timeout=self.s.timeout,
            events=events,
        )
        wall = time.monotonic() - wall0
        if self.our_processes() == roots:
            ours = tree_cpu_seconds(roots) - ours0
            phase.other_cores = max(0.0, (machine_busy_seconds() - busy0 - ours) / wall)
            phase.our_cores = ours / wall
            cpu = (
                f"CPU: this test {phase.our_cores:.2f} cores (client {phase.client_cpu / wall:.2f}), "
                f"other processes {phase.other_cores:.2f} cores"
            )
        else:  # Postgres was restarted: its old processes' CPU is gone with them
            phase.other_cores = phase.our_cores = float("nan")
            cpu = "CPU: not measured (Postgres restarted)"
        log(f"{describe(phase)}; {cpu}")
        self.phases.append(
            {
                "name": name,
                "rate": round(phase.rate, 1),
                "seconds": phase.seconds,
                "sent": phase.sent,
                "not_sent": phase.not_sent,
                "p50_ms": round(phase.p(0.5) * 1000, 1),
                "p95_ms": round(phase.p(0.95) * 1000, 1),
                "p99_ms": round(phase.p(0.99) * 1000, 1),
                "statuses": {str(k): v for k, v in phase.statuses().items()},
                "client_cpu_s": round(phase.client_cpu, 1),
                "test_cores": None if math.isnan(phase.our_cores) else round(phase.our_cores, 2),
                "other_cores": None if math.isnan(phase.other_cores) else round(phase.other_cores, 2),
                "by_kind": {
                    kind: {
                        "n": len(group),
                        "p50_ms": round(percentile([s.end - s.start for s in group], 0.5) * 1000, 1),
                        "p95_ms": round(percentile([s.end - s.start for s in group], 0.95) * 1000, 1),
                    }
                    for kind in sorted({s.kind for s in phase.samples})
                    for group in [[s for s in phase.samples if s.kind == kind]]
                },
            }
        )
        return phase

    def clean(self, phase: Phase) -> bool:
        """Every request sent and answered 2xx, p95 under the target."""
        return not phase.failures() and phase.not_sent <= phase.due_total * 0.005 and phase.p(0.95) <= self.s.p95_target

    # Capacity ------------------------------------------------------------------------------

    def step(self, name: str, rate: float, seconds: float, steps: list[str]) -> tuple[bool, Phase]:
        """One capacity step. A step that fails while other processes took more than half a core
        is run again (twice at most): it measured the neighbours, not Factbase."""
        for attempt in range(3):
            phase = self.load(name, rate, seconds)
            ok = self.clean(phase)
            steps.append(
                f"{rate:.0f}/s p95 {phase.p(0.95) * 1000:.0f} ms {'held' if ok else 'not held'} "
                f"(others {phase.other_cores:.2f} cores)"
            )
            if ok or phase.other_cores <= 0.5 or attempt == 2:
                return ok, phase
            log("  run again: other processes were busy during this step")
        raise AssertionError("unreachable")

    def capacity(self, label: str = "capacity") -> float:
        """The highest rate held cleanly: ramp ×1.5 until a step fails, bisect, then confirm."""
        rate, good, bad = self.s.start_rate, 0.0, 0.0
        steps: list[str] = []
        for _ in range(14):  # at most 14 ramp steps
            ok, _ = self.step(f"{label} step", rate, self.s.step_seconds, steps)
            if not ok:
                bad = rate
                break
            good = rate
            if rate >= self.s.max_rate:
                break
            rate = min(self.s.max_rate, rate * 1.5)
        if bad:
            for _ in range(3):  # bisect between the last good and the first bad rate
                rate = (good + bad) / 2
                ok, _ = self.step(f"{label} step", rate, self.s.step_seconds, steps)
                good, bad = (rate, bad) if ok else (good, rate)
        confirmed = 0.0
        candidate = good
        for _ in range(3):  # confirm with a longer run; step down 10 % when it does not hold
            if candidate < 1:
                break
            ok, _ = self.step(f"{label} confirm", candidate, self.s.confirm_seconds, steps)
            if ok:
                confirmed = candidate
                break
            candidate *= 0.9
        self.capacity_steps = steps
        return confirmed

    # The scenarios -------------------------------------------------------------------------

    def scenario_capacity(self) -> float:
        c = self.capacity()
        self.rows.append(
            Row(
                "capacity C",
                c > 0,
                f"C = {c:.0f} req/s (p95 ≤ {self.s.p95_target * 1000:.0f} ms, 0 errors, 90 % reads)",
                self.capacity_steps,
            )
        )
        return c

    def scenario_soak(self, c: float) -> None:
        rate = 0.7 * c
        phase = self.load("soak", rate, self.s.soak_seconds)
        problems = verify_ledger(self.pg, self.ledger)
        five = sum(1 for s in phase.samples if s.status >= 500)
        other = len(phase.failures()) - five
        minutes = []
        for m in range(int(self.s.soak_seconds // 60) or 1):
            window = [s for s in phase.samples if phase.t0 + 60 * m <= s.due < phase.t0 + 60 * (m + 1)]
            minutes.append(round(phase.p(0.95, window) * 1000))
        articles, claims = self.ledger.size()
        # The guarantee is no 5xx and no lost write; the latency is reported (with how busy the
        # rest of the machine was), not judged: minutes of a shared machine are not a benchmark.
        kept_up = phase.not_sent <= phase.due_total * 0.005
        passed = five == 0 and other == 0 and not problems and kept_up
        self.rows.append(
            Row(
                f"soak 0.7·C for {self.s.soak_seconds:.0f} s",
                passed,
                f"{rate:.0f} req/s, {phase.sent} requests (not sent {phase.not_sent}), 5xx {five}, other failures "
                f"{other}, p50 {phase.p(0.5) * 1000:.0f} ms, p95 {phase.p(0.95) * 1000:.0f} ms, "
                f"p99 {phase.p(0.99) * 1000:.0f} ms (worst minute's p95 {max(minutes)} ms); ledger "
                f"{articles} articles + {claims} claims, {len(problems)} missing/changed; other processes "
                f"{phase.other_cores:.2f} cores",
                [f"p95 per minute (ms): {minutes}", *problems[:20]],
            )
        )

    def scenario_overload(self, c: float) -> None:
        overload = self.load("overload", 2 * c, self.s.overload_seconds)
        end = time.monotonic()
        recovery = self.load("after overload", 0.5 * c, self.s.recovery_seconds)
        allowed = [s for s in overload.samples if s.ok or s.status in (429, 503)]
        bad = Counter(s.status or s.error for s in overload.samples if not (s.ok or s.status in (429, 503)))
        shed = sum(1 for s in overload.samples if s.status in (429, 503))
        recovered_at = recovery_time(recovery, end, self.s.p95_target)
        passed = not bad and recovered_at is not None and recovered_at <= self.s.recovery_limit
        problems = verify_ledger(self.pg, self.ledger)
        passed = passed and not problems
        self.rows.append(
            Row(
                "overload 2·C, then recovery",
                passed,
                f"{2 * c:.0f} req/s offered for {self.s.overload_seconds:.0f} s: sent {overload.sent} "
                f"(client at its {self.s.threads}-connection cap for {overload.not_sent}), "
                f"2xx {sum(1 for s in overload.samples if s.ok)}, 429/503 {shed}, other {dict(bad) or 0}, "
                f"p95 {overload.p(0.95) * 1000:.0f} ms; then at 0.5·C all 2xx with p95 under "
                f"{self.s.p95_target * 1000:.0f} ms "
                + (f"{max(0.0, recovered_at):.1f} s after" if recovered_at is not None else "never")
                + f" (limit {self.s.recovery_limit:.0f} s); ledger {len(problems)} missing/changed",
                [f"{len(allowed)} of {overload.sent} answers were 2xx/429/503", *problems[:20]],
            )
        )

    def fault_rate(self, c: float) -> float:
        return max(10.0, 0.5 * c)

    def busy_worker(self) -> int:
        """A worker holding a client connection, that is serving a request (looked for during at
        most a second), so the kill has a request in flight to lose; else any worker."""
        import psutil

        pids = sorted(self.app.worker_pids())
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline:
            for pid in pids:
                with contextlib.suppress(psutil.Error):
                    for conn in psutil.Process(pid).net_connections(kind="tcp"):
                        if conn.status == psutil.CONN_ESTABLISHED and conn.laddr.port == self.app.port:
                            return pid
            time.sleep(0.005)
        return random.choice(pids)

    def scenario_kill_worker(self, c: float) -> None:
        kills: list[tuple[int, float]] = []  # (pid, when)

        def kill() -> None:
            pid = self.busy_worker()
            kills.append((pid, time.monotonic()))
            os.kill(pid, signal.SIGKILL)

        phase = self.load("kill -9 worker", self.fault_rate(c), 15, write_fraction=self.s.fault_write_fraction,
                          events=[(3, "kill 1", kill), (6, "kill 2", kill), (9, "kill 3", kill)])  # fmt: skip
        after = self.wait_for_workers(exclude={pid for pid, _ in kills})
        failures = phase.failures()

        def in_flight(sample: Sample) -> bool:
            return any(sample.start <= at + 0.05 and sample.end >= at - 0.05 for _, at in kills)

        lost = [s for s in failures if in_flight(s)]
        not_in_flight = [s for s in failures if not in_flight(s)]
        five = sum(1 for s in failures if s.status >= 500)
        lost_writes = sum(1 for s in lost if s.kind.startswith("write"))
        problems = verify_ledger(self.pg, self.ledger)
        limit = self.threads_per_worker * len(kills)
        passed = five == 0 and not not_in_flight and len(lost) <= limit and after is not None and not problems
        self.rows.append(
            Row(
                "kill -9 of a gunicorn worker under load (3 times)",
                passed,
                f"{phase.sent} requests at {phase.rate:.0f}/s ({self.s.fault_write_fraction:.0%} writes), a busy "
                f"worker killed {len(kills)} times: {len(lost)} requests failed in flight at a kill ({lost_writes} "
                f"of them writes; limit {limit}: the killed workers' own requests), {len(not_in_flight)} other "
                f"failures, 5xx {five}; workers replaced: {'yes' if after is not None else 'NO'}; "
                f"ledger {len(problems)} missing/changed",
                [f"{s.kind} {s.status or s.error}" for s in failures[:10]] + problems[:20],
            )
        )

    def wait_for_workers(self, exclude: set[int], timeout: float = 30) -> set[int] | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.app.worker_pids()
            if len(pids) == self.app.workers and not (pids & exclude):
                return pids
            time.sleep(0.2)
        return None

    def scenario_pg_crash(self, c: float) -> None:
        outage = self.s.outage_seconds
        tail = 20

        probes: dict[str, int | str] = {}
        down: dict[str, float] = {}

        def crash() -> None:
            self.pg.stop("immediate")
            down["at"] = time.monotonic()
            time.sleep(1)
            # Pages outside the API while the database is down: the admin with a session (its
            # lookup needs the database) and without one, the schema.
            for name, path, cookie in (
                ("admin with a session", "/admin/", "sessionid=faultsfaultsfaultsfaultsfaults00"),
                ("admin sign-in page", "/admin/login/", ""),
                ("API schema", "/api/schema/", ""),
            ):
                probes[name] = page_status(self.app.port, path, cookie)

        def restart() -> None:
            self.pg.start()

        phase = self.load("pg_ctl -m immediate", self.fault_rate(c), 3 + outage + tail,
                          write_fraction=self.s.fault_write_fraction,
                          events=[(3, "stop", crash), (3 + outage, "start", restart)])  # fmt: skip
        stopped, started = down["at"], phase.events["start"]
        down = [s for s in phase.samples if s.start >= stopped and s.end <= phase.events["start:start"]]
        statuses_down = Counter(s.status or s.error for s in down)
        other_5xx = Counter(s.status for s in phase.samples if s.status >= 500 and s.status != 503)
        no_answer = Counter(s.error for s in phase.samples if s.status == 0)
        without_retry_after = sum(1 for s in phase.samples if s.status == 503 and not s.retry_after)
        # Recovered at the first 1-second window from which every answer is 2xx, to the end.
        last_failure = max((s.start for s in phase.samples if not s.ok), default=started)
        recovered_after = max(0.0, last_failure - started)
        tail_ok = any(s.ok and s.start > last_failure for s in phase.samples)
        problems = verify_ledger(self.pg, self.ledger)
        passed = (
            not other_5xx
            and not no_answer
            and without_retry_after == 0
            and set(statuses_down) <= {503}
            and tail_ok
            and recovered_after <= self.s.pg_recovery_limit
            and not problems
        )
        self.rows.append(
            Row(
                "Postgres `pg_ctl -m immediate` under load, restart",
                passed,
                f"{phase.sent} requests at {phase.rate:.0f}/s ({self.s.fault_write_fraction:.0%} writes), "
                f"{started - stopped:.1f} s down: answers while down {dict(statuses_down)}; 500s/other 5xx "
                f"{sum(other_5xx.values())}, no answer {sum(no_answer.values())}, 503 without Retry-After "
                f"{without_retry_after}; all 2xx again {recovered_after:.1f} s after restart "
                f"(limit {self.s.pg_recovery_limit:.0f} s, gunicorn untouched); ledger {len(problems)} missing/changed",
                [f"5xx other than 503: {dict(other_5xx)}", f"no answer: {dict(no_answer)}", *problems[:20]],
            )
        )
        # A page that needs the database must say 503 too; one that does not may answer normally.
        broken = {name: status for name, status in probes.items() if status not in (503,) and not _below_500(status)}
        self.rows.append(
            Row(
                "Postgres down: pages outside the API",
                bool(probes) and not broken,
                ", ".join(f"{name}: {status}" for name, status in probes.items()) + " (500 or no answer fails)",
            )
        )

    def scenario_hup(self, c: float) -> None:
        before = self.app.worker_pids()
        assert self.app.master is not None
        master = self.app.master.pid
        phase = self.load("HUP", self.fault_rate(c), 15, write_fraction=self.s.fault_write_fraction,
                          events=[(4, "hup", lambda: os.kill(master, signal.SIGHUP))])  # fmt: skip
        after = self.wait_for_workers(exclude=before)
        failures = phase.failures()
        problems = verify_ledger(self.pg, self.ledger)
        passed = not failures and after is not None and not problems
        hup = phase.events["hup:start"]
        around = [s for s in phase.samples if hup - 1 <= s.due <= hup + 10]
        slowest = max((s.latency for s in around), default=0.0)
        self.rows.append(
            Row(
                "gunicorn HUP (reload) under load",
                passed,
                f"{phase.sent} requests at {phase.rate:.0f}/s: {len(failures)} failed; every worker replaced: "
                f"{'yes' if after is not None else 'NO'}; in the 10 s after the HUP p95 "
                f"{phase.p(0.95, around) * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms; "
                f"ledger {len(problems)} missing/changed",
                [f"{s.kind} {s.status or s.error}" for s in failures[:10]] + problems[:20],
            )
        )

    def scenario_backup(self, c: float) -> None:
        dump = self.work / "factbase.dump"
        restored = f"factbase_restore_{self.run_id}"
        taken: dict[str, Any] = {}

        def backup() -> None:
            # One snapshot for both the dump and the checksums, taken while writes go on.
            connection = self.pg.connect()
            connection.autocommit = False
            connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                taken["at"] = time.monotonic()
                started = time.monotonic()
                self.pg.tool("pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(dump), self.pg.dbname)
                taken["dump_seconds"] = time.monotonic() - started
                taken["fingerprint"] = database_fingerprint(cursor)
            connection.rollback()
            connection.close()

        phase = self.load("backup under load", self.fault_rate(c), 15, write_fraction=self.s.fault_write_fraction,
                          events=[(3, "backup", backup)])  # fmt: skip
        connection = self.pg.connect("postgres")
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{restored}"')
        connection.close()
        self.pg.tool("pg_restore", "--exit-on-error", "-d", restored, str(dump))
        copy_connection = self.pg.connect(restored)
        with copy_connection.cursor() as cursor:
            copy = database_fingerprint(cursor)
        copy_connection.close()
        differences = compare_fingerprints(taken["fingerprint"], copy)
        missing = verify_ledger(self.pg, self.ledger, dbname=restored, acked_before=taken["at"])
        verify_ok, verify_output = True, ""
        try:
            verify_output = self.app.manage("verify_passages", database_url=self.pg.url_for(restored)).strip()
        except RuntimeError as error:
            verify_ok, verify_output = False, str(error)
        tables = taken["fingerprint"]["tables"]
        rows = sum(count for count, _ in tables.values())
        passed = not differences and not missing and verify_ok and bool(tables)
        self.rows.append(
            Row(
                "pg_dump under load → pg_restore into a fresh database",
                passed,
                f"{len(tables)} tables, {rows} rows, {len(taken['fingerprint']['objects'])} schema objects, "
                f"dump {dump.stat().st_size // 1024} KiB in {taken['dump_seconds']:.1f} s during "
                f"{phase.sent} requests: {len(differences)} differences in counts/checksums/sequences/schema; "
                f"acknowledged writes missing from the copy {len(missing)}; verify_passages "
                f"{'ok' if verify_ok else 'FAILED'}",
                differences[:20] + missing[:20] + ([] if verify_ok else [verify_output[-2000:]]),
            )
        )

    def final_check(self) -> None:
        problems = verify_ledger(self.pg, self.ledger)
        articles, claims = self.ledger.size()
        verify_ok = True
        try:
            self.app.manage("verify_passages")
        except RuntimeError:
            verify_ok = False
        self.rows.append(
            Row(
                "every acknowledged write, at the end",
                not problems and verify_ok,
                f"{articles} articles + {claims} claims acknowledged, {len(problems)} missing/changed; "
                f"verify_passages {'ok' if verify_ok else 'FAILED'}",
                problems[:20],
            )
        )

    # Orchestration ------------------------------------------------------------------------

    def gunicorn_config(self) -> tuple[int, str, int]:
        kind, _, size = self.args.gunicorn.partition(":")
        workers, _, threads = size.partition("x")
        return int(workers), kind, int(threads or 1)

    def wait_for_quiet(self) -> None:
        """Wait, at most --quiet-wait-minutes, until other processes leave the CPUs nearly idle.

        Capacity on a 2-core machine means little while something else uses one of the cores.
        The load the run shared the machine with is reported either way.
        """
        deadline = time.monotonic() + self.args.quiet_wait_minutes * 60
        for _ in range(1000):  # bounded by the deadline too
            busy0, ours0 = machine_busy_seconds(), tree_cpu_seconds(self.our_processes())
            time.sleep(10)
            ours = tree_cpu_seconds(self.our_processes()) - ours0
            other = max(0.0, (machine_busy_seconds() - busy0 - ours) / 10)
            self.other_cores_at_start = other
            if other <= self.args.quiet_threshold or time.monotonic() >= deadline:
                break
            log(f"Other processes use {other:.2f} cores; waiting for ≤ {self.args.quiet_threshold} (bounded)")
        log(f"Other processes use {self.other_cores_at_start:.2f} cores; starting")

    def run_all(self) -> None:
        self.setup()
        self.wait_for_quiet()
        workers, kind, threads = self.gunicorn_config()
        self.threads_per_worker = threads
        self.start_gunicorn(workers, kind, threads)
        c = self.args.capacity or self.scenario_capacity()
        if c <= 0:
            log("No rate was held cleanly; the load scenarios use 10 req/s.")
            c = 10.0
        wanted = self.args.only.split(",") if self.args.only else ["soak", "overload", "kill", "pg", "hup", "backup"]
        for name in wanted:
            log(f"--- {name}")
            {
                "soak": self.scenario_soak,
                "overload": self.scenario_overload,
                "kill": self.scenario_kill_worker,
                "pg": self.scenario_pg_crash,
                "hup": self.scenario_hup,
                "backup": self.scenario_backup,
            }[name](c)
        self.final_check()

    def run_tune(self) -> None:
        self.setup()
        self.wait_for_quiet()
        for config in self.args.tune.split(","):
            kind, _, size = config.partition(":")
            workers, _, threads = size.partition("x")
            self.start_gunicorn(int(workers), kind, int(threads or 1))
            try:
                c = self.capacity(label=config)
            finally:
                self.app.stop()
            self.rows.append(Row(f"capacity with gunicorn {config}", c > 0, f"C = {c:.0f} req/s", self.capacity_steps))

    def other_cores_during(self) -> float:
        measured = [p for p in self.phases if p["other_cores"] is not None]
        seconds = sum(p["seconds"] for p in measured)
        return sum(p["other_cores"] * p["seconds"] for p in measured) / seconds if seconds else float("nan")

    def run_compare(self) -> None:
        """The set-ups at the same rates, interleaved round by round, so that whatever else the
        machine does falls on each of them alike; ranks them by p95 and CPU per request."""
        self.setup()
        self.wait_for_quiet()
        configs = self.args.compare.split(",")
        rates = [float(r) for r in self.args.compare_rates.split(",")]
        results: dict[tuple[str, float], list[Phase]] = {}
        for round_number in range(self.args.rounds):
            for config in configs:
                kind, _, size = config.partition(":")
                workers, _, threads = size.partition("x")
                self.start_gunicorn(int(workers), kind, int(threads or 1))
                try:
                    for rate in rates:
                        phase = self.load(f"{config} round {round_number + 1}", rate, self.s.step_seconds)
                        results.setdefault((config, rate), []).append(phase)
                finally:
                    self.app.stop()
        for (config, rate), phases in results.items():
            samples = [s for phase in phases for s in phase.samples]
            seconds = sum(phase.seconds for phase in phases)
            failed = sum(1 for s in samples if not s.ok)
            cpu_ms = 1000 * sum(phase.our_cores * phase.seconds for phase in phases) / max(1, len(samples))
            others = sum(phase.other_cores * phase.seconds for phase in phases) / seconds
            p95s = sorted(round(phase.p(0.95) * 1000) for phase in phases)
            self.rows.append(
                Row(
                    f"gunicorn {config} at {rate:.0f} req/s",
                    failed == 0,
                    f"p50 {percentile([s.latency for s in samples], 0.5) * 1000:.0f} ms, "
                    f"p95 {percentile([s.latency for s in samples], 0.95) * 1000:.0f} ms (per round {p95s}), "
                    f"failed {failed} of {len(samples)}, {cpu_ms:.1f} ms CPU per request (client, gunicorn, Postgres), "
                    f"other processes {others:.2f} cores",
                )
            )

    def cleanup(self) -> None:
        with contextlib.suppress(Exception):
            self.app.stop()
        with contextlib.suppress(Exception):
            self.pg.stop("fast", missing_ok=True)

    # Report -------------------------------------------------------------------------------

    def report(self, started: datetime.datetime, seconds: float) -> str:
        commit, dirty = self.commit
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        command = "python scripts/faults.py " + " ".join(sys.argv[1:])
        lines = [
            f"Run of {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min: commit `{commit}`"
            + (" (with uncommitted changes)" if dirty else "")
            + f", `{command.strip()}`.",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
            f"Python {platform.python_version()}, "
            f"Postgres {self.pg_settings.get('server_version')} (fsync={self.pg_settings.get('fsync')}, "
            f"synchronous_commit={self.pg_settings.get('synchronous_commit')}), gunicorn {self.args.gunicorn}; "
            f"load generator on the same machine, {self.s.threads} client threads, p95 target "
            f"{self.s.p95_target * 1000:.0f} ms. Other processes on the machine used "
            f"{self.other_cores_at_start:.2f} cores before the start and {self.other_cores_during():.2f} cores on "
            "average during the load phases.",
            "",
            "| scenario | result | numbers |",
            "| --- | --- | --- |",
        ]
        for row in self.rows:
            lines.append(f"| {row.scenario} | {'PASS' if row.passed else '**FAIL**'} | {row.numbers} |")
        passed = all(row.passed for row in self.rows) and bool(self.rows)
        lines += ["", f"Overall: {'PASS' if passed else 'FAIL'}."]
        return "\n".join(lines)


def record(path: Path, table: str) -> None:
    text = path.read_text(encoding="utf-8")
    if RESULTS_START not in text or RESULTS_END not in text:
        raise SystemExit(f"{path} has no {RESULTS_START} … {RESULTS_END} block to replace.")
    before, rest = text.split(RESULTS_START, 1)
    _, after = rest.split(RESULTS_END, 1)
    path.write_text(f"{before}{RESULTS_START}\n{table}\n{RESULTS_END}{after}", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short phases: a ~3-minute check")
    parser.add_argument("--soak-seconds", type=float, default=None, help="soak length (default 600; 30 with --quick)")
    parser.add_argument("--gunicorn", default="sync:3", help="worker class:workers[xthreads], e.g. sync:4, gthread:2x4")
    parser.add_argument("--tune", default="", help="comma-separated gunicorn configs: measure the capacity of each")
    parser.add_argument("--compare", default="", help="comma-separated gunicorn configs: interleaved fixed-rate runs")
    parser.add_argument("--compare-rates", default="40,70", help="rates (req/s) for --compare")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --compare")
    parser.add_argument("--p95-ms", type=float, default=100.0, help="p95 latency target (ms)")
    parser.add_argument("--capacity", type=float, default=0.0, help="skip the search and use this C (req/s)")
    parser.add_argument("--only", default="", help="comma-separated subset: soak,overload,kill,pg,hup,backup")
    parser.add_argument("--client-threads", type=int, default=64, help="the load generator's concurrency cap")
    parser.add_argument("--start-rate", type=float, default=20.0, help="first step of the capacity search (req/s)")
    parser.add_argument("--max-rate", type=float, default=1500.0, help="the capacity search stops here (req/s)")
    parser.add_argument("--max-minutes", type=float, default=60.0, help="stop everything after this long")
    parser.add_argument(
        "--quiet-wait-minutes",
        type=float,
        default=None,
        help="wait this long at most for a quiet machine (15; 1 quick)",
    )
    parser.add_argument("--quiet-threshold", type=float, default=0.25, help="cores other processes may use")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the app's environment (repeat)")
    parser.add_argument("--record", type=Path, help="write the results table into this file's results block")
    args = parser.parse_args(argv)
    if args.quiet_wait_minutes is None:
        args.quiet_wait_minutes = 1.0 if args.quick else 15.0

    run = Run(args)

    def on_deadline(signum: int, frame: Any) -> None:
        raise Deadline(f"--max-minutes {args.max_minutes} reached")

    def on_stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGALRM, on_deadline)
    signal.signal(signal.SIGTERM, on_stop)
    signal.alarm(int(args.max_minutes * 60))
    started = datetime.datetime.now(datetime.UTC)
    t0 = time.monotonic()
    error = ""
    try:
        if args.compare:
            run.run_compare()
        elif args.tune:
            run.run_tune()
        else:
            run.run_all()
    except (Deadline, KeyboardInterrupt, RuntimeError, AssertionError, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        log(f"Stopped: {error}")
        run.rows.append(Row("run completed", False, error.splitlines()[0][:300]))
    finally:
        signal.alarm(0)
        run.cleanup()
    table = run.report(started, time.monotonic() - t0)
    print()
    print(table)
    for row in run.rows:
        if row.details:
            print(f"\n{row.scenario}:")
            for line in row.details:
                print(f"  {line}")
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
    if args.record:
        record(args.record, table)
    return 0 if run.rows and all(row.passed for row in run.rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
