"""Cursor pagination: stable pages at any depth, with no OFFSET scan and no COUNT."""

import binascii
from base64 import b64decode
from typing import Any
from urllib import parse

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from facts.models import BIGINT_RANGE


class CursorPagination(pagination.CursorPagination):
    """Pages of 50 (page_size up to 500), newest first unless `ordering` says otherwise.

    The URL of the next and previous page is in `next`/`previous` and in the Link header.
    There is no total `count`: counting a large table costs more than the page itself.
    """

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = "Records per page, 1 to 500 (default 50)."
    max_page_size = 500
    ordering = "-id"

    def get_page_size(self, request: Request) -> int:
        """`page_size` as sent, or 400: DRF would quietly use 50 for `abc` and 500 for 100000."""
        sent = request.query_params.get(self.page_size_query_param)
        if sent is None:
            return self.page_size
        if not (sent.isascii() and sent.isdigit() and 1 <= int(sent) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return int(sent)

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        # Remembered so the cursor's position can be checked against the field it orders by.
        self.ordered_queryset = queryset
        return super().get_ordering(request, queryset, view)

    def decode_cursor(self, request: Request) -> pagination.Cursor | None:
        """The cursor as sent, or 404 "Invalid cursor" for anything the API could not have handed out.

        DRF's own decoding skips characters that are not base64, ignores unknown keys, caps a
        huge offset and passes the position to the query as it is, so a position that is not a
        value of the ordering field (`p=x` for an id, a NUL, a number past the column's range)
        failed in the database with a 500. Here a cursor is its keys (`o`, `r`, `p`, each at most
        once) in strict base64, with an offset up to the cutoff and a storable position.
        """
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        tokens = cursor_tokens(encoded)
        if tokens is None or not tokens.keys() <= {"o", "r", "p"}:
            raise NotFound(self.invalid_cursor_message)
        offset, reverse, position = tokens.get("o", "0"), tokens.get("r", "0"), tokens.get("p")
        if not (offset.isascii() and offset.isdigit() and int(offset) <= self.offset_cutoff and reverse in "01"):
            raise NotFound(self.invalid_cursor_message)
        if position is not None and not position_is_storable(self.position_field(), position):
            raise NotFound(self.invalid_cursor_message)
        # (DRF's stubs type the position as int; it is the ordering field's value as text.)
        return pagination.Cursor(offset=int(offset), reverse=reverse == "1", position=position)  # type: ignore[arg-type]

    def position_field(self) -> models.Field:
        """The field the page's position is a value of: the first ordering field (a model field or an annotation)."""
        name = self.ordering[0].lstrip("-")
        annotation = self.ordered_queryset.query.annotations.get(name)
        if annotation is not None:
            return annotation.output_field
        try:
            return self.ordered_queryset.model._meta.get_field(name)
        except FieldDoesNotExist:
            raise NotFound(self.invalid_cursor_message) from None

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response


def cursor_tokens(encoded: str) -> dict[str, str] | None:
    """A cursor's keys and values, or None when it is not strict base64 of a query string with each key once."""
    try:
        text = b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
        pairs = parse.parse_qsl(text, keep_blank_values=True, strict_parsing=True)
    except (ValueError, binascii.Error):
        return None
    tokens = dict(pairs)
    return tokens if len(tokens) == len(pairs) else None


def position_is_storable(field: models.Field, position: str) -> bool:
    """Whether a cursor position is a value `field` can hold, so comparing with it cannot fail in Postgres."""
    if "\x00" in position:
        return False
    try:
        value = field.to_python(position)
    except (DjangoValidationError, ValueError, TypeError, OverflowError):
        return False
    if isinstance(field, models.IntegerField):
        return value in BIGINT_RANGE
    if isinstance(field, models.FloatField):
        return value == value and abs(value) != float("inf")  # not NaN, not infinite
    return value is not None
