"""Anonymous lists under FACTBASE_READ_ACCESS=public and =reviewed on the benchmark's dataset, in process.

    python scripts/localenv.py .venv/bin/python -m bench.read_access S

Each list with page_size=50 through Django's test client, RUNS times after one warm-up, at each
level: the median of the whole request. Prints one line per list; nothing is written. The numbers
in the README's "Who may read what" come from it.
"""

import statistics
import sys
import time

from bench.common import HOST
from bench.dataset import ensure_dataset

LISTS = [
    "/api/v1/claims/",
    "/api/v1/figures/",
    "/api/v1/people/",
    "/api/v1/organizations/",
    "/api/v1/measures/",
    "/api/v1/articles/",
    "/api/v1/claim-reviews/",
]
RUNS = 15


def median_ms(client: object, url: str) -> float:
    client.get(url)  # type: ignore[attr-defined]  # warm-up
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, response.content[:200]
    return statistics.median(times)


def main(argv: list[str]) -> None:
    ensure_dataset(argv[0] if argv else "S")
    from django.test import Client, override_settings

    from facts.models import Claim

    reviewed = Claim.objects.exclude(review_status=Claim.ReviewStatus.UNREVIEWED).count()
    print(f"claims: {Claim.objects.count():,}, reviewed: {reviewed:,}")
    client = Client(HTTP_HOST=HOST)
    for url in LISTS:
        timings = []
        for level in ("public", "reviewed"):
            with override_settings(FACTBASE_READ_ACCESS=level):
                timings.append(f"{level} {median_ms(client, url + '?page_size=50'):.1f} ms")
        print(f"{url}: {', '.join(timings)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
