"""/changes/: every change to the facts, in order, to poll without missing one (facts/api/changes.py)."""

from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from facts.api import changes, docs
from facts.api.listing import FORMAT_PARAMETER, one_value, refuse_unknown_parameters
from facts.api.renderers import JSONRenderer
from facts.api.representations import Links

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def _page_size(request: Request) -> int:
    sent = request.query_params.get("page_size")
    if sent is None:
        return DEFAULT_PAGE_SIZE
    if not (sent.isascii() and sent.isdigit() and 1 <= int(sent) <= MAX_PAGE_SIZE):
        raise ValidationError({"page_size": [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]})
    return int(sent)


class ChangeFeedView(APIView):
    """The change feed: a page of events after `after`, and `next` to poll for the following ones."""

    renderer_classes = [JSONRenderer]
    # Its events carry every record, reviewed or not: all or nothing (facts/api/permissions.py).
    hidden_under_reviewed = "Changes (the change feed)"

    @docs.CHANGES
    def get(self, request: Request) -> Response:
        refuse_unknown_parameters(request, [FORMAT_PARAMETER, "after", "page_size", "resource"])
        sent = request.query_params.get("after")
        after = changes.START if sent is None else changes.Position.decode(sent)
        resource = one_value(request, "resource", changes.RESOURCE_NAMES)
        rows = changes.read(after, _page_size(request), [resource] if resource else changes.RESOURCE_NAMES)
        links = Links(request)
        events = [changes.describe(row, links) for row in rows]
        last = events[-1]["position"] if events else (sent or changes.START.encode())
        next_url = reverse("changes", request=request)
        query = request.query_params.copy()
        query["after"] = last
        return Response({"results": events, "next": f"{next_url}?{query.urlencode()}"})
