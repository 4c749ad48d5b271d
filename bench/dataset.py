"""Make sure the benchmark database holds the dataset of a given size and seed.

The dataset is generated once: a `bench_dataset` table in the benchmark database records
the size, seed and generator version it was made with, and the load's rows/s. A database
holding something else (another seed, an older generator, a half-finished load) is
emptied and generated again.

    python scripts/localenv.py .venv/bin/python -m bench.dataset S [--seed 42]
"""

import argparse
import json
import os
import sys
import time
from typing import Any

from bench.database import bench_database_url, connect, ensure_database
from bench.generate import GENERATOR_VERSION, SIZES
from bench.loading import load

DEFAULT_SEED = 42


def setup_django(url: str) -> None:
    """Point Django at the benchmark database (with the benchmark's URLs) and set it up."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def recorded_dataset(connection: Any) -> dict[str, Any] | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_dataset (id int PRIMARY KEY DEFAULT 1 CHECK (id = 1), description jsonb)"
        )
        cursor.execute("SELECT description FROM bench_dataset")
        row = cursor.fetchone()
    connection.commit()
    return row[0] if row else None


def empty_tables(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE schemaname = 'public' "
            "AND (tablename LIKE 'facts\\_%' OR tablename = 'pghistory_context')"
        )
        tables = cursor.fetchone()[0]
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        cursor.execute("DELETE FROM bench_dataset")
    connection.commit()


def ensure_dataset(size_name: str, seed: int = DEFAULT_SEED, log: Any = print) -> dict[str, Any]:
    """Migrate the benchmark database and generate the dataset unless it is already there."""
    size = SIZES[size_name]
    url = bench_database_url(size_name)
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    connection = connect(url)
    wanted = {"size": size.name, "seed": seed, "generator": GENERATOR_VERSION}
    recorded = recorded_dataset(connection)
    if recorded and all(recorded.get(key) == value for key, value in wanted.items()):
        log(f"Dataset {size.name} (seed {seed}) is already in {url.rsplit('/', 1)[-1]}; not generating it again.")
        connection.close()
        return recorded
    log(f"Generating dataset {size.name} (seed {seed}) into {url.rsplit('/', 1)[-1]} with COPY…")
    empty_tables(connection)
    report = load(connection, size, seed, progress=log)
    log(f"  loaded {report.total_rows:,} rows in {report.wall_seconds:.0f} s: {report.rows_per_second:,.0f} rows/s")
    began = time.perf_counter()
    connection.autocommit = True
    with connection.cursor() as cursor:
        # Set hint bits and the visibility map, flush GIN pending lists, gather statistics.
        cursor.execute("VACUUM (ANALYZE)")
    vacuum_seconds = time.perf_counter() - began
    log(f"  VACUUM ANALYZE: {vacuum_seconds:.0f} s")
    connection.autocommit = False
    description = {
        **wanted,
        "rows": report.rows,
        "load_seconds": round(report.wall_seconds, 1),
        "rows_per_second": round(report.rows_per_second),
        "vacuum_seconds": round(vacuum_seconds, 1),
    }
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_dataset (description) VALUES (%s)", [json.dumps(description)])
    connection.commit()
    connection.close()
    return description


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    arguments = parser.parse_args(argv)
    print(json.dumps(ensure_dataset(arguments.size, arguments.seed), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
