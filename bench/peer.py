"""The peer: Datasette serving a SQLite copy of the same dataset, over HTTP, beside Factbase.

A data journalist's alternative to Factbase's API. The copy (.local/bench-<size>.sqlite3, made
once per dataset) holds the articles, people and claims with the columns the compared requests
read, an index for a speaker's claims, and an FTS5 index of the claims' text. Datasette serves
it immutable (`-i`: no change checks, as it recommends for published data), with canned queries:

- a speaker's 20 newest claims (a canned query: no row count, no facet suggestions),
- a claim by id (Datasette's row page, `/bench/claims/<id>.json`),
- ranked full-text search (`claims_fts MATCH :q ORDER BY rank`, which is bm25 in FTS5).
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import HOST

ROOT = Path(__file__).resolve().parent.parent
# Bumped when the copy's tables change, so an old copy is made again.
COPY_VERSION = 1

TABLES = {
    "articles": "SELECT id, title, publisher, published_on::text, url FROM facts_article ORDER BY id",
    "people": "SELECT id, name, array_to_json(aliases)::text FROM facts_person ORDER BY id",
    "claims": (
        'SELECT id, article_id, start, "end", exact, prefix, suffix, kind, speaker_person_id, '
        "speaker_organization_id, speaker_group, review_status, created_at::text, updated_at::text "
        "FROM facts_claim ORDER BY id"
    ),
}
SCHEMA = """
CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, publisher TEXT, published_on TEXT, url TEXT);
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, aliases TEXT);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY, article_id INTEGER REFERENCES articles(id), start INTEGER, "end" INTEGER,
    exact TEXT, prefix TEXT, suffix TEXT, kind TEXT, speaker_person_id INTEGER REFERENCES people(id),
    speaker_organization_id INTEGER, speaker_group TEXT, review_status TEXT, created_at TEXT, updated_at TEXT
);
CREATE TABLE copy_of (description TEXT);
"""
AFTER_LOAD = """
CREATE INDEX claims_speaker ON claims (speaker_person_id, id);
CREATE VIRTUAL TABLE claims_fts USING fts5(exact, content='claims', content_rowid='id', tokenize='porter');
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
ANALYZE;
"""
CANNED = {
    "speaker_claims": (
        'SELECT c.id, c.kind, c.exact, c.start, c."end", c.review_status, c.created_at, a.id AS article_id, '
        "a.title AS article_title, p.name AS speaker FROM claims c JOIN articles a ON a.id = c.article_id "
        "JOIN people p ON p.id = c.speaker_person_id WHERE c.speaker_person_id = :speaker ORDER BY c.id DESC LIMIT 20"
    ),
    "search": (
        "SELECT c.id, c.kind, c.exact, c.article_id, c.speaker_person_id FROM claims_fts "
        "JOIN claims c ON c.id = claims_fts.rowid WHERE claims_fts MATCH :q ORDER BY claims_fts.rank LIMIT 20"
    ),
}


def copy_path(size: str) -> Path:
    return ROOT / ".local" / f"bench-{size.lower()}.sqlite3"


def make_copy(size: str, dataset: dict[str, Any], postgres: Any, log: Any = print, path: Path | None = None) -> Path:
    """The SQLite copy of the dataset in the `postgres` connection; made again only when the dataset changed."""
    path = path or copy_path(size)
    wanted = json.dumps({"copy": COPY_VERSION, "dataset": dataset}, sort_keys=True)
    if path.exists():
        with sqlite3.connect(path) as existing:
            if existing.execute("SELECT description FROM copy_of").fetchone() == (wanted,):
                return path
        path.unlink()
    began = time.perf_counter()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    target.executescript(SCHEMA)
    for table, select in TABLES.items():
        with postgres.cursor(name=f"copy_{table}") as rows:  # server-side: the rows stream
            rows.itersize = 20_000
            rows.execute(select)
            batch = rows.fetchmany(20_000)
            while batch:
                width = len(batch[0])
                target.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", batch)
                batch = rows.fetchmany(20_000)
    target.executescript(AFTER_LOAD)
    target.execute("INSERT INTO copy_of VALUES (?)", [wanted])
    target.commit()
    target.close()
    partial.rename(path)
    log(f"  SQLite copy for Datasette: {path} in {time.perf_counter() - began:.0f} s")
    return path


def start_datasette(path: Path, port: int) -> subprocess.Popen:
    """Datasette on 127.0.0.1:port serving the copy immutable, with the canned queries."""
    metadata = path.with_suffix(".metadata.json")
    metadata.write_text(json.dumps({"databases": {"bench": {"queries": {k: {"sql": v} for k, v in CANNED.items()}}}}))
    linked = path.with_name("bench.db")  # Datasette names the database after the file
    if linked.is_symlink() or linked.exists():
        linked.unlink()
    linked.symlink_to(path.name)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "datasette"),
            "serve",
            "-i",
            str(linked),
            "--host",
            HOST,
            "--port",
            str(port),
            "--metadata",
            str(metadata),
            "--setting",
            "num_sql_threads",
            "3",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return process
        except OSError:
            time.sleep(0.3)
    stop_datasette(process)
    raise RuntimeError("Datasette did not start")


def stop_datasette(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def compared_paths(speakers: list[int], claim_ids: list[int], terms: dict[str, list[str]]) -> dict[str, Any]:
    """The compared requests on each side: for each, the list of paths wrk goes round (the same parameters)."""
    searched = {bucket: words for bucket, words in terms.items() if bucket in ("common", "medium")}
    return {
        "factbase": {
            "speaker_claims": [f"/api/v1/claims/?speaker_person={s}&page_size=20" for s in speakers],
            "claim_by_id": [f"/api/v1/claims/{i}/" for i in claim_ids],
            **{f"search_{b}": [f"/api/v1/claims/?q={w}&page_size=20" for w in words] for b, words in searched.items()},
        },
        "datasette": {
            "speaker_claims": [f"/bench/speaker_claims.json?speaker={s}&_shape=array" for s in speakers],
            "claim_by_id": [f"/bench/claims/{i}.json?_shape=array" for i in claim_ids],
            **{
                f"search_{b}": [f"/bench/search.json?q={w}&_shape=array" for w in words]
                for b, words in searched.items()
            },
        },
    }
