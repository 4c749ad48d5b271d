"""Cursor pagination: stable pages at any depth, with no OFFSET scan and no COUNT."""

from typing import Any

from rest_framework import pagination
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
