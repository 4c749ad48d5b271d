"""gunicorn's configuration, read from the working directory by `make run` and `make bench`.

Sync workers (each request is CPU-bound Python plus short queries), as many as
WEB_CONCURRENCY says, default 3 on this 2-CPU machine, as in Docker. On a quiet machine
`make bench SIZE=S BENCH_ARGS=--choose-workers` measured the claims list at 381, 380, 401 and
385 req/s with 2, 3, 4 and 6 workers: the same, as CPU-bound work on two cores should be, so
the default is the smallest count that keeps both cores busy while a worker waits on
Postgres (RELIABILITY.md, "Capacity and gunicorn").
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"

# The longest request line and header field gunicorn reads (its maxima). nginx in front
# (deploy/nginx.conf) refuses anything over 8 KiB first, in JSON; without a proxy, gunicorn's own
# refusal is an HTML page (README, "Docker").
limit_request_line = 8190
limit_request_field_size = 8190
