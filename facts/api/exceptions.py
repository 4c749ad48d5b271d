"""One error shape for the whole API: DRF's, with Django's own errors mapped onto it.

- Django ValidationError (from the models and services) → 400, field → messages.
- DataError (a value Postgres cannot take, such as an out-of-range date) → 400.
- ProtectedError (deleting what provenance depends on) → 409 naming the dependents.
- IntegrityError (a concurrent write won a uniqueness race) → 409.
- A body over the size limit → 413. The database unreachable, or the job queue unable to take
  the job a write needs (the write is rolled back) → 503.

not_found and server_error answer what no view handled (factbase/urls.py's handler404 and
handler500): JSON under /api/, Django's own pages elsewhere.
"""

from collections import Counter
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, DataError, IntegrityError, InterfaceError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from facts.services import JobQueueUnavailable

JOB_QUEUE_UNAVAILABLE = (
    "The job queue cannot take this write's background job right now, so nothing was stored; "
    "try again in a few seconds."
)


class Conflict(exceptions.APIException):
    """409: the write conflicts with what is stored (dependents, or a concurrent write)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the record."
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    """412: the If-Match ETag is not the record's current one."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record has changed since you read it."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    """428: a change or delete came without If-Match."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send the record's ETag in an If-Match header."
    default_code = "precondition_required"


class PayloadTooLarge(exceptions.APIException):
    """413: the request body is over FACTBASE_MAX_BODY_BYTES."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class ServiceUnavailable(exceptions.APIException):
    """503: the database cannot be reached; sent with Retry-After."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable right now; try again in a few seconds."
    default_code = "service_unavailable"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    extra: dict[str, Any] = {}
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        dependents = _count_by_kind(
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        exc = Conflict(_describe_dependents(context, dependents))
        extra["dependents"] = dependents
    elif isinstance(exc, IntegrityError):
        exc = Conflict(
            "The change conflicts with another change made at the same time (for example the same record "
            "created twice); nothing was written. Read the current state and try again."
        )
    elif isinstance(exc, DataError):
        # Postgres's "data exception" class: a value it cannot take, such as a time zone offset
        # beyond ±15:59 or a number past its range. The request is at fault, not the server.
        exc = exceptions.ValidationError(
            {"detail": f"A value in the request is out of the range the database accepts: {str(exc).splitlines()[0]}"}
        )
    elif isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = PayloadTooLarge(
            f"The request body is too large: this service accepts at most {limit:,} bytes. "
            "Split the upload, or ask an administrator to raise FACTBASE_MAX_BODY_BYTES."
        )
    elif isinstance(exc, OperationalError | InterfaceError) or type(exc) is DatabaseError:
        exc = ServiceUnavailable()
    elif isinstance(exc, JobQueueUnavailable):
        exc = ServiceUnavailable(JOB_QUEUE_UNAVAILABLE)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    # Errors are JSON whatever format was asked for (a CSV of an error helps nobody), so
    # every error has one shape a client can parse.
    request = context.get("request")
    if request is not None:
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    if extra:
        response.data.update(extra)
    if isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = "5"
    return response


def _count_by_kind(objects: Any) -> dict[str, int]:
    counts = Counter(str(obj._meta.verbose_name_plural) for obj in objects)
    return dict(sorted(counts.items()))


def _describe_dependents(context: dict[str, Any], dependents: dict[str, int]) -> str:
    view = context.get("view")
    model = getattr(getattr(view, "queryset", None), "model", None)
    what = f"This {model._meta.verbose_name}" if model else "This record"
    listed = ", ".join(f"{count} {kind}" for kind, count in dependents.items())
    return f"{what} cannot be deleted: {listed} depend on it. Delete or reassign those first."


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 for a URL that matches no route: JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found: no such resource or record."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, should anything still escape: JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Something went wrong on our side; it has been logged."}, status=500)
    return defaults.server_error(request)
