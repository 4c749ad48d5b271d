"""Fetching a page: the address checks (pure, before any connection) and the limits, against a local server."""

import ipaddress

import pytest

from facts.sources.fetching import FetchRefused, Limits, Target, check_address, check_url, fetch_url, resolve_checked
from tests.pages import ARTICLE_HTML, Route

pytestmark = pytest.mark.usefixtures("only_loopback_connections")

NONE_ALLOWED: list = []
SHORT = Limits(max_bytes=10_000, connect_timeout=2, read_timeout=1, total_timeout=3, max_redirects=5)


def refusal(call, *args, **kwargs) -> FetchRefused:  # type: ignore[no-untyped-def]
    with pytest.raises(FetchRefused) as caught:
        call(*args, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.0.0.1", "private"),
        ("192.168.1.20", "private"),
        ("172.16.0.5", "private"),
        ("169.254.169.254", "link-local"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not public"),
        ("::ffff:10.0.0.1", "private"),
    ],
)
def test_an_address_that_is_not_public_is_refused_by_the_pure_check(address, kind):
    error = refusal(check_address, ipaddress.ip_address(address), NONE_ALLOWED)

    assert error.code == "address_refused"
    assert f"is {kind}" in error.message


def test_a_public_address_passes_the_check():
    check_address(ipaddress.ip_address("93.184.216.34"), NONE_ALLOWED)
    check_address(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946"), NONE_ALLOWED)


def test_an_allowed_network_lets_its_addresses_through_and_no_others():
    allowed = [ipaddress.ip_network("127.0.0.0/8")]

    check_address(ipaddress.ip_address("127.0.0.1"), allowed)

    assert refusal(check_address, ipaddress.ip_address("::1"), allowed).code == "address_refused"
    assert refusal(check_address, ipaddress.ip_address("10.0.0.1"), allowed).code == "address_refused"


@pytest.mark.parametrize(
    "url", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8000/", "https://0.0.0.0/"]
)
def test_a_url_naming_a_private_address_is_refused_when_resolved_before_any_connection(url):
    # Literal addresses: resolving them makes no DNS query, and the check refuses them there.
    error = refusal(resolve_checked, check_url(url), NONE_ALLOWED)

    assert error.code == "address_refused"


def test_a_host_name_resolving_to_loopback_is_refused_when_loopback_is_not_allowed():
    error = refusal(resolve_checked, Target("http://localhost/", "http", "localhost", 80, "/"), NONE_ALLOWED)

    assert "loopback" in error.message


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.com/a", "scheme"),
        ("gopher://example.com/", "scheme"),
        ("example.com/article", "scheme"),
        ("http:///no-host", "invalid_url"),
        ("http://user:secret@example.com/", "credentials"),
        ("http://example.com:99999/", "invalid_url"),
    ],
)
def test_urls_that_are_not_plain_http_or_https_are_refused(url, code):
    assert refusal(check_url, url).code == code


def test_a_page_is_fetched_from_the_local_server(page_server, allow_loopback):
    url = page_server.page("/article", ARTICLE_HTML)

    page = fetch_url(url, limits=SHORT)

    assert page.html == ARTICLE_HTML
    assert page.url == url
    assert page.content_type == "text/html; charset=utf-8"


def test_the_local_server_is_refused_when_loopback_is_not_allowed_and_never_asked(page_server, settings):
    settings.FACTBASE_FETCH_ALLOWED_NETWORKS = []
    url = page_server.page("/article", ARTICLE_HTML)

    assert refusal(fetch_url, url, limits=SHORT).code == "address_refused"
    assert refusal(fetch_url, url.replace("127.0.0.1", "localhost"), limits=SHORT).code == "address_refused"
    assert page_server.requests == []


def test_redirects_are_followed_and_each_hop_checked(page_server, allow_loopback):
    final = page_server.page("/final", ARTICLE_HTML)
    page_server.serve("/moved", Route(status=301, headers={"Location": "/final"}))

    page = fetch_url(page_server.base + "/moved", limits=SHORT)

    assert (page.requested_url, page.url) == (page_server.base + "/moved", final)


@pytest.mark.parametrize("location", ["http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/"])
def test_a_redirect_to_a_private_address_is_refused_before_connecting_to_it(page_server, allow_loopback, location):
    page_server.serve("/bounce", Route(status=302, headers={"Location": location}))

    error = refusal(fetch_url, page_server.base + "/bounce", limits=SHORT)

    assert error.code == "address_refused"


def test_a_redirect_to_another_loopback_address_not_allowed_is_refused(page_server, settings):
    settings.FACTBASE_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    port = page_server.base.rsplit(":", 1)[1]
    page_server.serve("/bounce", Route(status=307, headers={"Location": f"http://127.0.0.2:{port}/article"}))

    error = refusal(fetch_url, page_server.base + "/bounce", limits=SHORT)

    assert "127.0.0.2 is loopback" in error.message
    assert page_server.requests == ["/bounce"]


def test_more_than_five_redirects_are_refused(page_server, allow_loopback):
    for hop in range(7):
        page_server.serve(f"/hop{hop}", Route(status=302, headers={"Location": f"/hop{hop + 1}"}))

    error = refusal(fetch_url, page_server.base + "/hop0", limits=SHORT)

    assert error.code == "redirects"
    assert len(page_server.requests) == 6


def test_a_page_larger_than_the_cap_is_refused_by_its_stated_length(page_server, allow_loopback):
    url = page_server.page("/big", "<p>" + "x" * 20_000 + "</p>")

    assert refusal(fetch_url, url, limits=SHORT).code == "too_large"


def test_a_page_larger_than_the_cap_without_a_stated_length_is_refused_while_streaming(page_server, allow_loopback):
    body = ("<p>" + "x" * 20_000 + "</p>").encode()
    url = page_server.serve("/big", Route(body=body, headers={"Content-Type": "text/html"}, chunks=10))

    error = refusal(fetch_url, url, limits=SHORT)

    assert error.code == "too_large"
    assert "10000 bytes" in error.message


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json", "text/plain", None])
def test_a_page_that_is_not_html_is_refused(page_server, allow_loopback, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    url = page_server.serve("/file", Route(body=b"%PDF-1.4", headers=headers))

    error = refusal(fetch_url, url, limits=SHORT)

    assert error.code == "content_type"
    assert "only HTML pages" in error.message


def test_xhtml_is_accepted(page_server, allow_loopback):
    url = page_server.page("/x", ARTICLE_HTML, content_type="application/xhtml+xml")

    assert fetch_url(url, limits=SHORT).html == ARTICLE_HTML


def test_a_slow_server_is_timed_out_within_the_total_limit(page_server, allow_loopback):
    import time

    body = ARTICLE_HTML.encode()
    # Each chunk comes within the read limit, but all of them would take 10 s: the total limit stops it.
    url = page_server.serve("/slow", Route(body=body, headers={"Content-Type": "text/html"}, trickle=0.5, chunks=20))
    started = time.monotonic()

    error = refusal(fetch_url, url, limits=SHORT)

    assert error.code == "timeout"
    assert time.monotonic() - started < SHORT.total_timeout + 1


def test_a_server_that_never_answers_is_timed_out_by_the_read_limit(page_server, allow_loopback):
    import time

    url = page_server.serve("/silent", Route(body=b"<p>late</p>", headers={"Content-Type": "text/html"}, trickle=5))
    started = time.monotonic()

    assert refusal(fetch_url, url, limits=SHORT).code == "timeout"
    assert time.monotonic() - started < 2.5


def test_an_error_status_is_refused_with_the_status(page_server, allow_loopback):
    error = refusal(fetch_url, page_server.base + "/missing", limits=SHORT)

    assert (error.code, "HTTP 404" in error.message) == ("status", True)


def test_the_charset_the_page_declares_decodes_it_when_the_server_names_none(page_server, allow_loopback):
    html = '<html><head><meta charset="windows-1252"></head><body><p>caf\xe9 \u201cquoted\u201d</p></body></html>'
    url = page_server.serve("/latin", Route(body=html.encode("windows-1252"), headers={"Content-Type": "text/html"}))

    assert fetch_url(url, limits=SHORT).html == html
