"""What one extraction job costs at a given body length: the extractor's CPU time, wall time and peak memory.

Run it with the project's Python: `.venv/bin/python bench/extraction_budget.py` (lengths 5,000,
100,000, 300,000 and 1,000,000 by default; `--lengths 5000,200000` for others). It needs no
database: the extractor imports nothing from Django. The text is the seed articles
(/work/shared/seeds or fixtures/articles) joined and repeated to each length. Each length runs in
its own process, so each peak RSS is that length's own (the model loaded, then one extraction);
the CPU time is the process's user + system time for the extraction alone (resource.getrusage),
which a machine shared with other work does not inflate the way it inflates wall time.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = [Path("/work/shared/seeds"), ROOT / "fixtures" / "articles"]
LENGTHS = "5000,100000,300000,1000000"


def text_of_length(length: int) -> str:
    """The seed articles joined with blank lines, repeated and cut to exactly `length` characters."""
    folder = next(folder for folder in SEEDS if folder.is_dir())
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
    return (text * (length // len(text) + 1))[:length]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(length: int) -> dict[str, float]:
    """One extraction of a body of `length` characters, in this process."""
    from facts.extraction import extract
    from facts.extraction.nlp import pipeline

    body = text_of_length(length)
    nlp = pipeline()
    nlp.max_length = max(nlp.max_length, length + 1)  # what the extractor itself allows is its business
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    extraction = extract(body)
    cpu, wall = cpu_seconds() - cpu0, time.perf_counter() - wall0
    candidates = sum(len(getattr(extraction, name)) for name in ("actors", "claims", "figures", "roles", "mentions"))
    return {
        "length": length,
        "cpu_s": cpu,
        "wall_s": wall,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_model_loaded_mib": rss_loaded,
        "candidates": candidates,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lengths", default=LENGTHS, help=f"comma-separated body lengths (default {LENGTHS})")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one length
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.one)))
        return
    print("| characters | extractor CPU | wall | peak RSS (model loaded) | candidates |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for length in (int(value) for value in options.lengths.split(",")):
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(length)], check=True, capture_output=True, text=True, timeout=3600
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        print(
            f"| {length:,} | {r['cpu_s']:.2f} s | {r['wall_s']:.2f} s | {r['peak_rss_mib']:,.0f} MiB "
            f"({r['rss_model_loaded_mib']:,.0f}) | {r['candidates']:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
