"""The machinery behind the API's viewsets, one concern per mixin.

- AtomicWritesMixin: a write request is one transaction, rolled back when refused.
- ConditionalRequestsMixin: every record has an ETag; If-Match guards PUT, PATCH and
  DELETE (428 without it or with `*`, 412 when stale), If-None-Match lets a GET answer 304.
- ReadWriteSerializersMixin: a list item, a single record and a write's input each have
  their own serializer, and a single record its own queryset.

facts/api/views/base.py puts them together as FactViewSet.
"""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.utils.http import parse_etags
from rest_framework import status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from facts.api.exceptions import PreconditionFailed, PreconditionRequired
from facts.etags import etag_matches
from facts.models import record_etag

READ_METHODS = ("GET", "HEAD", "OPTIONS")
# The methods that change or delete an existing record, and so need its If-Match.
UNSAFE_METHODS = ("PUT", "PATCH", "DELETE")

if TYPE_CHECKING:
    # Type-checked as what they are mixed into, so their super() calls and self.request check.
    _ViewSet = viewsets.GenericViewSet
else:
    _ViewSet = object


class AtomicWritesMixin(_ViewSet):
    """A write request runs in one transaction: all of it is written, or none.

    `writing` says whether the request being answered is a write (anything but GET, HEAD
    and OPTIONS).
    """

    writing = False

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # One transaction also keeps the row an update or delete checked its If-Match
        # against locked until the write is done. Reads need none.
        self.writing = request.method not in READ_METHODS
        if not self.writing:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code >= 400:
                # A refused write leaves nothing behind.
                transaction.set_rollback(True)
            return response


class ConditionalRequestsMixin(_ViewSet):
    """ETags on records: If-Match required to change or delete one, If-None-Match honoured on reads.

    Needs AtomicWritesMixin (its `writing`, and the transaction the row lock lasts for).
    """

    writing: bool

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.writing and self.request.method in UNSAFE_METHODS:
            # Lock the row until the transaction ends, so the If-Match check and the write
            # are one step: of two writers holding the same ETag, exactly one wins.
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def get_object(self) -> Any:
        instance = super().get_object()
        # (OPTIONS asks get_object as if for PUT, to describe it: no write, nothing to check.)
        if self.writing and self.request.method in UNSAFE_METHODS:
            self.check_if_match(instance)
        return instance

    def current_etag(self, instance: Any) -> str:
        """The record's ETag; a resource whose reads show more than the row may fold that in."""
        return record_etag(instance)

    def check_if_match(self, instance: Any) -> None:
        """Refuse the write unless If-Match names the record's current ETag.

        `If-Match: *` (any version) is refused like a missing tag: it would let a script skip
        the very check that keeps it from overwriting someone else's change.
        """
        sent = self.request.headers.get("If-Match")
        if not sent or parse_etags(sent) == ["*"]:
            raise PreconditionRequired(
                "Send the ETag from your last read of this record in an If-Match header (GET it to get its "
                "ETag; `*` is not accepted); this guards against overwriting a change someone else made in between."
            )
        current = self.current_etag(instance)
        if not etag_matches(sent, current):
            raise PreconditionFailed(
                f"The record has changed since you read it (its ETag is now {current}). Read it again, "
                "re-apply your change and send the new ETag."
            )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        etag = self.current_etag(instance)
        if etag_matches(request.headers.get("If-None-Match"), etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag
        return response


class ReadWriteSerializersMixin(_ViewSet):
    """Separate serializers for list items, single records and writes; a single record's own queryset.

    `serializer_class` serializes list items, `detail_serializer_class` (default: the same)
    a single record, `write_serializer_class` the input of create, update and partial
    update. `queryset` lists; `detail_queryset` (default: `queryset`) fetches one record
    with what its detail shows.
    """

    detail_queryset: QuerySet[Any] | None = None
    detail_serializer_class: type[BaseSerializer[Any]] | None = None
    write_serializer_class: type[BaseSerializer[Any]] | None = None

    def get_queryset(self) -> QuerySet[Any]:
        if self.action == "list" or self.detail_queryset is None:
            return super().get_queryset()
        return self.detail_queryset.all()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action in ("create", "update", "partial_update"):
            # As DRF's own get_serializer_class asserts its serializer_class.
            assert self.write_serializer_class is not None, (
                f"'{type(self).__name__}' should include a `write_serializer_class` attribute."
            )
            return self.write_serializer_class
        if self.action == "list":
            return super().get_serializer_class()  # serializer_class
        return self.get_detail_serializer_class()

    def get_detail_serializer_class(self) -> type[BaseSerializer[Any]]:
        return self.detail_serializer_class or super().get_serializer_class()

    def get_detail_queryset(self) -> QuerySet[Any]:
        queryset = self.detail_queryset if self.detail_queryset is not None else self.queryset
        # As DRF's own get_queryset asserts its queryset.
        assert queryset is not None, f"'{type(self).__name__}' should include a `queryset` attribute."
        return queryset.all()
