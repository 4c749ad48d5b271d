"""Django's database cache with `set` as one Postgres upsert: the shared cache without Redis.

(Throttling once read and wrote its counts here on every request; it now counts in a table
of its own in one statement, facts/api/throttling.py.) Django's DatabaseCache
writes with three statements (it counts the whole table to decide whether to cull, then
SELECTs the key, then UPDATEs or INSERTs it); here a write is one
`INSERT … ON CONFLICT (cache_key) DO UPDATE`, and the count-and-cull runs on the first
write of each process and then at most once a CULL_SECONDS, through Django's own code. The
table, its rows and every other operation are Django's.
"""

import base64
import pickle
import time
from datetime import UTC, datetime
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router

CULL_SECONDS = 60


class PostgresDatabaseCache(DatabaseCache):
    next_cull = 0.0  # per process (time.monotonic)
    _table: str  # the table's name, set by BaseDatabaseCache.__init__ (django-stubs leaves it out)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        now = time.monotonic()
        if now >= PostgresDatabaseCache.next_cull:
            PostgresDatabaseCache.next_cull = now + CULL_SECONDS
            super().set(key, value, timeout, version)  # counts the rows, culls past MAX_ENTRIES
            return
        key = self.make_and_validate_key(key, version=version)
        seconds = self.get_backend_timeout(timeout)
        expires = datetime.max.replace(tzinfo=UTC) if seconds is None else datetime.fromtimestamp(seconds, tz=UTC)
        connection = connections[router.db_for_write(self.cache_model_class)]
        quote = connection.ops.quote_name
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(self._table)} (cache_key, value, expires) VALUES (%s, %s, %s) "
                "ON CONFLICT (cache_key) DO UPDATE SET value = EXCLUDED.value, expires = EXCLUDED.expires",
                [key, encoded, connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))],
            )
