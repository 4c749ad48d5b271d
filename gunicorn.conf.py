"""gunicorn's configuration for `make run`, Docker and the benchmark (read from the working directory).

Sync workers, as many as WEB_CONCURRENCY says (default 3 on this 2-core machine).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
