"""The benchmark's own database: never the development or test data.

`DATABASE_URL` (set by scripts/localenv.py to the embedded Postgres, or by the user) names a
server; the benchmark uses a database of its own on it, `factbase_bench_<size>`, created when
missing. `BENCH_DATABASE_URL` overrides the whole URL.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg2


def bench_database_url(size: str) -> str:
    explicit = os.environ.get("BENCH_DATABASE_URL")
    if explicit:
        return explicit
    base = os.environ.get("DATABASE_URL")
    if not base:
        raise SystemExit("Set DATABASE_URL (or run through scripts/localenv.py, as `make bench` does).")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/factbase_bench_{size.lower()}"))


def connect(url: str) -> "psycopg2.extensions.connection":
    """A psycopg2 connection from a postgres:// URL (the host may be a socket directory)."""
    import dj_database_url

    config = dj_database_url.parse(url)
    return psycopg2.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )


def ensure_database(url: str) -> None:
    """Create the database named in the URL if it does not exist yet."""
    name = urlsplit(url).path.lstrip("/")
    admin_url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    connection = connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
