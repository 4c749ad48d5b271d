"""Read replicas: which database each query goes to (settings.DATABASE_ROUTERS).

Everything uses the primary ("default") unless the request being answered allows replica
reads (`replica_reads`, entered by facts.middleware.ReplicaReadsMiddleware for a safe-method
request of a client that has not written lately). Then reads of the facts (the `facts` app's
tables) go to one healthy replica, the same one for the whole request; accounts, tokens,
sessions, the throttling cache and the job queue are always read on the primary (small
lookups by key, and a revoked token must stop working at once). Writes, migrations, the
admin, commands and background jobs never enter `replica_reads`, so they use the primary.

A replica is healthy when it answers and is at most DATABASE_REPLICA_MAX_LAG_SECONDS behind
(`pg_last_xact_replay_timestamp`); each process measures that at most once every
DATABASE_REPLICA_CHECK_SECONDS per replica. With no healthy replica, reads use the primary.
"""

import contextlib
import logging
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Model

logger = logging.getLogger(__name__)

PRIMARY = "default"
# The apps whose tables replicas serve.
REPLICA_APPS = frozenset({"facts"})

# How far behind the primary a replica is, in seconds. A server not in recovery is a primary
# (lag 0); a standby that has replayed all it received while its WAL receiver runs is
# current; otherwise the lag is the age of the last transaction it replayed (infinite if none).
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver)
        THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 'Infinity')
END
"""


def replica_lag(alias: str) -> float:
    """Seconds the replica is behind the primary (raises DatabaseError when it cannot answer)."""
    with connections[alias].cursor() as cursor:
        cursor.execute(LAG_SQL)
        return float(cursor.fetchone()[0])


class ReplicaHealth:
    """Each replica's health as last measured in this process, trusted for DATABASE_REPLICA_CHECK_SECONDS."""

    def __init__(self) -> None:
        self.measured: dict[str, tuple[float, bool]] = {}

    def healthy(self, alias: str) -> bool:
        last = self.measured.get(alias)
        if last is not None and time.monotonic() - last[0] < settings.DATABASE_REPLICA_CHECK_SECONDS:
            return last[1]
        healthy = self.measure(alias)
        self.measured[alias] = (time.monotonic(), healthy)
        return healthy

    def measure(self, alias: str) -> bool:
        try:
            lag = replica_lag(alias)
        except DatabaseError as error:
            logger.warning("Replica %s is unreachable; reading from the primary: %s", alias, error)
            _close_quietly(alias)
            return False
        if lag > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
            logger.warning("Replica %s is %.1f s behind; reading from the primary.", alias, lag)
            return False
        return True

    def forget(self, alias: str) -> None:
        """Measure the replica again before its next use (a request on it failed)."""
        self.measured.pop(alias, None)
        _close_quietly(alias)


def _close_quietly(alias: str) -> None:
    # A broken connection may fail to close: it is gone already, which is all closing it was for.
    with contextlib.suppress(DatabaseError):
        connections[alias].close()


health = ReplicaHealth()


@dataclass
class ReplicaReads:
    """A request's permission to read from replicas, and the replica it settled on."""

    allowed: bool = True
    alias: str | None = None
    chosen: bool = False
    used: set[str] = field(default_factory=set)

    def choose(self) -> str | None:
        if not self.chosen:
            candidates = [alias for alias in settings.DATABASE_REPLICAS if health.healthy(alias)]
            self.alias = random.choice(candidates) if candidates else None
            self.chosen = True
        if self.alias is not None:
            self.used.add(self.alias)
        return self.alias

    def use_primary(self) -> None:
        """From now on this request reads from the primary (its replica failed)."""
        self.allowed = False


_reads: ContextVar[ReplicaReads | None] = ContextVar("factbase_replica_reads", default=None)


@contextmanager
def replica_reads() -> Iterator[ReplicaReads]:
    """Within the block, reads of the facts may go to a healthy replica."""
    reads = ReplicaReads()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


class ReplicaRouter:
    """Reads in `replica_reads` to a healthy replica; everything else to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        reads = _reads.get()
        if reads is None or not reads.allowed or model._meta.app_label not in REPLICA_APPS:
            return PRIMARY
        return reads.choose() or PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Replicas hold the primary's data: a record read from one relates to any other.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # Replicas get the schema by replication.
        return db == PRIMARY
