"""Read replicas (facts/db_router.py, facts.middleware.ReplicaReadsMiddleware): which database answers.

The replica here is a second connection alias to the test database (what a streaming replica
holds is the primary's data); the tests see which alias ran each query. The queries commit
(transactional_db), as a second connection sees only what is committed. A real streaming
replica is exercised by `make cluster-check` (scripts/cluster/).
"""

import time
from collections.abc import Iterator

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from facts import db_router
from facts.models import Article, Claim
from tests.factories import client_for, editors_group, make_article

REPLICA = "replica_test"
DOWN = "replica_down"  # a closed port on this machine: connecting is refused at once
CLOSED_PORT = {"HOST": "127.0.0.1", "PORT": "9", "OPTIONS": {"connect_timeout": 2}}


def _alias_settings(**overrides: object) -> dict:
    default = connections.settings["default"]
    return {**default, **overrides, "TEST": {**default["TEST"], "MIRROR": "default"}}


# Known from collection on, so the test database set-up mirrors them (a replica holds the primary's
# data); the router uses them only where a test lists them in DATABASE_REPLICAS.
connections.settings.setdefault(REPLICA, _alias_settings())
connections.settings.setdefault(DOWN, _alias_settings(**CLOSED_PORT))

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA, DOWN])


@pytest.fixture
def replica(settings) -> Iterator[str]:
    """A replica alias (the test database itself), the only one the router knows."""
    settings.DATABASE_REPLICAS = [REPLICA]
    db_router.health.measured.clear()
    yield REPLICA
    db_router.health.measured.clear()


def facts_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if '"facts_' in q["sql"]]


def get(client: APIClient, url: str) -> tuple[int, list[str], list[str]]:
    """The status, and the facts queries the replica and the primary each ran for the request."""
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        status = client.get(url).status_code
    return status, facts_queries(on_replica), facts_queries(on_primary)


@pytest.fixture
def editor_client() -> APIClient:
    from django.contrib.auth.models import User

    user = User.objects.create_user("writer")
    user.groups.add(editors_group())
    return client_for(user)


def test_a_safe_request_reads_the_facts_from_the_replica(replica):
    make_article()

    status, on_replica, on_primary = get(APIClient(), "/api/v1/articles/")

    assert status == 200
    assert on_replica and not on_primary


def test_a_write_and_the_reads_inside_it_use_the_primary(replica, editor_client):
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = editor_client.post("/api/v1/articles/", {"body": "Written on the primary."})

    assert response.status_code == 201
    assert on_replica.captured_queries == []


def test_a_client_reads_its_own_writes_from_the_primary_for_the_window(replica, editor_client, settings):
    settings.FACTBASE_READ_YOUR_WRITES_SECONDS = 2
    created = editor_client.post("/api/v1/articles/", {"body": "Read me back at once."})

    status, on_replica, on_primary = get(editor_client, created["Location"])
    assert status == 200 and on_primary and not on_replica
    # Another client is not in the window.
    assert get(APIClient(), created["Location"])[1]

    time.sleep(2.5)
    status, on_replica, on_primary = get(editor_client, created["Location"])
    assert status == 200 and on_replica and not on_primary


def test_an_unreachable_replica_is_skipped_and_the_primary_answers(replica, settings):
    settings.DATABASE_REPLICAS = [DOWN]
    make_article()

    with CaptureQueriesContext(connections["default"]) as on_primary:
        response = APIClient().get("/api/v1/articles/")

    assert response.status_code == 200
    assert facts_queries(on_primary)
    assert db_router.health.measured[DOWN][1] is False


def test_a_replica_too_far_behind_is_skipped(replica, monkeypatch, settings):
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 5
    monkeypatch.setattr(db_router, "replica_lag", lambda alias: 12.5)
    make_article()

    status, on_replica, on_primary = get(APIClient(), "/api/v1/articles/")

    assert status == 200 and on_primary and not on_replica


def test_a_replica_that_fails_mid_request_is_answered_again_from_the_primary(replica, settings):
    make_article()
    # Healthy when last measured, gone since (its connections are refused).
    settings.DATABASE_REPLICAS = [DOWN]
    db_router.health.measured[DOWN] = (time.monotonic(), True)

    with CaptureQueriesContext(connections["default"]) as on_primary:
        response = APIClient().get("/api/v1/articles/")

    assert response.status_code == 200
    assert facts_queries(on_primary)
    assert DOWN not in db_router.health.measured  # measured again before its next use


def test_the_admin_reads_from_the_primary(replica, client, django_user_model):
    user = django_user_model.objects.create_user("admin-editor", password="x", is_staff=True)
    user.groups.add(editors_group())
    client.force_login(user)
    make_article()

    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get("/admin/facts/article/").status_code == 200

    assert on_replica.captured_queries == []


def test_outside_a_request_everything_uses_the_primary(replica):
    # Commands, migrations and background jobs never enter replica_reads.
    assert router.db_for_read(Claim) == router.db_for_write(Claim) == "default"
    assert router.allow_migrate("default", "facts") and not router.allow_migrate(REPLICA, "facts")
    with db_router.replica_reads():
        assert router.db_for_read(Article) == REPLICA
        assert router.db_for_read(django_user()) == "default"  # accounts stay on the primary
        assert router.db_for_write(Article) == "default"


def django_user() -> type:
    from django.contrib.auth.models import User

    return User


def test_the_lag_of_a_server_not_in_recovery_is_zero():
    assert db_router.replica_lag("default") == 0
