"""CSV that survives a spreadsheet: fixed columns, formulas neutralised, whole lists streamed.

- **Columns**: a resource's CSV always has the same header, in the same order, whatever the
  rows hold: its list serializer's fields, nested objects flattened to dotted names
  (`passage.start`, `speaker.name`) whether a row has them or not (an empty cell when not).
  A list of values is one cell, joined by "; "; a JSON object (a proposal's `data`) one cell
  of JSON. A single record's CSV has its list's columns. URLs are the records' own, without
  `?format=csv`.
- **Formulas** (OWASP, "CSV Injection"): a text cell that a spreadsheet would read as a formula
  (it starts with =, +, -, @, a tab or a carriage return) is written with a ' in front, so it
  is shown as the text it is. Numbers (`-3.5`) are left as they are. Every cell is quoted.
- **Whole lists**: `format=csv` on a list without `cursor` or `page_size` streams every record
  the filters select, in the requested order, read a chunk at a time by keyset (the last
  row's sort key and id: no OFFSET), so memory stays the same however long the list.
- **File names**: `Content-Disposition: attachment; filename="factbase-claims-2026-12-03.csv"`,
  from the path (`people-2-claims`) and the day of the export (UTC).
"""

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import StreamingHttpResponse
from rest_framework import serializers
from rest_framework.request import Request

from facts.api.offsets import preload

CHUNK_SIZE = 1000
"""Records read and written at a time by a whole-list export."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def neutralise(text: str) -> str:
    """The cell as a spreadsheet should show it: text it would read as a formula gets a ' in front."""
    if text.startswith(FORMULA_STARTS) and not NUMBER.match(text):
        return "'" + text
    return text


def columns(serializer: serializers.BaseSerializer) -> list[str]:
    """The CSV columns of a serializer's output: its fields, nested serializers' fields dotted."""
    names: list[str] = []
    for name, field in getattr(serializer, "fields", {}).items():
        if isinstance(field, serializers.Serializer):
            names.extend(f"{name}.{nested}" for nested in columns(field))
        else:
            names.append(name)
    return names


def columns_for(view: Any) -> list[str]:
    """The columns of a resource's CSV: those of the serializer of its list items."""
    serializer_class = getattr(view, "csv_serializer_class", None) or view.serializer_class
    return columns(serializer_class(context={}))


def table(view: Any, data: Any) -> tuple[list[str], list[Any]]:
    """A response's rows (a page's results, a list, or one record) under the resource's header."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        rows = data["results"]
    else:
        rows = data if isinstance(data, list) else [data]
    return columns_for(view), rows


def cell(record: Any, path: Sequence[str]) -> str:
    """The text of one cell: the record's value at the column's path (["passage", "start"])."""
    value = record
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # a number never reads as a formula
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(item, dict) for item in value)):
        return neutralise(json.dumps(value, ensure_ascii=False, sort_keys=True))
    if isinstance(value, list):
        return neutralise("; ".join(str(item) for item in value))
    return neutralise(str(value))


class _Line:
    """A file-like object whose write() returns what was written: csv.writer then makes lines."""

    def write(self, text: str) -> str:
        return text


def csv_lines(records: Iterable[Any], header: Sequence[str], *, with_header: bool = True) -> Iterator[str]:
    """The header line, then a line per record (a dict, as the API represents it)."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    if with_header:
        # JSON-LD's keys (@type, author.@id) read as plain names in a spreadsheet's header.
        yield writer.writerow([neutralise(column.replace("@", "")) for column in header])
    paths = [column.split(".") for column in header]
    for record in records:
        yield writer.writerow([cell(record, path) for path in paths])


def file_name(request: Any) -> str:
    """factbase-<path>-<UTC date>.csv: factbase-claims-2026-12-03.csv, factbase-measures-1-comparison-…"""
    path = request.path.removeprefix("/api/v1/").strip("/").replace("/", "-") or "api"
    return f"factbase-{path}-{datetime.now(UTC).date().isoformat()}.csv"


def attachment(request: Any) -> str:
    return f'attachment; filename="{file_name(request)}"'


class WithoutFormat:
    """The request as links see it, without its `format` parameter.

    DRF's reverse() copies `format` into every URL it builds, so CSV cells would end in
    `?format=csv`; serialized for CSV, records get their plain URLs.
    """

    def __init__(self, request: Request) -> None:
        self._request = request
        self.GET = request.GET.copy()
        self.GET.pop("format", None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)


def keyset_chunks(records: QuerySet, ordering: Sequence[str], size: int = CHUNK_SIZE) -> Iterator[list[Any]]:
    """The records in `ordering` (a key, then the id in the same direction), `size` at a time.

    Each chunk starts after the last row of the one before (by its key and id), so reading
    the millionth row costs what reading the first does.
    """
    key = ordering[0].lstrip("-")
    descending = ordering[0].startswith("-")
    after: tuple[Any, Any] | None = None
    while True:
        chunk = records if after is None else records.filter(_after(key, descending, *after))
        rows = list(chunk[:size])
        if rows:
            yield rows
        if len(rows) < size:
            return
        after = (getattr(rows[-1], key), rows[-1].pk)


def _after(key: str, descending: bool, value: Any, pk: Any) -> Q:
    beyond = "lt" if descending else "gt"
    if key in ("id", "pk"):
        return Q(**{f"pk__{beyond}": pk})
    return Q(**{f"{key}__{beyond}": value}) | Q(**{key: value, f"pk__{beyond}": pk})


def stream_csv(
    view: Any, records: QuerySet, ordering: Sequence[str], serializer_class: type | None = None
) -> StreamingHttpResponse:
    """Every record of the filtered list as one CSV file, streamed a chunk at a time.

    The records are serialized as the list shows them (`serializer_class`, by default the
    view's list serializer: never a detail serializer and the queries its nested lists need).
    """
    serializer_class = serializer_class or view.serializer_class
    context = view.get_serializer_context()
    header = columns(serializer_class(context=context))

    def lines() -> Iterator[str]:
        yield from csv_lines([], header)
        for chunk in keyset_chunks(records, ordering):
            preload(context, chunk)
            data = serializer_class(chunk, many=True, context=context).data
            yield from csv_lines(data, header, with_header=False)

    response = StreamingHttpResponse(lines(), content_type=CSV_MEDIA_TYPE)
    response["Content-Disposition"] = attachment(view.request)
    return response


def csv_bytes(records: Iterable[Any], header: Sequence[str]) -> bytes:
    """Records (a page, one record, a comparison's figures) as a CSV file with its header."""
    return "".join(csv_lines(records, header)).encode("utf-8")
