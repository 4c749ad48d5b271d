"""Idempotency-Key on POST: a retried create gets the first answer, not a second record.

A client that did not hear back (a timeout, a dropped connection) can send the same
request again with the same `Idempotency-Key` header: if the first one was written, the
answer is the first response again (same status, body, Location and ETag). Keys belong to
the account that sent them; reusing one for a different request is refused with 422.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.db import IntegrityError, transaction
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from facts.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADERS = ("Location", "ETag")


class KeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = "This Idempotency-Key was already used for a different request. Use a new key for a new request."


def idempotent(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Make a POST handler honour Idempotency-Key. The view runs writes in a transaction."""

    @wraps(handler)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER)
        if key is None or not request.user.is_authenticated:
            return handler(view, request, *args, **kwargs)
        if not 1 <= len(key) <= 255 or not key.isascii() or not key.isprintable():
            raise exceptions.ValidationError({HEADER: ["Use 1 to 255 printable ASCII characters, such as a UUID."]})
        method = cast(str, request.method)  # a request being handled has one; only a bare HttpRequest has none
        fingerprint = hashlib.sha256(b"\n".join([method.encode(), request.path.encode(), request.body])).hexdigest()
        try:
            # A concurrent request with the same key waits here until the first commits.
            with transaction.atomic():
                record = IdempotencyKey.objects.create(user=request.user, key=key, fingerprint=fingerprint)
        except IntegrityError:
            return replay(IdempotencyKey.objects.get(user=request.user, key=key), fingerprint)
        response = handler(view, request, *args, **kwargs)
        record.status_code = response.status_code
        record.response_body = response.data
        record.response_headers = {name: response[name] for name in REPLAYED_HEADERS if name in response}
        record.save(update_fields=["status_code", "response_body", "response_headers"])
        return response

    return wrapper


def replay(record: IdempotencyKey, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise KeyReused()
    response = Response(record.response_body, status=record.status_code, headers=record.response_headers)
    response["Idempotent-Replayed"] = "true"
    return response
