"""A local HTTP server on 127.0.0.1 serving test pages, and a guard that no test connects elsewhere.

Registered in tests/conftest.py. Every module that fetches uses `only_loopback_connections`
(pytestmark), so a fetch that got past the address checks to a non-loopback address fails
loudly instead of connecting.
"""

import contextlib
import http.server
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Refugees wait at the border | The Daily Example</title>
<meta property="og:title" content="Refugees wait at the border">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://news.example.com/2024/03/05/refugees">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Refugees wait at the border</h1>
<p>&ldquo;We are ready,&rdquo; said Kim Young-il, a spokesman for the group, on Tuesday morning.</p>
<p>About <b>3,000</b> people crossed the river last month, according to officials in the province.</p>
<p>Aid workers said the numbers had grown steadily since the winter, and that shelters were full.</p>
</article>
<footer>Copyright The Daily Example</footer>
</body></html>
"""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds to wait between chunks of the body (a slow server), and how many chunks.
    trickle: float = 0.0
    chunks: int = 1


@dataclass
class PageServer:
    base: str
    routes: dict[str, Route]
    requests: list[str]

    def serve(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.base + path

    def page(self, path: str, html: str, content_type: str = "text/html; charset=utf-8") -> str:
        return self.serve(path, Route(body=html.encode("utf-8"), headers={"Content-Type": content_type}))


def _handler(server: PageServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(self.path)
            route = server.routes.get(self.path, Route(status=404, headers={"Content-Type": "text/plain"}))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            # The client may give up, as a capped fetch does.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._write(route)

        def _write(self, route: Route) -> None:
            size = max(1, len(route.body) // route.chunks)
            for start in range(0, len(route.body), size):
                if route.trickle:
                    time.sleep(route.trickle)
                self.wfile.write(route.body[start : start + size])
                self.wfile.flush()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    """An HTTP server on 127.0.0.1 (a free port) serving the routes a test adds."""
    state = PageServer(base="", routes={}, requests=[])
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_loopback(settings: Any) -> None:
    """Fetching from 127.0.0.0/8 allowed, as for the local server; nothing else."""
    settings.FACTBASE_FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]


@pytest.fixture
def only_loopback_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """A guard, not a stand-in: no connection outside 127.0.0.0/8, no DNS query leaves the machine.

    A connection elsewhere fails as a refused connection (so a test expecting the address check's
    refusal fails, and the API answers a generated request with 400, not 500); names other than
    localhost do not resolve.
    """
    real_connect: Callable[..., socket.socket] = socket.create_connection
    real_resolve = socket.getaddrinfo
    loopback = ipaddress.ip_network("127.0.0.0/8")

    def guarded_connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        if ipaddress.ip_address(address[0]) not in loopback:
            raise ConnectionRefusedError(f"The test guard refused a connection to {address[0]}, outside 127.0.0.0/8.")
        return real_connect(address, *args, **kwargs)

    def guarded_resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if host != "localhost":
                message = f"The test guard resolves no name but localhost ({host!r})."
                raise socket.gaierror(socket.EAI_NONAME, message) from None
        return real_resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_resolve)
