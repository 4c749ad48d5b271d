"""Sign-ins that cannot be hammered: how django-axes counts failures, and what a locked-out client is told.

Failed password sign-ins (the admin's and the browsable API's login pages) count against the
client's address and against the user name tried; a failed API token counts against the
address (a wrong token names no account). After `AXES_FAILURE_LIMIT` failures either one is
locked for `AXES_COOLOFF_TIME`, and every attempt meanwhile is refused with 429 before any
password is hashed or token looked up (axes.backends.AxesStandaloneBackend comes first in
AUTHENTICATION_BACKENDS; facts.api.authentication checks before the token lookup). The answer
is the same whether or not the account exists: a user name nobody has is counted and locked
the same way. An administrator lifts a lock with `manage.py axes_reset_username NAME`,
`axes_reset_ip ADDRESS` or `axes_reset` (README, "Sign-in limits").

Below that limit, a flood from many addresses still has its passwords hashed (about 0.8 s of a
core each), so `OnePasswordCheckAtATime` lets only one sign-in across all workers hash at a time:
an attempt that arrives while another is being checked is refused at once, without hashing, and
counts as a failure. Hashing therefore never holds more than one worker and one core.
"""

from typing import Any, cast

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

TOKEN_CREDENTIAL = "token"
"""The key that marks an API token attempt in the credentials django-axes is given."""

PASSWORD_CHECK_LOCK = 0x46616374  # a Postgres advisory lock key of Factbase's own ("Fact")
"""Held, across every worker, by the one sign-in whose password is being checked."""

LOCKED_OUT = (
    "Too many failed sign-ins from this address or for this account. Try again in {minutes} minutes, "
    "or ask an administrator to lift the lock."
)


def lockout_parameters(request: Any, credentials: dict[str, Any] | None) -> list[str]:
    """Count a password sign-in per address and per user name; a token (which names no account) per address."""
    if credentials and credentials.get(TOKEN_CREDENTIAL):
        return ["ip_address"]
    return ["ip_address", "username"]


def client_ip(request: HttpRequest) -> str:
    """The client's address as the API's throttling reads it: REMOTE_ADDR, or behind
    FACTBASE_NUM_PROXIES proxies the address the outermost of them saw in X-Forwarded-For."""
    proxies = cast(int, settings.REST_FRAMEWORK["NUM_PROXIES"])
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def lockout_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    return LOCKED_OUT.format(minutes=lockout_minutes())


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """429 with Retry-After: JSON under /api/ (errors there are always JSON), plain text elsewhere."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class OnePasswordCheckAtATime(ModelBackend):
    """Django's ModelBackend, checking one password at a time across all workers.

    A non-blocking Postgres advisory lock: an attempt that finds another being checked is refused
    (PermissionDenied: django.contrib.auth counts it as a failed sign-in, and so does django-axes)
    instead of waiting or hashing. A person signing in meanwhile is told the sign-in failed and
    tries again a second later; a flood cannot keep more than one worker hashing.
    """

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [PASSWORD_CHECK_LOCK])
            if not cursor.fetchone()[0]:
                raise PermissionDenied("Another sign-in is being checked; try again in a second.")
            try:
                return super().authenticate(request, username=username, password=password, **kwargs)
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [PASSWORD_CHECK_LOCK])
