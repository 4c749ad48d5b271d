"""The throwaway Postgres: a cluster of the pgserver wheel's binaries in .local/faults, made anew every run.

It runs as the `pgserver` user when we are root (Postgres refuses to run as root), listens on a
Unix socket only, and may be stopped with `pg_ctl -m immediate`: the dev database is never touched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

from scripts.faults.common import run_checked


class Postgres:
    """One cluster: initdb, start, stop (in any mode), connections and client tools on its socket."""

    def __init__(self, work: Path) -> None:
        import pgserver._commands  # a dev dependency; the import only locates the binaries

        self.bin = Path(pgserver._commands.POSTGRES_BIN_PATH)
        self.data = work / "pgdata"
        self.sockets = work / "pgsock"
        self.logfile = work / "pglog" / "postgres.log"
        self.user = "pgserver" if os.geteuid() == 0 else None
        self.dbname = "factbase"

    def _run(self, program: str, *args: str, as_server: bool = False, timeout: float = 120) -> str:
        return run_checked(
            [str(self.bin / program), *args],
            f"{program} {' '.join(args)}",
            timeout=timeout,
            user=self.user if as_server else None,
        )

    def init(self) -> None:
        self.stop("immediate", missing_ok=True)
        if self.user:
            import pgserver.utils

            pgserver.utils.ensure_user_exists(self.user)  # a fresh machine has no such user yet
        for folder in (self.data, self.sockets, self.logfile.parent):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            if self.user:
                shutil.chown(folder, self.user, self.user)
        if self.user:
            # The server user must be able to reach its folders and run the binaries.
            pgserver.utils.ensure_prefix_permissions(self.data)
            pgserver.utils.ensure_prefix_permissions(self.bin)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", as_server=True)

    def start(self) -> None:
        options = f"-h '' -k {self.sockets}"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-o", options, "-w", "-t", "60", "start",
                  as_server=True, timeout=90)  # fmt: skip

    def stop(self, mode: str, *, missing_ok: bool = False) -> None:
        if missing_ok and not (self.data / "postmaster.pid").exists():
            return
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", as_server=True, timeout=90)

    @property
    def url(self) -> str:
        return self.url_for(self.dbname)

    def url_for(self, dbname: str) -> str:
        return f"postgres://postgres@{quote(str(self.sockets), safe='')}/{dbname}"

    def connect(self, dbname: str | None = None) -> Any:
        import psycopg2

        connection = psycopg2.connect(
            dbname=dbname or self.dbname, user="postgres", host=str(self.sockets), connect_timeout=10
        )
        connection.autocommit = True
        return connection

    def tool(self, program: str, *args: str, timeout: float = 300) -> str:
        """Run a client tool (psql, pg_dump, pg_restore) against this server's socket."""
        return self._run(program, "-h", str(self.sockets), "-U", "postgres", *args, timeout=timeout)
