"""HTTP traffic through the load balancer: bounded loops of requests, and what each one got."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from scripts.faults.common import API
from scripts.faults.server import request

SENTENCES = [
    '"We are overwhelmed," said Ana Ruiz, a coordinator for the relief group.',
    "Officials said about 1,200 people crossed the border on Monday.",
    "More than 300 families have been housed in the old school, the mayor said.",
    "Gordon Flake, executive director of the Mansfield Center, says the flows will continue.",
]


def article_body(tag: str, length: int = 1500) -> str:
    """A news-like text (quotes, people, figures) made distinct by `tag`."""
    rng = random.Random(tag)
    parts = [f"Report {tag}."]
    total = len(parts[0])
    while total < length:
        parts.append(rng.choice(SENTENCES))
        total += len(parts[-1]) + 1
    return " ".join(parts)[:length]


@dataclass
class Outcome:
    """One request: when it started and ended (monotonic seconds), what it was, what it got."""

    started: float
    ended: float
    kind: str
    status: int
    article: int | None = None


@dataclass
class Traffic:
    """Clients against one address; every outcome is kept."""

    port: int
    token: str
    outcomes: list[Outcome] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def call(self, kind: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> Outcome:
        started = time.monotonic()
        data = None if body is None else json.dumps(body).encode()
        try:
            status, _, content = request("127.0.0.1", self.port, method, path, body=data, token=token, timeout=60)
        except OSError:
            status, content = 0, b""  # no answer at all: refused or reset
        article = json.loads(content).get("id") if status == 201 else None
        outcome = Outcome(started, time.monotonic(), kind, status, article)
        with self.lock:
            self.outcomes.append(outcome)
            if article is not None:
                self.acknowledged.append(article)
        return outcome

    def write(self, tag: str, length: int = 1500) -> Outcome:
        return self.call("write", "POST", f"{API}/articles/", {"body": article_body(tag, length)}, token=self.token)

    def read(self, rng: random.Random) -> Outcome:
        with self.lock:
            known = list(self.acknowledged[-50:])
        if known and rng.random() < 0.5:
            return self.call("read", "GET", f"{API}/articles/{rng.choice(known)}/")
        return self.call("read", "GET", rng.choice([f"{API}/articles/", f"{API}/proposals/?page_size=20"]))

    def run(self, seconds: float, threads: int, write_share: float, label: str) -> list[Outcome]:
        """Mixed load for `seconds` (each thread also stops after 2,000 requests); this phase's outcomes."""
        first = len(self.outcomes)
        deadline = time.monotonic() + seconds

        def client(number: int) -> None:
            rng = random.Random(f"{label}-{number}")
            for count in range(2000):
                if time.monotonic() >= deadline:
                    return
                if rng.random() < write_share:
                    self.write(f"{label}-{number}-{count}")
                else:
                    self.read(rng)

        run_threads(client, threads)
        return self.outcomes[first:]


def run_threads(target: Callable[[int], None], count: int) -> None:
    threads = [threading.Thread(target=target, args=(number,), daemon=True) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)


def at(delay: float, action: Callable[[], None]) -> threading.Thread:
    """Run `action` `delay` seconds from now, in the background."""
    thread = threading.Timer(delay, action)
    thread.daemon = True
    thread.start()
    return thread


def server_errors(outcomes: list[Outcome]) -> list[Outcome]:
    """Requests answered 5xx or not at all."""
    return [o for o in outcomes if o.status >= 500 or o.status == 0]
