"""Fetching an article's page from a URL, with hard limits, refusing what a server should not reach.

The standard library's http.client, not requests or urllib3: the address a host resolves to
is checked first and then connected to as it is (the Host header and TLS's server name and
certificate check keep the host name), so no second DNS lookup can swap a checked public
address for a private one (DNS rebinding). Those libraries resolve again on connecting unless
patched deep inside; here the check (`check_url`, `check_address`, `resolve_checked`, pure but
for the lookup) and the connection (`_open`) are separate steps, and nothing connects before
both checks passed.

Every refusal raises FetchRefused with a message that says what was refused and why.
"""

import http.client
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import urljoin, urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Factbase article importer (+https://github.com/factbase)"


class FetchRefused(Exception):
    """A fetch was refused or failed; `message` says why in words a client can act on."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Target:
    """A URL checked for its scheme and host, split into what a connection needs."""

    url: str
    scheme: str
    host: str
    port: int
    path: str


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    connect_timeout: float
    read_timeout: float
    total_timeout: float
    max_redirects: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            max_bytes=settings.FACTBASE_FETCH_MAX_BYTES,
            connect_timeout=settings.FACTBASE_FETCH_CONNECT_TIMEOUT,
            read_timeout=settings.FACTBASE_FETCH_READ_TIMEOUT,
            total_timeout=settings.FACTBASE_FETCH_TOTAL_TIMEOUT,
            max_redirects=settings.FACTBASE_FETCH_MAX_REDIRECTS,
        )


@dataclass(frozen=True)
class FetchedPage:
    """A page as fetched: the URL asked for, the one finally answered (after redirects), its HTML."""

    requested_url: str
    url: str
    html: str
    content_type: str
    fetched_at: datetime


def allowed_networks() -> list[IPNetwork]:
    return [ipaddress.ip_network(network) for network in settings.FACTBASE_FETCH_ALLOWED_NETWORKS]


def check_url(url: str) -> Target:
    """The URL's parts, or FetchRefused if it is not an http or https URL with a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchRefused(f"{url!r} is not a valid URL ({error}).", "invalid_url") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        given = scheme or "a URL without a scheme"
        raise FetchRefused(f"Only http and https URLs can be fetched, not {given}.", "scheme")
    if not parts.hostname:
        raise FetchRefused(f"{url!r} has no host name.", "invalid_url")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("URLs with a user name or password are not fetched.", "credentials")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    port = port or (443 if scheme == "https" else 80)
    return Target(url=url, scheme=scheme, host=parts.hostname, port=port, path=path)


def check_address(address: IPAddress, allowed: Sequence[IPNetwork]) -> None:
    """Refuse an address that is not public, unless one of the allowed networks holds it."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        # ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it stands for.
        address = address.ipv4_mapped
    if any(address in network for network in allowed):
        return
    # The most specific word first: many of these ranges are in the "private" list too.
    kinds = [
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not public", not address.is_global),
    ]
    for kind, matches in kinds:
        if matches:
            raise FetchRefused(
                f"The address {address} is {kind}; pages are fetched only from public addresses "
                "(FACTBASE_FETCH_ALLOWED_NETWORKS lists the exceptions).",
                "address_refused",
            )


def resolve_checked(target: Target, allowed: Sequence[IPNetwork]) -> IPAddress:
    """The address to connect to: every address the host resolves to must pass check_address."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused(f"The host {target.host!r} could not be resolved ({error}).", "dns") from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    # All of them, not only the first: a client that may retry on another would reach it.
    for address in addresses:
        check_address(address, allowed)
    return addresses[0]


def fetch_url(url: str, *, limits: Limits | None = None) -> FetchedPage:
    """Fetch an HTML page, following at most `max_redirects` redirects, each one checked again."""
    limits = limits or Limits.from_settings()
    allowed = allowed_networks()
    deadline = time.monotonic() + limits.total_timeout
    current = url
    for _hop in range(limits.max_redirects + 1):
        target = check_url(current)
        address = resolve_checked(target, allowed)
        status, headers, body = _open(target, address, limits, deadline)
        if status in REDIRECTS and headers.get("Location"):
            current = urljoin(current, headers["Location"])
            continue
        if status != 200:
            raise FetchRefused(f"{current} answered HTTP {status}; only a 200 answer is imported.", "status")
        content_type = headers.get("Content-Type", "")
        return FetchedPage(
            requested_url=url,
            url=current,
            html=_decode(body, headers),
            content_type=content_type,
            fetched_at=datetime.now(UTC),
        )
    raise FetchRefused(f"{url} redirected more than {limits.max_redirects} times.", "redirects")


def _open(target: Target, address: IPAddress, limits: Limits, deadline: float) -> tuple[int, Message, bytes]:
    """GET the target from the checked address: (status, headers, body read within the limits)."""
    try:
        timeout = _remaining(deadline, limits.connect_timeout)
        sock = socket.create_connection((str(address), target.port), timeout=timeout)
        if target.scheme == "https":
            # The certificate is checked against the host name, not the address connected to.
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=target.host)
        connection = http.client.HTTPConnection(target.host, target.port)
        connection.sock = sock
        try:
            sock.settimeout(_remaining(deadline, limits.read_timeout))
            connection.request("GET", target.path, headers=_request_headers(target))
            response = connection.getresponse()
            if response.status in REDIRECTS:
                return response.status, response.msg, b""
            _check_headers(target, response, limits)
            return response.status, response.msg, _read_capped(target, response, sock, limits, deadline)
        finally:
            connection.close()
    except TimeoutError:
        raise FetchRefused(f"{target.url} did not answer within the time limits.", "timeout") from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchRefused(f"{target.url} could not be fetched ({error}).", "connection") from None


def _request_headers(target: Target) -> dict[str, str]:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default_port = 443 if target.scheme == "https" else 80
    return {
        "Host": host if target.port == default_port else f"{host}:{target.port}",
        "User-Agent": USER_AGENT,
        "Accept": "text/html, application/xhtml+xml",
        # Compressed answers would need their own size cap after decompressing.
        "Accept-Encoding": "identity",
    }


def _check_headers(target: Target, response: http.client.HTTPResponse, limits: Limits) -> None:
    if response.status != 200:
        return
    media_type = response.msg.get_content_type()
    if response.msg.get("Content-Type") is None or media_type not in HTML_TYPES:
        raise FetchRefused(
            f"{target.url} is {response.msg.get('Content-Type') or 'of no stated type'}; only HTML pages "
            "(text/html, application/xhtml+xml) are imported.",
            "content_type",
        )
    encoding = (response.msg.get("Content-Encoding") or "identity").lower()
    if encoding != "identity":
        raise FetchRefused(f"{target.url} was sent {encoding}-encoded, though asked for no encoding.", "encoding")
    length = response.msg.get("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchRefused(_too_large(target, limits), "too_large")


def _read_capped(
    target: Target, response: http.client.HTTPResponse, sock: socket.socket, limits: Limits, deadline: float
) -> bytes:
    """The body, read in chunks; refused as soon as it passes the size cap or a time limit."""
    chunks: list[bytes] = []
    size = 0
    while True:
        sock.settimeout(_remaining(deadline, limits.read_timeout))
        chunk = response.read1(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchRefused(_too_large(target, limits), "too_large")
        chunks.append(chunk)


def _remaining(deadline: float, step: float) -> float:
    """The time the next step may take: its own limit, or what is left of the total if less."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return min(step, left)


def _too_large(target: Target, limits: Limits) -> str:
    return f"{target.url} is larger than the limit of {limits.max_bytes} bytes (FACTBASE_FETCH_MAX_BYTES)."


def _decode(body: bytes, headers: Message) -> str:
    """The page as text: in the charset the server named, else the one the page declares, else UTF-8."""
    charset = headers.get_content_charset()
    if charset is None:
        charset = _declared_charset(body[:4096])
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _declared_charset(head: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", head, re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None
