"""Ingestion: the same generated articles with their claims and figures, COPY against the app's ways in.

Each path runs in a transaction that is rolled back, so the dataset stays as it is: COPY (every
trigger on), the bulk import (facts.services.articles_import, with and without the extractor), the
services one record at a time, and the API one POST per record (bench/ingestion_app.py).
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.copy_format import Tables
from bench.generate import Generator, Size
from bench.ingestion_app import api_client, through_api, through_services
from bench.loading import copy_tables, first_free_ids


@dataclass
class Ingestion:
    """The rows every path ingests: as COPY text, as records (dicts by table), and their number."""

    tables: Tables
    records: dict[str, list[dict[str, Any]]]
    rows: int


def generate_rows(seed: int, articles: int) -> Ingestion:
    """New articles (ids after the dataset's) whose speakers and measures are the dataset's own (ids 1..n)."""
    from django.db import connection

    with connection.cursor() as cursor:
        first = first_free_ids(cursor.cursor)
        counts = {}
        for table in ("facts_person", "facts_organization", "facts_measure"):
            cursor.execute(f"SELECT max(id) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    first |= {"facts_person": 1, "facts_organization": 1, "facts_measure": 1}
    size = Size(
        "ingest",
        articles=articles,
        people=counts["facts_person"],
        organizations=counts["facts_organization"],
        measures=counts["facts_measure"],
    )
    generator = Generator(size, seed + 1000, first_ids=first)
    tables = next(generator.batches(articles, records=True))
    for table in ("facts_person", "facts_organization", "facts_measure"):
        tables.buffers.pop(table, None)
        tables.rows.pop(table, None)
    rows = sum(n for table, n in tables.rows.items() if table in ("facts_article", "facts_claim", "facts_figure"))
    for table in ("facts_mention", "facts_role"):
        tables.buffers.pop(table, None)
    assert tables.records is not None
    return Ingestion(tables, tables.records, rows)


def rolled_back(action: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds `action` takes inside a transaction that is then rolled back, and what it returned."""
    from django.db import transaction

    with transaction.atomic():
        began = time.perf_counter()
        value = action()
        elapsed = time.perf_counter() - began
        transaction.set_rollback(True)
    return elapsed, value


def through_copy(ingestion: Ingestion) -> float:
    from django.db import connection

    def copy() -> None:
        with connection.cursor() as cursor:
            copy_tables(cursor.cursor, ingestion.tables)

    return rolled_back(copy)[0]


def _batch_claim(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "exact": claim["exact"],
        "start": claim["start"],
        "kind": claim["kind"],
        "speaker_person": claim["speaker_person_id"],
        "speaker_organization": claim["speaker_organization_id"],
        "speaker_group": claim["speaker_group"],
        "attribution_exact": claim["attribution_exact"],
        "attribution_start": claim["attribution_start"],
    }


def _batch_figure(figure: dict[str, Any], claim_positions: dict[int, int]) -> dict[str, Any]:
    return {
        "exact": figure["exact"],
        "start": figure["start"],
        "qualifier": figure["qualifier"],
        "value": figure["value"],
        "low": figure["low"],
        "high": figure["high"],
        "unit": figure["unit"],
        "place": figure["place"],
        "period": figure["period"],
        "measure": figure["measure_id"],
        "claim": claim_positions.get(figure["claim_id"]),
        "speaker_person": figure["speaker_person_id"],
        "speaker_organization": figure["speaker_organization_id"],
        "speaker_group": figure["speaker_group"],
    }


def batch_entries(records: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The same records as import_articles reads them: claims and figures inside their article."""
    claim_positions: dict[int, int] = {}
    entries: dict[int, dict[str, Any]] = {}
    for record in records["facts_article"]:
        entries[record["id"]] = {
            "body": record["body"],
            "title": record["title"],
            "publisher": record["publisher"],
            "source_url": record["url"],
            "language": record["language"],
            "published_on": str(record["published_on"]) if record["published_on"] else None,
            "claims": [],
            "figures": [],
        }
    for claim in records["facts_claim"]:
        claims = entries[claim["article_id"]]["claims"]
        claim_positions[claim["id"]] = len(claims)
        claims.append(_batch_claim(claim))
    for figure in records["facts_figure"]:
        entries[figure["article_id"]]["figures"].append(_batch_figure(figure, claim_positions))
    return list(entries.values())


def through_batch(entries: list[dict[str, Any]], rows: int, extract: bool) -> float:
    from facts.services import articles_import

    elapsed, result = rolled_back(lambda: articles_import(entries=entries, extract=extract))
    if result.claims + result.figures + result.created != rows:
        raise RuntimeError(f"the batch stored {result} of {rows} rows")
    return elapsed


def _time_paths(ingestion: Ingestion, token: str) -> dict[str, list[float]]:
    """Each path several times, COPY between them so that drift of the machine hits both alike."""
    entries, rows = batch_entries(ingestion.records), ingestion.rows
    through_copy(ingestion)  # warm up
    through_batch(entries, rows, extract=False)
    timings: dict[str, list[float]] = {"copy": [], "batch": [], "batch_extract": [], "services": [], "api": []}
    for _ in range(5):
        timings["copy"].append(through_copy(ingestion))
        timings["batch"].append(through_batch(entries, rows, extract=False))
        timings["copy"].append(through_copy(ingestion))
        timings["batch_extract"].append(through_batch(entries, rows, extract=True))
    for _ in range(3):
        timings["copy"].append(through_copy(ingestion))
        timings["services"].append(rolled_back(lambda: through_services(ingestion.records))[0])
    client = api_client(token)
    timings["api"].append(rolled_back(lambda: through_api(ingestion.records, client))[0])
    return timings


def run_ingestion(seed: int, articles: int, token: str, log: Callable[[str], None]) -> dict[str, Any]:
    """The same generated articles, claims and figures: COPY against the app, rolled back."""
    ingestion = generate_rows(seed, articles)
    rows = ingestion.rows
    timings = _time_paths(ingestion, token)
    result: dict[str, Any] = {"articles": articles, "rows": rows}
    for path, values in timings.items():
        result[f"{path}_rows_per_second"] = round(rows / statistics.median(values))
    for path in ("batch", "batch_extract", "services", "api"):
        result[f"{path}_vs_copy"] = round(result[f"{path}_rows_per_second"] / result["copy_rows_per_second"], 3)
    log(
        "  "
        + ", ".join(
            f"{path} {result[f'{path}_rows_per_second']:,} rows/s"
            + (f" (×{result[f'{path}_vs_copy']})" if path != "copy" else "")
            for path in timings
        )
    )
    return result
