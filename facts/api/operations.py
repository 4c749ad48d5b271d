"""The standard operations of a resource, as the documentation describes them: list, read,
create, update, delete and the CSV export, with their responses and parameters. facts/api/docs.py
fills in each resource's words.
"""

from collections.abc import Callable
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema

from facts.api import serializers
from facts.api.schema import (
    BAD_QUERY,
    CONDITIONAL_WRITE_ERRORS,
    IDEMPOTENCY_KEY,
    IF_MATCH,
    IF_NONE_MATCH,
    NOT_FOUND,
    WRITE_ERRORS,
)

# What extend_schema returns: a decorator documenting one operation (a view method).
Operation = Callable[[Any], Any]


def standard_operations(
    resource: str,
    plural: str,
    *,
    item: type,
    write: type,
    detail: type | None = None,
    filters_note: str = "",
    create_summary: str = "",
    create_description: str = "",
    create_examples: list | None = None,
    **overrides: Operation,
) -> dict[str, Operation]:
    """Summaries, descriptions and responses (errors included) of a FactViewSet's operations.

    `item` serializes list items, `detail` (default: `item`) one record, `write` what a client
    sends (on PUT and PATCH, less what is fixed once saved); `overrides` replace whole operations
    by name (`create=extend_schema(...)`).
    """
    detail = detail or item
    a = "an" if resource[0] in "aeiou" else "a"
    return {
        **_read_operations(resource, plural, item=item, detail=detail, filters_note=filters_note),
        "create": extend_schema(
            summary=create_summary or f"Create {a} {resource}",
            description=create_description or f"Store a new {resource}. Needs an editor's token.",
            parameters=[IDEMPOTENCY_KEY],
            examples=create_examples or [],
            responses={201: detail, **WRITE_ERRORS},
        ),
        **_change_operations(resource, a, detail=detail, update=serializers.update_serializer(write)),
        **overrides,
    }


def _read_operations(
    resource: str, plural: str, *, item: type, detail: type, filters_note: str
) -> dict[str, Operation]:
    return {
        "list": extend_schema(
            summary=f"List {plural}",
            description=f"{plural.capitalize()}, a cursor page at a time (`next` follows). {filters_note} "
            "`facet` counts the filtered list by a filter's values, `count=true` adds its total. Add `format=csv` "
            "(or Accept: text/csv) for CSV: the whole filtered list in one file, or one page with `cursor` or "
            "`page_size`.",
            responses={200: item(many=True), 400: BAD_QUERY},
        ),
        "export": export_operation(plural),
        "retrieve": extend_schema(
            summary=f"Get one {resource}",
            description=f"The {resource}, with an ETag header to send back as If-Match when changing it.",
            parameters=[IF_NONE_MATCH],
            responses={200: detail, 304: OpenApiResponse(description="Not modified."), 404: NOT_FOUND},
        ),
    }


def export_operation(plural: str) -> Operation:
    return extend_schema(
        summary=f"Export {plural} as CSV",
        description=f"All the {plural} the filters select (no page limit), "
        "in the requested order, as one CSV file with the columns listed: the same as the list with "
        "`format=csv`. Streamed: the file starts at once, however long it is.",
        filters=True,
        responses={200: OpenApiResponse(OpenApiTypes.STR, description="The CSV file."), 400: BAD_QUERY},
    )


def _change_operations(resource: str, a: str, *, detail: type, update: type) -> dict[str, Operation]:
    return {
        "update": extend_schema(
            summary=f"Replace {a} {resource}'s editable fields",
            description=f"Send every editable field of the {resource}, with If-Match set to the ETag you read. "
            "Fields that cannot change (a passage, an article's body) are refused, not ignored.",
            parameters=[IF_MATCH],
            request=update,
            responses={200: detail, **CONDITIONAL_WRITE_ERRORS},
        ),
        "partial_update": extend_schema(
            summary=f"Change some of {a} {resource}'s fields",
            description=f"Send only the fields to change, with If-Match set to the ETag you read. A stale ETag "
            f"(the {resource} changed meanwhile) gets 412 and changes nothing.",
            parameters=[IF_MATCH],
            request=update,
            responses={200: detail, **CONDITIONAL_WRITE_ERRORS},
        ),
        "destroy": extend_schema(
            summary=f"Delete {a} {resource}",
            description=f"Needs If-Match. Refused with 409, naming them, while other records depend on the {resource}.",
            parameters=[IF_MATCH],
            responses={204: None, **CONDITIONAL_WRITE_ERRORS},
        ),
    }
