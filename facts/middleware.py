"""Request checks that apply to every page: the API, the admin and the docs."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from facts.api.exceptions import JOB_QUEUE_UNAVAILABLE
from facts.db_router import health, replica_reads
from facts.services import JobQueueUnavailable

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class RefuseUnstorableQueryMiddleware:
    """Answer 400 to a query string carrying a NUL character.

    Postgres cannot take NUL in text, so a filter value containing one would otherwise fail
    in the database driver with a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return JsonResponse(
                    {"detail": f"The query parameter {key!r} contains a NUL character (%00); remove it."},
                    status=400,
                )
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After, not 500, when the database (or the job queue) cannot be reached.

    Inside API views the exception handler does this already; this catches the rest: a write
    whose transaction cannot even begin (or commit) because Postgres is down, and the admin.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            message = "The database is unavailable right now; try again in a few seconds."
        elif isinstance(exception, JobQueueUnavailable):
            message = JOB_QUEUE_UNAVAILABLE
        else:
            return None
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "5"
        return response


class ReplicaReadsMiddleware:
    """Let safe-method requests read the facts from a replica (facts/db_router.py), except a
    client's own requests for FACTBASE_READ_YOUR_WRITES_SECONDS after it wrote.

    Read-your-writes: a write request (any other method) marks its client in the shared cache
    (Redis or the Postgres cache table, so every app server sees it), keyed by a hash of its
    credentials: the Authorization header and the session cookie (and the session a sign-in just
    started). While marked, the client's reads use the primary. Anonymous clients cannot write,
    so their reads never look the mark up. The admin always uses the primary.

    A read that fails with a server error after touching a replica is answered again, once,
    from the primary: a replica that dies between two health checks costs time, not an error.
    Last in MIDDLEWARE, so only the view runs twice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.DATABASE_REPLICAS:
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            self.remember_write(request, response)
            return response
        if request.path.startswith(reverse("admin:index")) or self.wrote_lately(request):
            return self.get_response(request)
        with replica_reads() as reads:
            response = self.get_response(request)
            if response.status_code >= 500 and reads.used:
                for alias in reads.used:
                    health.forget(alias)
                reads.use_primary()
                response = self.get_response(request)
        return response

    @staticmethod
    def client_keys(request: HttpRequest, response: HttpResponse | None = None) -> list[str]:
        credentials = [request.headers.get("Authorization"), request.COOKIES.get(settings.SESSION_COOKIE_NAME)]
        if response is not None and settings.SESSION_COOKIE_NAME in response.cookies:
            credentials.append(response.cookies[settings.SESSION_COOKIE_NAME].value)
        return [
            "factbase:wrote:" + hashlib.sha256(credential.encode()).hexdigest()
            for credential in credentials
            if credential
        ]

    def remember_write(self, request: HttpRequest, response: HttpResponse) -> None:
        keys = self.client_keys(request, response)
        if keys:
            cache.set_many(dict.fromkeys(keys, 1), timeout=settings.FACTBASE_READ_YOUR_WRITES_SECONDS)

    def wrote_lately(self, request: HttpRequest) -> bool:
        keys = self.client_keys(request)
        return bool(keys) and bool(cache.get_many(keys))
