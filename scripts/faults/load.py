"""The open-loop load generator: requests due at start + i/rate from a pool of threads, and the Phase they make."""

from __future__ import annotations

import math
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.common import percentile
from scripts.faults.workload import Sample, Workload


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


class _Schedule:
    """The open loop's clock: request i is due at t0 + i/rate, whoever takes it; the samples so far."""

    def __init__(self, workload: Workload, rate: float, seconds: float, write_fraction: float, timeout: float) -> None:
        self.workload = workload
        self.rate = rate
        self.write_fraction = write_fraction
        self.timeout = timeout
        self.t0 = time.monotonic() + 0.2
        self.t_end = self.t0 + seconds
        self.due_total = int(rate * seconds)
        self.slot = 0
        self.slot_lock = threading.Lock()
        self.samples: list[Sample] = []
        self.samples_lock = threading.Lock()

    def take(self) -> int:
        """The number of the next request to send."""
        with self.slot_lock:
            i = self.slot
            self.slot += 1
            return i

    def worker(self, seed: int) -> None:
        rng = random.Random(seed)
        while True:
            i = self.take()
            if i >= self.due_total:
                return
            due = self.t0 + i / self.rate
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            elif now >= self.t_end:
                return  # behind schedule at the end: the rest is counted as not sent
            sample = self.workload.one(rng, self.write_fraction, due, self.timeout)
            with self.samples_lock:
                self.samples.append(sample)

    def sorted_samples(self) -> list[Sample]:
        with self.samples_lock:
            return sorted(self.samples, key=lambda s: s.due)


def _run_events(phase: Phase, events: list[tuple[float, str, Any]]) -> None:
    """Run each (at second, name, callable) at its time, recording when it started and finished."""
    for at, event_name, action in sorted(events, key=lambda e: e[0]):
        delay = phase.t0 + at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        phase.events[event_name + ":start"] = time.monotonic()
        action()
        phase.events[event_name] = time.monotonic()


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
    schedule = _Schedule(workload, rate, seconds, write_fraction, timeout)
    cpu0 = time.process_time()
    pool = [
        threading.Thread(target=schedule.worker, args=(random.getrandbits(32),), daemon=True) for _ in range(threads)
    ]
    for thread in pool:
        thread.start()
    phase = Phase(name, rate, seconds, schedule.t0, schedule.samples, schedule.due_total)
    _run_events(phase, events or [])
    for thread in pool:
        thread.join(max(0.0, schedule.t_end - time.monotonic()) + timeout + 5)
    phase.client_cpu = time.process_time() - cpu0
    phase.samples = schedule.sorted_samples()
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


def phase_record(phase: Phase) -> dict[str, Any]:
    """A phase's numbers as they go into results.json (latencies in ms; by kind, the server's time only)."""
    return {
        "name": phase.name,
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
