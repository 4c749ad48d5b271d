"""CORS (django-cors-headers): off by default; on for the configured origins only, over real HTTP."""

import urllib.error
import urllib.request
from typing import Any

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db(transaction=True)

NEWSROOM = "https://newsroom.example.org"


def send(url: str, method: str = "GET", **headers: str) -> Any:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_no_origin_is_allowed_by_default(live_server):
    status, headers = send(f"{live_server.url}/api/v1/claims/", Origin=NEWSROOM)

    assert status == 200
    assert headers.get("Access-Control-Allow-Origin") is None


@override_settings(CORS_ALLOWED_ORIGINS=[NEWSROOM])
def test_an_allowed_origin_may_read_and_an_other_may_not(live_server):
    allowed_status, allowed = send(f"{live_server.url}/api/v1/claims/", Origin=NEWSROOM)
    other_status, other = send(f"{live_server.url}/api/v1/claims/", Origin="https://elsewhere.example.com")

    assert (allowed_status, other_status) == (200, 200)  # the browser, not the server, withholds the answer
    assert allowed["Access-Control-Allow-Origin"] == NEWSROOM
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    assert allowed.get("Access-Control-Allow-Credentials") is None
    assert other.get("Access-Control-Allow-Origin") is None


@override_settings(CORS_ALLOWED_ORIGINS=[NEWSROOM])
def test_a_preflight_from_an_allowed_origin_lets_it_send_a_token(live_server):
    status, headers = send(
        f"{live_server.url}/api/v1/claims/",
        "OPTIONS",
        Origin=NEWSROOM,
        **{"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"},
    )

    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == NEWSROOM
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "authorization" in headers["Access-Control-Allow-Headers"]


@override_settings(CORS_ALLOWED_ORIGINS=[NEWSROOM])
def test_a_preflight_from_another_origin_gets_no_permission(live_server):
    _, headers = send(
        f"{live_server.url}/api/v1/claims/",
        "OPTIONS",
        Origin="https://elsewhere.example.com",
        **{"Access-Control-Request-Method": "POST"},
    )

    assert headers.get("Access-Control-Allow-Origin") is None
    assert headers.get("Access-Control-Allow-Methods") is None


@override_settings(CORS_ALLOWED_ORIGINS=[NEWSROOM])
def test_the_admin_never_answers_cross_origin_requests(live_server):
    status, headers = send(f"{live_server.url}/admin/login/", Origin=NEWSROOM)

    assert status == 200
    assert headers.get("Access-Control-Allow-Origin") is None
