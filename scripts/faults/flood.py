"""A bounded flood of wrong-password sign-ins: each client its own loopback address, at a bounded rate."""

from __future__ import annotations

import http.client
import re
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

LOGIN = "/admin/login/"


@dataclass
class Flood:
    """What the flooding clients were answered, in order per client (status codes)."""

    answers: dict[str, list[int]] = field(default_factory=dict)

    def statuses(self) -> Counter:
        return Counter(status for answers in self.answers.values() for status in answers)

    def attempts_before_lockout(self) -> int:
        """The most wrong passwords any one address got answered (200) before its first 429."""
        counts = []
        for answers in self.answers.values():
            first_refusal = answers.index(429) if 429 in answers else len(answers)
            counts.append(sum(1 for status in answers[:first_refusal] if status == 200))
        return max(counts, default=0)


def _sign_in_form(port: int, address: str) -> tuple[str, str]:
    """The CSRF cookie and form token of the admin's sign-in page, as a browser would get them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(address, 0))
    try:
        connection.request("GET", LOGIN, headers={"Connection": "close"})
        response = connection.getresponse()
        page = response.read().decode("utf-8", "replace")
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if cookie is None or token is None:
            raise RuntimeError(f"the sign-in page gave no CSRF token (status {response.status})")
        return cookie.group(1), token.group(1)
    finally:
        connection.close()


def _attempt(port: int, address: str, cookie: str, token: str) -> int:
    body = f"csrfmiddlewaretoken={token}&username=flood-{secrets.token_hex(4)}&password=wrong-{secrets.token_hex(4)}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(address, 0))
    try:
        connection.request(
            "POST",
            LOGIN,
            body=body.encode(),
            headers={
                "Connection": "close",
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "Referer": f"http://127.0.0.1:{port}{LOGIN}",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


def flood_logins(
    port: int, clients: int, rate: float, seconds: float, max_attempts: int, stop: threading.Event
) -> Flood:
    """`clients` threads, from 127.0.0.2 on, each sending wrong passwords at up to `rate` a second for
    at most `seconds` and `max_attempts` attempts (or until `stop`); started now, joined before returning."""
    flood = Flood()
    deadline = time.monotonic() + seconds

    def client(address: str) -> None:
        cookie, token = _sign_in_form(port, address)
        answers = flood.answers.setdefault(address, [])
        start = time.monotonic()
        for attempt in range(max_attempts):
            # Open loop, like the API load: attempt i is due at start + i/rate.
            time.sleep(max(0.0, start + attempt / rate - time.monotonic()))
            if stop.is_set() or time.monotonic() >= deadline:
                return
            answers.append(_attempt(port, address, cookie, token))

    threads = [threading.Thread(target=client, args=(f"127.0.0.{2 + n}",), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    return flood
