"""Cursor pagination: stable pages at any depth, with no OFFSET scan and no COUNT."""

from typing import Any

from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response


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
