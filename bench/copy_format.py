"""The tables the generator fills, in Postgres COPY text format: their columns, load order and escaping."""

import io
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Tables:
    """COPY text of each table for one batch, with row counts."""

    buffers: dict[str, io.StringIO] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    records: dict[str, list[dict[str, Any]]] | None = None
    """The rows as dicts too, when asked for (to load the same rows through the app)."""

    def add(self, table: str, values: list[Any]) -> None:
        if self.records is not None:
            self.records.setdefault(table, []).append(dict(zip(COLUMNS[table], values, strict=True)))
        buffer = self.buffers.setdefault(table, io.StringIO())
        buffer.write("\t".join(copy_value(value) for value in values))
        buffer.write("\n")
        self.rows[table] = self.rows.get(table, 0) + 1


def copy_value(value: Any) -> str:
    """One value as COPY text: \\N for NULL, escaped text, a text array as {"…","…"}."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, list):
        return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value) + "}"
    return str(value)


_ROW = ["id", "created_at", "updated_at"]
_PASSAGE = [*_ROW, "start", "end", "exact", "prefix", "suffix"]  # a passage of its article, with context
_SPEAKER = ["speaker_organization_id", "speaker_person_id"]

COLUMNS = {
    "facts_person": [*_ROW, "name", "aliases"],
    "facts_organization": [*_ROW, "name", "aliases"],
    "facts_measure": [*_ROW, "name", "description", "unit"],
    "facts_article": [*_ROW, "body", "sha256", "title", "publisher", "url", "language", "published_on"],
    "facts_claim": [
        *_PASSAGE,
        "speaker_group",
        "kind",
        "attribution_start",
        "attribution_end",
        "attribution_exact",
        "review_status",
        "article_id",
        *_SPEAKER,
    ],
    "facts_figure": [
        *_PASSAGE,
        "speaker_group",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "place",
        "period",
        "article_id",
        "claim_id",
        "measure_id",
        *_SPEAKER,
    ],
    "facts_mention": [*_PASSAGE, "article_id", "organization_id", "person_id"],
    "facts_role": [*_PASSAGE, "title", "affiliation_id", "article_id", "organization_id", "person_id"],
}
LOAD_ORDER = list(COLUMNS)
