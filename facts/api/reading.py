"""ReadPolicyMixin: a viewset's records narrowed to what the reader may see (facts/access.py).

Every viewset has it first among its bases, so lists, single records (a hidden one is 404,
as if it did not exist), facets, counts and CSV exports all start from the same narrowed
queryset. Sub-resources and nested lists ask `facts.access.visible` themselves.
"""

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from rest_framework.exceptions import PermissionDenied

from facts import access

if TYPE_CHECKING:
    from rest_framework import viewsets

    _ViewSet = viewsets.GenericViewSet
else:
    _ViewSet = object


class ReadPolicyMixin(_ViewSet):
    """get_queryset, narrowed by the read policy for the request's user."""

    # Parameters that search article bodies: refused to readers who may not read bodies.
    body_search_parameters: tuple[str, ...] = ()
    # Parameters and facets that filter or count by mentions: refused to readers who may not read mentions.
    mention_parameters: tuple[str, ...] = ()
    mention_facets: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet[Any]:
        return access.visible(super().get_queryset(), self.request.user)

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        searched = [name for name in self.body_search_parameters if name in request.query_params]
        if searched and not access.can_read_everything(request.user):
            raise PermissionDenied(
                f"Searching article bodies ({', '.join(searched)}) is for signed-in readers only here "
                f"(FACTBASE_READ_ACCESS=reviewed): search claims instead (/api/v1/claims/?q=…). {access.SIGN_IN_HINT}"
            )
        by_mention = [name for name in self.mention_parameters if name in request.query_params] + [
            f"facet={name}" for name in self.mention_facets if name in request.query_params.getlist("facet")
        ]
        if by_mention and not access.can_read_everything(request.user):
            raise PermissionDenied(access.hidden_from_anonymous(f"Filters by mentions ({', '.join(by_mention)})"))
