"""pg_dump under load from an exported snapshot, pg_restore into a fresh database: the copy is identical.

Also the check at the end of a run: every acknowledged write of the whole run, and verify_passages.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from scripts.faults.fingerprint import compare_fingerprints, database_fingerprint
from scripts.faults.ledger import verify_ledger
from scripts.faults.run import Row, Run


class _Snapshot:
    """The event of the phase: one exported snapshot both dumped and fingerprinted, while writes go on."""

    def __init__(self, run: Run, dump: Path) -> None:
        self.run = run
        self.dump = dump
        self.taken: dict[str, Any] = {}

    def backup(self) -> None:
        taken, pg = self.taken, self.run.pg
        connection = pg.connect()
        connection.autocommit = False
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            taken["at"] = time.monotonic()
            started = time.monotonic()
            pg.tool("pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(self.dump), pg.dbname)
            taken["dump_seconds"] = time.monotonic() - started
            taken["fingerprint"] = database_fingerprint(cursor)
        connection.rollback()
        connection.close()


def _restore(run: Run, dump: Path, restored: str) -> dict[str, Any]:
    """pg_restore the dump into a new database `restored`; its fingerprint."""
    connection = run.pg.connect("postgres")
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored}"')
    connection.close()
    run.pg.tool("pg_restore", "--exit-on-error", "-d", restored, str(dump))
    copy_connection = run.pg.connect(restored)
    with copy_connection.cursor() as cursor:
        copy = database_fingerprint(cursor)
    copy_connection.close()
    return copy


def scenario_backup(run: Run, c: float) -> None:
    dump = run.work / "factbase.dump"
    restored = f"factbase_restore_{run.run_id}"
    snapshot = _Snapshot(run, dump)
    phase = run.load("backup under load", run.fault_rate(c), 15, write_fraction=run.s.fault_write_fraction,
                     events=[(3, "backup", snapshot.backup)])  # fmt: skip
    taken = snapshot.taken
    differences = compare_fingerprints(taken["fingerprint"], _restore(run, dump, restored))
    missing = verify_ledger(run.pg, run.ledger, dbname=restored, acked_before=taken["at"])
    verify_ok, verify_output = True, ""
    try:
        verify_output = run.app.manage("verify_passages", database_url=run.pg.url_for(restored)).strip()
    except RuntimeError as error:
        verify_ok, verify_output = False, str(error)
    tables = taken["fingerprint"]["tables"]
    rows = sum(count for count, _ in tables.values())
    passed = not differences and not missing and verify_ok and bool(tables)
    run.rows.append(
        Row(
            "pg_dump under load → pg_restore into a fresh database",
            passed,
            f"{len(tables)} tables, {rows} rows, {len(taken['fingerprint']['objects'])} schema objects, "
            f"dump {dump.stat().st_size // 1024} KiB in {taken['dump_seconds']:.1f} s during "
            f"{phase.sent} requests: {len(differences)} differences in counts/checksums/sequences/schema; "
            f"acknowledged writes missing from the copy {len(missing)}; verify_passages "
            f"{'ok' if verify_ok else 'FAILED'}",
            differences[:20] + missing[:20] + ([] if verify_ok else [verify_output[-2000:]]),
        )
    )


def final_check(run: Run) -> None:
    problems = verify_ledger(run.pg, run.ledger)
    articles, claims = run.ledger.size()
    verify_ok = True
    try:
        run.app.manage("verify_passages")
    except RuntimeError:
        verify_ok = False
    run.rows.append(
        Row(
            "every acknowledged write, at the end",
            not problems and verify_ok,
            f"{articles} articles + {claims} claims acknowledged, {len(problems)} missing/changed; "
            f"verify_passages {'ok' if verify_ok else 'FAILED'}",
            problems[:20],
        )
    )
