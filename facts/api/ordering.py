"""`ordering` on the lists: one of the names a list declares, or 400 listing them.

A list declares `ordering_fields` (the names a client may send, each also with a leading `-`
for descending) and `ordering` (its default). A name can be a field of the record or a key
from SORT_KEYS: a value that is not a plain column (an article's publication date, for a
claim) or that may be unknown. Unknown values sort last in either direction: figures without a
value (ranges, vague figures) come after every figure with one, whether the list runs from
the smallest value or the largest. Every ordering ends with the id in the same direction, so
records that tie keep a stable order across pages and exports.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from facts.api import search

ORDERING_PARAMETER = "ordering"
RANK = "rank"  # the full-text search annotation (facts.api.search.full_text)


@dataclass(frozen=True)
class SortKey:
    """A value to sort by that may be unknown: `path` from the record, `lowest`/`highest` stand-ins.

    The stand-ins are beyond every real value, so an unknown one sorts last in either direction.
    """

    path: str
    output_field: models.Field
    lowest: Any
    highest: Any

    def expression(self, descending: bool) -> Coalesce:
        stand_in = self.lowest if descending else self.highest
        return Coalesce(F(self.path), Value(stand_in, output_field=self.output_field), output_field=self.output_field)


def _date_key(path: str) -> SortKey:
    return SortKey(path, models.DateField(), date(1, 1, 1), date(9999, 12, 31))


def _number_key(path: str) -> SortKey:
    # Figures store numbers of up to 24 digits before the point: 10^25 is beyond all of them.
    return SortKey(path, models.DecimalField(max_digits=31, decimal_places=6), Decimal("-1E25"), Decimal("1E25"))


SORT_KEYS: dict[str, SortKey] = {
    "published_on": _date_key("published_on"),
    "article_published_on": _date_key("article__published_on"),
    "value": _number_key("value"),
    "low": _number_key("low"),
    "high": _number_key("high"),
}
"""Orderings whose value may be unknown (or lives on a related record), by the name clients send."""


def sort_alias(name: str) -> str:
    """The annotation a sort key is computed into (cursor pagination needs a plain name)."""
    return f"sort_{name}"


def ordering_choices(view: Any) -> list[str]:
    """Every value `ordering` takes on this view: each name, ascending then descending."""
    names = list(getattr(view, "ordering_fields", None) or [])
    return [value for name in names for value in (name, f"-{name}")]


class StrictOrderingFilter(OrderingFilter):
    """`ordering`: one of the view's `ordering_fields` (a leading `-` for descending), else 400.

    Without `ordering`, the view's default; after a full-text search, the best matches first.
    """

    ordering_description = "How to sort the list."

    def sent_ordering(self, request: Request, view: Any) -> str | None:
        """The ordering the client asked for, checked; None when it sent none."""
        sent = request.query_params.getlist(self.ordering_param)
        if not sent:
            return None
        choices = ordering_choices(view)
        if len(sent) > 1 or sent[0] not in choices:
            accepted = ", ".join(choices)
            shown = ", ".join(repr(value) for value in sent)
            raise ValidationError(
                {self.ordering_param: [f"Unknown ordering {shown}. Give one of: {accepted}."]}, code="invalid"
            )
        return sent[0]

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> list[str]:
        sent = self.sent_ordering(request, view)
        if sent is None and RANK in queryset.query.annotations:
            return [f"-{RANK}", "-id"]
        value = sent or _default(view)
        descending = value.startswith("-")
        name = value.lstrip("-")
        column = sort_alias(name) if name in SORT_KEYS else name
        sign = "-" if descending else ""
        return [f"{sign}{column}"] if name == "id" else [f"{sign}{column}", f"{sign}id"]

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        return self.sorted(request, queryset, view)

    def sorted(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        """The queryset with the sort key it needs annotated, in the requested order."""
        ordering = self.get_ordering(request, queryset, view)
        if ordering == [f"-{RANK}", "-id"] and not exports_whole_list(request, view):
            # Ranked by relevance, page by page: at a bounded cost for common terms (facts/api/search.py).
            queryset = search.bounded_ranking(queryset)
        first = ordering[0].lstrip("-")
        for name, key in SORT_KEYS.items():
            if first == sort_alias(name):
                # Annotated, not aliased: cursor pagination reads the value back from each record.
                queryset = queryset.annotate(**{first: key.expression(ordering[0].startswith("-"))})
        return queryset.order_by(*ordering)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        choices = ordering_choices(view)
        default = _default(view)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"How to sort the list: one of the values listed, `-` first for descending "
                f"(default `{default}`; after a search with `q`, the best matches first). Records without the "
                "value sort last either way; ties are broken by id in the same direction.",
                "schema": {"type": "string", "enum": choices},
            }
        ]


def exports_whole_list(request: Request, view: Any) -> bool:
    """Whether the list goes out whole (CSV export), rather than page by page."""
    whole = getattr(view, "exports_whole_list", None)
    return getattr(view, "action", None) == "export" or (whole is not None and whole(request))


def _default(view: Any) -> str:
    ordering = getattr(view, "ordering", None) or "-id"
    return ordering if isinstance(ordering, str) else ordering[0]
