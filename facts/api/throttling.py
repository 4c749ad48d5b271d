"""Throttling: one count per client, kept in the cache every worker process shares."""

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per signed-in account (rate `user`) or, for anonymous clients, per address (`anon`).

    One throttle rather than DRF's pair of anonymous and user throttles, so each request
    costs one read and one write of the shared cache.
    """

    scope = "anon"  # until the request says who the client is

    def allow_request(self, request: Request, view: Any) -> bool:
        self.scope = "user" if request.user and request.user.is_authenticated else "anon"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str:
        if self.scope == "user":
            return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
