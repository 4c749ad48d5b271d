"""Wrong API tokens are counted per address, so tokens cannot be guessed at speed.

The limit is lowered to 3 here (facts/logins.py has the real defaults); the wrong token that
reaches it is already answered 429.
"""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limit_of_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


def with_token(key: str, address: str = "10.0.0.1") -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_after_too_many_wrong_tokens_the_address_gets_429_even_with_a_right_token(editor_user):
    token = Token.objects.create(user=editor_user)
    statuses = [with_token(f"{n:040x}").get("/api/v1/claims/").status_code for n in range(3)]

    locked = with_token(token.key).get("/api/v1/claims/")

    assert statuses == [401, 401, 429]
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.json()["detail"]
    assert int(locked["Retry-After"]) == 900


def test_other_addresses_and_requests_without_a_token_are_not_locked_out(editor_user, anonymous):
    token = Token.objects.create(user=editor_user)
    for n in range(4):
        with_token(f"{n:040x}").get("/api/v1/claims/")

    assert with_token(token.key, address="10.0.0.2").get("/api/v1/claims/").status_code == 200
    assert APIClient(REMOTE_ADDR="10.0.0.1").get("/api/v1/claims/").status_code == 200


def test_a_locked_out_token_is_not_even_looked_up(editor_user, django_assert_num_queries):
    for n in range(3):
        with_token(f"{n:040x}").get("/api/v1/claims/")
    client = with_token(Token.objects.create(user=editor_user).key)

    # Only: has this address failed too often (django-axes's count), then the 429.
    with django_assert_num_queries(1):
        assert client.get("/api/v1/claims/").status_code == 429
