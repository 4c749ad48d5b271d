"""Throttling: one count per client, kept where every worker and every app server sees it.

A request costs one round trip to that store: one atomic increment-with-expiry, whose answer
is the client's count in the current window.

- Redis (when the cache is Redis, REDIS_URL): `INCR` and `EXPIRE` in one pipeline, on a key
  per client and window.
- Otherwise Postgres: one `INSERT … ON CONFLICT … DO UPDATE … RETURNING` on the unlogged table
  `factbase_throttle` (migration 0015), one row per client.
"""

import math
import time
from datetime import UTC, datetime
from typing import Any, cast

from django.conf import settings
from django.core.cache import BaseCache, cache
from django.db import connection
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

THROTTLE_TABLE = "factbase_throttle"
# How often (per process) the counting statement also removes the rows of clients whose window
# has ended, so the table holds about one row per recent client.
CULL_SECONDS = 60

# The row's count carries on within its window and starts again at 1 in a new one. The expired
# rows of other clients go in the same statement, at most once a CULL_SECONDS per process (a
# data-modifying WITH: still one round trip). Excluding the counted key keeps the two parts of the
# statement off the same row.
COUNT_SQL = f"""
INSERT INTO {THROTTLE_TABLE} AS t (key, time_window, count, expires) VALUES (%(key)s, %(window)s, 1, %(expires)s)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN t.time_window = EXCLUDED.time_window THEN t.count + 1 ELSE 1 END,
    time_window = EXCLUDED.time_window,
    expires = EXCLUDED.expires
RETURNING count
"""
CULL_AND_COUNT_SQL = (
    f"WITH culled AS (DELETE FROM {THROTTLE_TABLE} WHERE expires < now() AND key <> %(key)s) " + COUNT_SQL
)


def uses_redis() -> bool:
    return settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


class PostgresCounter:
    """Counts in Postgres, on the default database connection (the request's own)."""

    next_cull = 0.0  # per process (time.monotonic)

    def count(self, key: str, window: int, window_ends: float, seconds_left: int) -> int:
        now = time.monotonic()
        sql = COUNT_SQL
        if now >= PostgresCounter.next_cull:
            PostgresCounter.next_cull = now + CULL_SECONDS
            sql = CULL_AND_COUNT_SQL
        with connection.cursor() as cursor:
            expires = datetime.fromtimestamp(window_ends, tz=UTC)
            cursor.execute(sql, {"key": key, "window": window, "expires": expires})
            return int(cursor.fetchone()[0])


class RedisCounter:
    """Counts in the Redis of a Django RedisCache: the key names the window, so a new window starts at 0."""

    def __init__(self, redis_cache: BaseCache) -> None:
        self.cache = redis_cache

    def count(self, key: str, window: int, window_ends: float, seconds_left: int) -> int:
        redis_key = self.cache.make_and_validate_key(f"{key}:{window}")
        # Django's RedisCache keeps its redis-py clients (one per server) in _cache.
        client = self.cache._cache.get_client(redis_key, write=True)  # type: ignore[attr-defined]
        pipeline = client.pipeline(transaction=False)
        pipeline.incr(redis_key)
        # Relative to Redis's clock (an app server's may differ), a second past the window's end.
        pipeline.expire(redis_key, seconds_left + 1)
        count, _expiry_set = pipeline.execute()
        return int(count)


def counter() -> PostgresCounter | RedisCounter:
    return RedisCounter(cache) if uses_redis() else PostgresCounter()


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per signed-in account (rate `user`) or, for anonymous clients, per address (`anon`).

    One throttle rather than DRF's pair of anonymous and user throttles, so each request costs
    one round trip. The count is kept per fixed window (the rate's minute, hour...), rather than
    DRF's list of every request's time: a client may therefore send up to twice its rate across
    the boundary of two windows. The increment is atomic, so the count is exact however many
    workers count the same client at the same instant; a refused request is counted too (it cost
    a round trip), which only makes a client that keeps knocking wait for the next window.
    """

    scope = "anon"  # until the request says who the client is

    def allow_request(self, request: Request, view: Any) -> bool:
        self.scope = "user" if request.user and request.user.is_authenticated else "anon"
        self.rate = self.get_rate()
        # Both scopes have a rate (factbase/settings.py's env_rate), so neither number is None.
        self.num_requests, self.duration = cast("tuple[int, int]", self.parse_rate(self.rate))
        self.key = self.get_cache_key(request, view)
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = float((window + 1) * self.duration)
        count = counter().count(self.key, window, self.window_ends, int(self.wait()))
        return count <= self.num_requests

    def wait(self) -> float:
        """Whole seconds until the window ends (Retry-After)."""
        return max(1, math.ceil(self.window_ends - self.now))

    def get_cache_key(self, request: Request, view: Any) -> str:
        if self.scope == "user":
            return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
