"""How long the extractor takes on a 5,000-character article, on one core.

Run it with the project's Python: `.venv/bin/python bench/extraction.py`. It needs no
database and no Django settings: the extractor is pure Python.

The article is the opening 5,000 characters of the first seed article cut at a sentence
end, padded to exactly 5,000 characters with sentences from the test articles in other
styles, so it holds the usual mix of names, quotes and figures. The process is pinned to
one CPU where the system allows it; after warming up, the extractor runs `--runs` times and
the median, 95th percentile and maximum are printed, with the articles per second that
the median allows on one core.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile  # noqa: E402
from facts.extraction import EXTRACTOR_VERSION, extract  # noqa: E402

LENGTH = 5000
TARGET_MS = 20.0


def article(length: int = LENGTH) -> str:
    """A realistic news text of exactly `length` characters."""
    seed = (ROOT / "fixtures" / "articles" / "000_0b70f8eb3d6f89fe.txt").read_text(encoding="utf-8")
    others = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "extraction" / "articles").glob("*.txt"))]
    text = seed[:length]
    text = text[: text.rfind(". ") + 1] if len(text) == length else text
    for other in others:
        if len(text) >= length:
            break
        text += "\n\n" + other
    return text[:length]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=500, help="Timed runs (default 500).")
    parser.add_argument("--warmup", type=int, default=20, help="Untimed runs first (default 20).")
    options = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    body = article()
    assert len(body) == LENGTH
    found = extract(body)
    for _ in range(options.warmup):
        extract(body)
    timings = []
    for _ in range(options.runs):
        start = time.perf_counter()
        extract(body)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p95 = percentile(timings, 0.95)
    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else "unpinned"
    print(f"Extractor {EXTRACTOR_VERSION}, Python {sys.version.split()[0]}, CPU {cpus}")
    print(
        f"Article: {len(body)} characters; {len(found.actors)} people and organizations, {len(found.claims)} "
        f"claims, {len(found.figures)} figures proposed"
    )
    print(f"{options.runs} runs: median {median:.2f} ms, p95 {p95:.2f} ms, max {timings[-1]:.2f} ms")
    print(f"{1000 / median:.0f} articles per second on one core (target: under {TARGET_MS:.0f} ms each)")


if __name__ == "__main__":
    main()
