"""What a list answers besides its page: strict parameters, facets and a total, the whole list as CSV.

Every list goes through ExplorableListMixin.list:

1. Every query parameter must be one the list takes (its filters, `ordering`, `cursor`,
   `page_size`, `format`, `facet`, `count`, `offsets`): anything else is 400 naming it and
   listing those it takes. A typo (`speakr_person=2`) would otherwise answer the whole list as
   if it were filtered.
2. The filters and the ordering (facts/api/filters.py, facts/api/ordering.py).
3. `format=csv` without `cursor` or `page_size`: the whole filtered list, streamed
   (facts/api/exports.py).
4. The page; then, when asked, `total` (`count=true`) and `facets` (facts/api/facets.py),
   computed over the whole filtered list within a time budget.

The budget (FACTBASE_FACET_TIME_LIMIT_MS, 70 ms by default) bounds what the total and the
facets of one request may take together: each runs under a Postgres statement_timeout set to
what is left of it, in a savepoint rolled back afterwards (so the timeout ends with it). One
that runs out is answered `"timed_out": true`, as is every one after it, instead of slowing
the page down: Datasette's facet_time_limit_ms, for the whole request.
"""

import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import QuerySet
from django.http import HttpResponseBase
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter
from rest_framework.request import Request

from facts.api import offsets
from facts.api.exports import WithoutFormat, stream_csv
from facts.api.facets import FACET_SIZE, Facet
from facts.api.offsets import OFFSETS_PARAMETER
from facts.api.ordering import StrictOrderingFilter
from facts.api.renderers import CSVRenderer

COUNT_CAP = 10_000
"""Totals are counted up to this; beyond it `total` says "10000+"."""

FACET_PARAMETER = "facet"
COUNT_PARAMETER = "count"
FORMAT_PARAMETER = "format"
QUERY_CANCELED = "57014"  # Postgres's SQLSTATE for a statement cancelled by statement_timeout

if TYPE_CHECKING:
    # Type-checked as what it is mixed into: a viewset with DRF's list.
    _ViewSet = viewsets.ReadOnlyModelViewSet
else:
    _ViewSet = object


def page_parameters(view: Any) -> list[str]:
    """The parameters of the view's pagination (cursor, page_size), if it paginates."""
    paginator = view.paginator
    if paginator is None:
        return []
    return [paginator.cursor_query_param, paginator.page_size_query_param]


def has_passages(serializer_class: Any) -> bool:
    """Whether the records it serializes sit on passages (so `offsets` applies to them)."""
    return "passage" in getattr(serializer_class, "_declared_fields", {})


def list_parameters(view: Any) -> list[str]:
    """Every query parameter the view's list takes: those the schema documents for it."""
    names = [FORMAT_PARAMETER, *page_parameters(view)]
    if has_passages(view.serializer_class):
        names.append(OFFSETS_PARAMETER)
    for backend in view.filter_backends:
        if issubclass(backend, DjangoFilterBackend):
            filterset_class = getattr(view, "filterset_class", None)
            names.extend(filterset_class.base_filters if filterset_class is not None else ())
        else:
            names.extend(parameter["name"] for parameter in backend().get_schema_operation_parameters(view))
    return names


def refuse_unknown_parameters(request: Request, accepted: Iterable[str]) -> None:
    """400, naming them and listing the accepted ones, for query parameters not in `accepted`."""
    accepted = sorted(set(accepted))
    unknown = [name for name in request.query_params if name not in accepted]
    if unknown:
        message = f"Unknown parameter. This takes: {', '.join(accepted)}."
        raise ValidationError({name: [message] for name in unknown})


def one_value(request: Request, name: str, choices: Iterable[str]) -> str | None:
    """The parameter's value if sent (once, and one of `choices`); else 400 listing them."""
    sent = request.query_params.getlist(name)
    if not sent:
        return None
    choices = list(choices)
    if len(sent) > 1 or sent[0] not in choices:
        raise ValidationError({name: [f"Give one of: {', '.join(choices)} (once)."]})
    return sent[0]


def requested_facets(request: Request, facets: dict[str, Facet]) -> list[Facet]:
    """The facets asked for (`facet` repeated), each one the list offers; else 400 listing them."""
    names = request.query_params.getlist(FACET_PARAMETER)
    unknown = [name for name in names if name not in facets]
    if unknown:
        shown = ", ".join(repr(name) for name in unknown)
        raise ValidationError({FACET_PARAMETER: [f"No facet {shown} here. Give one or more of: {', '.join(facets)}."]})
    return [facets[name] for name in dict.fromkeys(names)]


class Budget:
    """Milliseconds left of a time budget that starts when it is made."""

    def __init__(self, milliseconds: int) -> None:
        self.deadline = time.monotonic() + milliseconds / 1000

    def left_ms(self) -> int:
        return int((self.deadline - time.monotonic()) * 1000)


class OutOfTime(Exception):
    """The budget is spent: what is left is answered as timed out."""


def _timed_out(error: OperationalError) -> bool:
    # psycopg 3 (Django's driver here) names the SQLSTATE `sqlstate`; psycopg2 named it `pgcode`.
    cause = error.__cause__
    return QUERY_CANCELED in (getattr(cause, "sqlstate", None), getattr(cause, "pgcode", None))


def _within(budget: Budget) -> None:
    """Let the next statement take at most what is left of the budget (until the savepoint ends)."""
    left = budget.left_ms()
    if left < 1:  # statement_timeout 0 would mean no limit at all
        raise OutOfTime
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = %s", [left])


def total(records: QuerySet, budget: Budget) -> dict[str, Any]:
    """How many records the filtered list has, counted up to COUNT_CAP."""
    _within(budget)
    count = records.order_by().values("pk")[: COUNT_CAP + 1].count()
    capped = count > COUNT_CAP
    count = min(count, COUNT_CAP)
    return {"count": count, "capped": capped, "display": f"{count}+" if capped else str(count), "timed_out": False}


def facet_values(facet: Facet, records: QuerySet, budget: Budget) -> dict[str, Any]:
    _within(budget)
    rows = list(facet.rows(records))
    return {
        "values": [facet.describe(row) for row in rows[:FACET_SIZE]],
        "truncated": len(rows) > FACET_SIZE,
        "timed_out": False,
    }


def summary(records: QuerySet, facets: list[Facet], count: bool) -> dict[str, Any]:
    """`total` and `facets` of the filtered list, as far as the budget goes."""
    budget = Budget(settings.FACTBASE_FACET_TIME_LIMIT_MS)
    found: dict[str, Any] = {}
    results: dict[str, dict[str, Any]] = {}
    try:
        with transaction.atomic():
            if count:
                found["total"] = total(records, budget)
            for facet in facets:
                results[facet.name] = facet_values(facet, records, budget)
            transaction.set_rollback(True)  # read only: the rollback just ends the timeout
    except OutOfTime:
        pass
    except OperationalError as error:
        if not _timed_out(error):
            raise
    if count and "total" not in found:
        found["total"] = {"count": None, "capped": False, "display": None, "timed_out": True}
    if facets:
        timed_out = {"values": [], "truncated": False, "timed_out": True}
        found["facets"] = {facet.name: results.get(facet.name, timed_out) for facet in facets}
    return found


class SummaryParameters(BaseFilterBackend):
    """`facet` and `count` on a list: a filter backend only to have them documented and accepted.

    It filters nothing; ExplorableListMixin.list computes what they ask for.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        return queryset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        facets = list(getattr(view, "facets", {}))
        if not facets or getattr(view, "action", None) != "list":
            return []  # (an export is CSV: no facets, no total)
        return [
            {
                "name": FACET_PARAMETER,
                "in": "query",
                "required": False,
                "description": f"Count the filtered list by the values of a filter, up to {FACET_SIZE} most "
                "frequent first; repeat for several facets. JSON only. They share a time budget with `count`: "
                "a facet that runs out of it is answered with `timed_out: true`.",
                "schema": {"type": "array", "items": {"type": "string", "enum": facets}},
                "style": "form",
                "explode": True,
            },
            {
                "name": COUNT_PARAMETER,
                "in": "query",
                "required": False,
                "description": f"true: add `total`, the number of records the filters select, counted up to "
                f"{COUNT_CAP:,} (beyond it, {COUNT_CAP}+). JSON only.",
                "schema": {"type": "boolean"},
            },
        ]


class ExplorableListMixin(_ViewSet):
    """A list with strict parameters, facets, an optional total and a whole-list CSV export.

    `facets` (facts/api/facets.py) are the facets the list offers; SummaryParameters among its
    filter backends documents them and `count`.
    """

    facets: dict[str, Facet] = {}

    # A whole-list CSV export is a StreamingHttpResponse, not a DRF Response.
    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        refuse_unknown_parameters(request, list_parameters(self))
        facets = requested_facets(request, self.facets)
        count = one_value(request, COUNT_PARAMETER, ("true", "false")) == "true"
        records = self.filter_queryset(self.get_queryset())
        if self.exports_whole_list(request):
            return stream_csv(self, records, self.list_ordering(records))
        page = self.paginate_queryset(records)
        context = self.get_serializer_context()
        offsets.preload(context, page or [])
        response = self.get_paginated_response(self.get_serializer_class()(page, many=True, context=context).data)
        if facets or count:
            response.data.update(summary(self.filtered_unsorted(), facets, count))
        return response

    @action(detail=False, url_path="export", renderer_classes=[CSVRenderer], pagination_class=None)
    def export(self, request: Request) -> HttpResponseBase:
        """The whole filtered list as one CSV file: `format=csv` on the list, as an operation of its own."""
        refuse_unknown_parameters(request, list_parameters(self))
        records = self.filter_queryset(self.get_queryset())
        return stream_csv(self, records, self.list_ordering(records))

    def get_queryset(self) -> QuerySet:
        if self.action == "export":
            # The list's queryset: a detail queryset's prefetches would run for every chunk.
            assert self.queryset is not None
            return self.queryset.all()
        return super().get_queryset()

    def list_ordering(self, records: QuerySet) -> Sequence[str]:
        """The order of the list's pages (StrictOrderingFilter's), which its export follows."""
        return StrictOrderingFilter().get_ordering(self.request, records, self)

    def filtered_unsorted(self) -> QuerySet:
        """The filtered list without its ordering (whose sort key may join a table the counts do not need)."""
        records = self.get_queryset()
        for backend in self.filter_backends:
            if not issubclass(backend, OrderingFilter):
                records = backend().filter_queryset(self.request, records, self)
        return records

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context[OFFSETS_PARAMETER] = offsets.requested(self.request)
        if getattr(getattr(self.request, "accepted_renderer", None), "format", None) == "csv":
            context["request"] = WithoutFormat(self.request)  # plain URLs in the cells
        return context

    def exports_whole_list(self, request: Request) -> bool:
        """CSV asked for, without a page: the whole list, every page of it, as one file."""
        renderer = getattr(request, "accepted_renderer", None)
        paging = set(page_parameters(self)) & set(request.query_params)
        return getattr(renderer, "format", None) == "csv" and not paging
