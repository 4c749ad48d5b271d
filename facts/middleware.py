"""Request checks that apply to every page: the API, the admin and the docs."""

from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

from facts.api.exceptions import JOB_QUEUE_UNAVAILABLE
from facts.services import JobQueueUnavailable


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
