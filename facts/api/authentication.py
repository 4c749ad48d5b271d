"""Token authentication whose failures are counted, so tokens cannot be guessed at speed."""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from facts.logins import TOKEN_CREDENTIAL, lockout_message


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's `Authorization: Token <key>`, with every wrong token a failed sign-in for django-axes.

    An address that has sent too many wrong tokens is refused with 429 before its token is
    even looked up, for as long as a password lockout lasts (facts/logins.py). That check is
    one indexed query of every request that sends a token.
    """

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # no token: another authentication, or anonymous
        credentials = {TOKEN_CREDENTIAL: True}
        if not AxesProxyHandler.is_allowed(request._request, credentials):
            raise exceptions.Throttled(wait=settings.AXES_COOLOFF_TIME.total_seconds(), detail=lockout_message())
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            user_login_failed.send(sender=type(self), credentials=credentials, request=request._request)
            raise
