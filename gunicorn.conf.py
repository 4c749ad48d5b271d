"""gunicorn's configuration, read from the working directory by `make run` and `make bench`.

Sync workers (each request is CPU-bound Python plus one short query), as many as
WEB_CONCURRENCY says, default 3 on this 2-CPU machine, as in Docker. `make bench SIZE=S
BENCH_ARGS=--choose-workers` measures 2, 3, 4 and 6 workers on the claims list; on the shared,
loaded machine of the last run the trials were dominated by other work (bench/RESULTS.md), so
the default stays at 3 until a run on a quiet machine says otherwise.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
