"""Request checks that apply to every page: the API, the admin and the docs."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse


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
