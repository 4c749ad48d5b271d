"""FactViewSet: the base of every resource that editors write.

Reads for everyone, writes for editors (the default permission class); every list is
cursor-paginated and runs a fixed number of queries whatever its page size (tests pin
them). Every record has an ETag; PUT, PATCH and DELETE need a matching If-Match.
"""

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from facts.api.idempotency import idempotent
from facts.api.listing import ExplorableListMixin, SummaryParameters
from facts.api.mixins import AtomicWritesMixin, ConditionalRequestsMixin, ReadWriteSerializersMixin
from facts.api.ordering import StrictOrderingFilter


class FactViewSet(
    ExplorableListMixin,
    ConditionalRequestsMixin,
    ReadWriteSerializersMixin,
    AtomicWritesMixin,
    viewsets.ModelViewSet,
):
    """A resource's list, detail, create, update and delete, with the mixins' behaviour.

    Subclasses declare `queryset` (for lists), `detail_queryset`, `serializer_class`
    (list items), `detail_serializer_class`, `write_serializer_class`, `filterset_class`
    their ordering (`ordering_fields`, `ordering`) and `facets` (facts/api/facets.py).
    """

    filter_backends = [DjangoFilterBackend, StrictOrderingFilter, SummaryParameters]
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        response = self.respond_with_record(serializer.save(), status.HTTP_201_CREATED)
        if not getattr(serializer, "created", True):
            # The input named a record already stored (an article's body): that record,
            # unchanged, with 200 instead of 201 (its Location all the same).
            response.status_code = status.HTTP_200_OK
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return self.respond_with_record(serializer.save())

    def respond_with_record(self, instance: Any, status_code: int = status.HTTP_200_OK) -> Response:
        """The record as a read of it shows it now, with its ETag (and its Location when created)."""
        instance = self.get_detail_queryset().get(pk=instance.pk)
        data = self.get_detail_serializer_class()(instance, context=self.get_serializer_context()).data
        headers = {"ETag": self.current_etag(instance)}
        if status_code == status.HTTP_201_CREATED:
            headers["Location"] = str(data["url"])
        return Response(data, status=status_code, headers=headers)
