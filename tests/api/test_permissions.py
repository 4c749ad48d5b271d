"""Anonymous clients read; writes need an editor; 401 and 403 are distinct and explained."""

import pytest

from facts.models import Article

pytestmark = pytest.mark.django_db


def test_anyone_can_read_without_credentials(anonymous, seed):
    response = anonymous.get("/api/v1/articles/")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_an_anonymous_write_is_401_with_a_challenge_and_instructions(anonymous):
    response = anonymous.post("/api/v1/articles/", {"body": "Text."})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "Authorization: Token" in response.json()["detail"]
    assert Article.objects.count() == 0


def test_a_signed_in_non_editor_write_is_403_saying_how_to_become_an_editor(reader):
    response = reader.post("/api/v1/articles/", {"body": "Text."})

    assert response.status_code == 403
    assert "editors group" in response.json()["detail"]
    assert Article.objects.count() == 0


def test_an_invalid_token_is_401(anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = anonymous.post("/api/v1/articles/", {"body": "Text."})

    assert response.status_code == 401


def test_an_editor_can_write(editor):
    response = editor.post("/api/v1/articles/", {"body": "Text."})

    assert response.status_code == 201


def test_a_superuser_can_write_without_being_in_the_group(db, django_user_model):
    from tests.factories import client_for

    admin = client_for(django_user_model.objects.create_superuser("root"))

    assert admin.post("/api/v1/articles/", {"body": "Text."}).status_code == 201


def test_session_writes_need_a_csrf_token(db, editor_user):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor_user)

    response = client.post("/api/v1/articles/", {"body": "Text."})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
