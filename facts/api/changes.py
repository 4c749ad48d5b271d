"""The change feed: every insert, update, merge and delete, from the history, in an order that only grows.

The events are django-pghistory's (one table per resource, written by triggers, so raw SQL
and bulk updates are in it too). Each carries the id of the transaction that wrote it
(`pgh_xact`, facts.models.Event). The feed is ordered by (transaction id, resource, event
id) and serves only the events of transactions below the oldest one still in progress: a
transaction that began earlier but commits later has a lower id than that, so it cannot add
an event behind a position the feed has already handed out. A client that keeps `next` and
polls with it never misses an event and never sees one twice. The cost is that an event
waits until every transaction that began before its own has ended (normally milliseconds;
an editor's session left open in a transaction holds the feed back until it ends).

The cursor (`after`) is the position of the last event served, opaque to clients.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from rest_framework.exceptions import NotFound

from facts.api.representations import Links
from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Person, Proposal, Role, Timestamped

# Resources in the order events of one transaction are listed, with their label field.
RESOURCES: list[tuple[str, type[Timestamped], Any]] = [
    ("article", Article, Coalesce("title", "sha256")),
    ("person", Person, F("name")),
    ("organization", Organization, F("name")),
    ("measure", Measure, F("name")),
    ("claim", Claim, F("exact")),
    ("figure", Figure, F("exact")),
    ("mention", Mention, F("exact")),
    ("role", Role, F("exact")),
    ("proposal", Proposal, F("exact")),
]
RESOURCE_NAMES = [name for name, _, _ in RESOURCES]

# The oldest transaction still in progress, in the statement's own snapshot: every event
# below it is committed (and visible to this statement) or was rolled back.
SETTLED = RawSQL("pg_snapshot_xmin(pg_current_snapshot())::text::bigint", [])
FIELDS = ("pgh_xact", "rank", "pgh_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "label", "deleted_row")


@dataclass(frozen=True, order=True)
class Position:
    """Where an event sits in the feed: its transaction, its resource's rank, its id."""

    xact: int
    rank: int
    event: int

    def encode(self) -> str:
        return base64.urlsafe_b64encode(f"{self.xact}.{self.rank}.{self.event}".encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Position":
        try:
            padded = text + "=" * (-len(text) % 4)
            xact, rank, event = (int(part) for part in base64.urlsafe_b64decode(padded).decode("ascii").split("."))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise NotFound(NOT_A_POSITION) from None
        if not (0 <= rank < len(RESOURCES) and xact >= 0 and event >= 0):
            raise NotFound(NOT_A_POSITION)
        return cls(xact, rank, event)


START = Position(0, 0, 0)
# As DRF answers a list's cursor it did not make: 404.
NOT_A_POSITION = "Invalid cursor: `after` is not a position this feed gave; send the `next` of a page."


def _events(rank: int, model: type[Timestamped], label: Any, after: Position) -> QuerySet:
    """The resource's settled events after the position, in feed order, as dicts of FIELDS."""
    events = model.pgh_event_model.objects.filter(pgh_xact__lt=SETTLED)
    if rank > after.rank:
        events = events.filter(pgh_xact__gte=after.xact)
    elif rank == after.rank:
        events = events.filter(pgh_xact__gt=after.xact) | events.filter(pgh_xact=after.xact, pgh_id__gt=after.event)
    else:
        events = events.filter(pgh_xact__gt=after.xact)
    table = model.pgh_event_model._meta.db_table
    deleted = Case(When(pgh_label="delete", then=RawSQL(f'to_jsonb("{table}".*)', [])), default=None)
    return (
        events.annotate(rank=Value(rank), label=Cast(label, CharField()), deleted_row=deleted)
        .values(*FIELDS)
        .order_by("pgh_xact", "pgh_id")
    )


def read(after: Position, limit: int, resources: list[str]) -> list[dict[str, Any]]:
    """Up to `limit` settled events after the position, of the resources named, in feed order."""
    parts = [
        _events(rank, model, label, after)[:limit]
        for rank, (name, model, label) in enumerate(RESOURCES)
        if name in resources
    ]
    if not parts:
        return []
    # One statement (so one snapshot for all the tables): each part takes its own index in
    # feed order, and the union's first `limit` rows are the feed's. (Django's union() cannot
    # order a union of sliced querysets, so the statement is put together here.)
    queries = [part.query.sql_with_params() for part in parts]
    sql = " UNION ALL ".join(f"({query})" for query, _ in queries)
    params = [param for _, query_params in queries for param in query_params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) AS events ORDER BY pgh_xact, rank, pgh_id LIMIT %s", [*params, limit])
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def describe(row: dict[str, Any], links: Links) -> dict[str, Any]:
    """An event as the feed shows it."""
    name = RESOURCES[row["rank"]][0]
    deleted = None
    if row["pgh_label"] == "delete":
        # (Django has psycopg2 hand jsonb over as text, for its JSONField to decode.)
        stored = json.loads(row["deleted_row"]) if isinstance(row["deleted_row"], str) else row["deleted_row"]
        record = {key: value for key, value in (stored or {}).items() if not key.startswith("pgh_")}
        deleted = {"label": row["label"], "record": record}
    return {
        "position": Position(row["pgh_xact"], row["rank"], row["pgh_id"]).encode(),
        "time": links.datetime(row["pgh_created_at"]),
        "action": row["pgh_label"],
        "resource": name,
        "id": row["pgh_obj_id"],
        "url": links(f"{name}-detail", row["pgh_obj_id"], False),
        "deleted": deleted,
    }
