"""Loading generated data: COPY of each batch through psycopg2, generation and COPY overlapping, ids and sequences.

Rows get explicit ids after the current maximum of each table (first_free_ids), so loading into
a database that already holds data (the test database) is safe; the sequences are set past
them at the end.
"""

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.copy_format import COLUMNS, LOAD_ORDER, Tables
from bench.generate import Generator, Size


@dataclass
class LoadReport:
    rows: dict[str, int]
    copy_seconds: float
    wall_seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.wall_seconds if self.wall_seconds else 0.0


def copy_tables(cursor: Any, tables: Tables) -> None:
    """COPY one batch into the database, tables in foreign-key order."""
    for table in LOAD_ORDER:
        buffer = tables.buffers.get(table)
        if buffer is None:
            continue
        buffer.seek(0)
        columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
        statement = f"COPY {table} ({columns}) FROM STDIN"
        if hasattr(cursor, "copy_expert"):  # psycopg2 (the benchmark's own connections)
            cursor.copy_expert(statement, buffer)
        else:  # psycopg 3 (Django's connection, since procrastinate brought it in)
            with cursor.copy(statement) as copy:
                copy.write(buffer.read())


def first_free_ids(cursor: Any) -> dict[str, int]:
    """The id after the highest of each generated table."""
    ids = {}
    for table in COLUMNS:
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
        ids[table] = cursor.fetchone()[0]
    return ids


def reset_sequences(cursor: Any) -> None:
    for table in COLUMNS:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}")


class _Copier:
    """COPY of one batch at a time, in its own transaction (committed unless told not to), timed.

    Runs in a thread while the next batch is generated; an error is kept for the main thread.
    """

    def __init__(self, connection: Any, size: Size, seed: int, commit: bool) -> None:
        self.connection = connection
        self.commit = commit
        self.seconds = 0.0
        self.rows: dict[str, int] = {}
        self.error: list[BaseException] = []
        self.context = [
            str(uuid.uuid5(uuid.NAMESPACE_URL, f"factbase-bench:{size.name}:{seed}")),
            json.dumps({"bench": "generate", "size": size.name, "seed": seed}),
        ]

    def copy(self, tables: Tables) -> None:
        try:
            began = time.perf_counter()
            with self.connection.cursor() as cursor:
                # Every trigger stays on (passage checks, history). The history triggers read
                # two settings and, when one is unset, catch the error in a subtransaction for
                # every row, which is most of their cost: set them for the transaction.
                # pgtrigger.ignore is the empty list (no trigger is skipped), and the load's
                # history events carry one context naming it.
                cursor.execute(
                    "SELECT set_config('pgtrigger.ignore', '{}', true), set_config('pghistory.context_id', %s, true), "
                    "set_config('pghistory.context_metadata', %s, true)",
                    self.context,
                )
                copy_tables(cursor, tables)
            if self.commit:
                self.connection.commit()
            self.seconds += time.perf_counter() - began
        except BaseException as exc:  # re-raised in the main thread
            self.error.append(exc)

    def count(self, tables: Tables) -> None:
        for table, n in tables.rows.items():
            self.rows[table] = self.rows.get(table, 0) + n

    def raise_error(self) -> None:
        if self.error:
            raise self.error[0]


def load(
    connection: Any,
    size: Size,
    seed: int,
    batch_size: int = 500,
    progress: Callable[[str], None] | None = None,
    commit: bool = True,
) -> LoadReport:
    """Generate and COPY a dataset through a psycopg2 connection, one transaction per batch.

    Generation (Python) and COPY (the server) overlap: a batch is copied in a thread while
    the next is generated.
    """
    with connection.cursor() as cursor:
        generator = Generator(size, seed, first_ids=first_free_ids(cursor))
    started = time.perf_counter()
    copier = _Copier(connection, size, seed, commit)
    actors = generator.actors()
    copier.copy(actors)
    copier.count(actors)
    worker: threading.Thread | None = None
    done = 0
    for tables in generator.batches(batch_size):
        if worker is not None:
            worker.join()
        copier.raise_error()
        worker = threading.Thread(target=copier.copy, args=(tables,))
        worker.start()
        copier.count(tables)
        done += tables.rows.get("facts_article", 0)
        if progress and done % (batch_size * 20) == 0:
            elapsed = time.perf_counter() - started
            progress(f"  {done:,}/{size.articles:,} articles, {sum(copier.rows.values()):,} rows, {elapsed:.0f} s")
    if worker is not None:
        worker.join()
    copier.raise_error()
    with connection.cursor() as cursor:
        reset_sequences(cursor)
    if commit:
        connection.commit()
    return LoadReport(rows=copier.rows, copy_seconds=copier.seconds, wall_seconds=time.perf_counter() - started)
