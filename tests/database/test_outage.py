"""While the database cannot be reached, requests get 503 with Retry-After, never 500."""

import pytest
from django.db import connection

from tests.factories import client_for, editors_group

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def unreachable_database():
    """Point the connection at a port where no Postgres listens, as during an outage."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="9", CONN_HEALTH_CHECKS=False)
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.fixture
def editor_api(django_user_model):
    user = django_user_model.objects.create_user("outage-editor")
    user.groups.add(editors_group())
    return client_for(user)


def test_a_write_during_an_outage_is_503_with_retry_after(editor_api, unreachable_database):
    response = editor_api.post("/api/v1/articles/", {"body": "Written while the database is down."})

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "unavailable" in response.json()["detail"]


def test_a_read_during_an_outage_is_503(unreachable_database):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/claims/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_the_admin_during_an_outage_is_503_not_500(unreachable_database, client):
    response = client.get("/admin/facts/claim/")

    assert response.status_code in (302, 503)  # the login redirect needs no database
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 503
