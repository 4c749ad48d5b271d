"""Throttling: one count per client, kept in the cache every worker process shares."""

import math
from typing import Any, cast

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per signed-in account (rate `user`) or, for anonymous clients, per address (`anon`).

    One throttle rather than DRF's pair of anonymous and user throttles, so each request
    costs one read and one write of the shared cache. The count is kept per fixed window
    (the rate's minute, hour...) as one small (window, count) pair, rather than DRF's list of
    every request's time, which a write pickles whole: at 1,200 requests a minute that list
    would be 1,200 floats written on every request. A client may therefore send up to twice
    its rate across the boundary of two windows. Two workers counting the same client at the
    same instant may both count from the same value (as with DRF's list): the limit is
    approximate by a request or two, never by more.
    """

    scope = "anon"  # until the request says who the client is

    def allow_request(self, request: Request, view: Any) -> bool:
        self.scope = "user" if request.user and request.user.is_authenticated else "anon"
        self.rate = self.get_rate()
        # Both scopes have a rate (factbase/settings.py's env_rate), so neither number is None.
        self.num_requests, self.duration = cast("tuple[int, int]", self.parse_rate(self.rate))
        self.key = self.get_cache_key(request, view)
        self.now = self.timer()
        window = int(self.now // self.duration)
        stored = self.cache.get(self.key)
        count = stored[1] if isinstance(stored, tuple) and stored[0] == window else 0
        if count >= self.num_requests:
            self.window_ends = (window + 1) * self.duration
            return False
        self.cache.set(self.key, (window, count + 1), self.duration)
        return True

    def wait(self) -> float:
        """Whole seconds until the window ends (Retry-After)."""
        return max(1, math.ceil(self.window_ends - self.now))

    def get_cache_key(self, request: Request, view: Any) -> str:
        if self.scope == "user":
            return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
