"""Password sign-ins (the admin's and the browsable API's) are limited per account and per address.

django-axes counts failures (facts/logins.py); the limit is lowered to 3 here to keep tests short.
The failure that reaches the limit is already answered 429, and so is every attempt after it.
"""

from io import StringIO

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from facts.logins import PASSWORD_CHECK_LOCK
from tests.admin.conftest import PASSWORD, make_editor

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("admin:login")
API_LOGIN = "/api-auth/login/"


@pytest.fixture(autouse=True)
def limit_of_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


def sign_in(client, username: str, password: str, address: str = "10.0.0.1", url: str = ADMIN_LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username: str, times: int, address: str = "10.0.0.1", url: str = ADMIN_LOGIN) -> list[int]:
    return [sign_in(client, username, "wrong", address, url).status_code for _ in range(times)]


def test_after_too_many_wrong_passwords_even_the_right_one_is_refused_with_429(client, django_user_model):
    make_editor(django_user_model)

    assert fail(client, "editor", 3) == [200, 200, 429]
    locked = sign_in(client, "editor", PASSWORD)

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text and "15 minutes" in locked.text
    assert locked["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_answers_do_not_tell_whether_an_account_exists(client, django_user_model):
    make_editor(django_user_model)

    def answers(username: str, address: str) -> list[tuple[int, str]]:
        return [
            (response.status_code, response.text.replace(username, "NAME").replace("csrfmiddlewaretoken", ""))
            for response in (sign_in(client, username, "wrong", address) for _ in range(4))
        ]

    existing, missing = answers("editor", "10.0.0.1"), answers("nobody", "10.0.0.2")

    assert [status for status, _ in existing] == [status for status, _ in missing] == [200, 200, 429, 429]
    assert existing[2:] == missing[2:]


def test_failures_from_one_address_lock_that_address_whatever_the_user_names(client, django_user_model):
    make_editor(django_user_model)

    assert fail(client, "someone", 1) + fail(client, "anyone", 1) + fail(client, "no-one", 1) == [200, 200, 429]

    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="10.0.0.9").status_code == 302


def test_failures_for_one_account_from_many_addresses_lock_that_account(client, django_user_model):
    make_editor(django_user_model)

    assert fail(client, "editor", 1, "10.0.0.1") + fail(client, "editor", 1, "10.0.0.2") == [200, 200]
    assert fail(client, "editor", 1, "10.0.0.3") == [429]

    assert sign_in(client, "editor", PASSWORD, address="10.0.0.4").status_code == 429


def test_a_locked_out_attempt_is_refused_before_any_password_is_hashed(client, django_user_model, monkeypatch):
    make_editor(django_user_model)
    fail(client, "editor", 3)
    checked = []
    real = ModelBackend.authenticate
    monkeypatch.setattr(ModelBackend, "authenticate", lambda self, *a, **k: checked.append(1) or real(self, *a, **k))

    statuses = [sign_in(client, "editor", PASSWORD).status_code for _ in range(5)]

    assert statuses == [429] * 5
    assert checked == []


def test_the_browsable_apis_sign_in_is_limited_too(client, django_user_model):
    make_editor(django_user_model)

    assert fail(client, "editor", 3, url=API_LOGIN) == [200, 200, 429]
    assert sign_in(client, "editor", PASSWORD, url=API_LOGIN).status_code == 429


def test_a_successful_sign_in_clears_the_count(client, django_user_model):
    make_editor(django_user_model)
    fail(client, "editor", 2)

    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, "editor", 2) == [200, 200]
    assert sign_in(client, "editor", PASSWORD).status_code == 302


@pytest.mark.parametrize(("command", "argument"), [("axes_reset_username", "editor"), ("axes_reset_ip", "10.0.0.1")])
def test_an_administrator_lifts_a_lockout_with_a_command(client, django_user_model, command, argument):
    make_editor(django_user_model)
    fail(client, "editor", 3)

    call_command(command, argument, stdout=StringIO())
    if command == "axes_reset_username":
        call_command("axes_reset_ip", "10.0.0.1", stdout=StringIO())

    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_while_another_worker_checks_a_password_a_sign_in_is_refused_without_hashing(
    client, django_user_model, monkeypatch
):
    make_editor(django_user_model)
    checked = []
    real = ModelBackend.authenticate
    monkeypatch.setattr(ModelBackend, "authenticate", lambda self, *a, **k: checked.append(1) or real(self, *a, **k))
    other_worker = connections.create_connection("default")
    try:
        with other_worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [PASSWORD_CHECK_LOCK])
        refused = sign_in(client, "editor", PASSWORD)
        with other_worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PASSWORD_CHECK_LOCK])
    finally:
        other_worker.close()

    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert checked == []
    assert sign_in(client, "editor", PASSWORD).status_code == 302
