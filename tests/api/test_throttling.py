"""Throttling: counted in a cache every worker shares, answered 429 with Retry-After."""

import pytest
from django.conf import settings
from django.core.cache import cache

from facts.api.throttling import ClientRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    cache.clear()
    yield
    cache.clear()


def test_the_throttle_cache_is_shared_by_all_workers_never_process_memory():
    backend = settings.CACHES["default"]["BACKEND"]

    assert backend in (
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    )


def test_an_anonymous_client_over_its_rate_gets_429_with_retry_after(anonymous, low_rates):
    statuses = [anonymous.get("/api/v1/measures/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = anonymous.get("/api/v1/measures/")
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"].lower()


def test_the_count_lives_in_the_shared_cache_not_in_the_process(anonymous, low_rates):
    from django.db import connection

    for _ in range(3):
        anonymous.get("/api/v1/measures/")

    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM factbase_cache WHERE cache_key LIKE %s", ["%throttle_anon%"])
            assert cursor.fetchone()[0] == 1
    # A fresh throttle object (as in another worker) sees the same history.
    assert len(cache.get("throttle_anon_127.0.0.1")) == 3


def test_an_editor_is_counted_per_account(editor, low_rates):
    statuses = [editor.get("/api/v1/measures/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_with_the_database_cache_throttling_costs_four_queries_a_request(anonymous, django_assert_num_queries):
    if not settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        pytest.skip("REDIS_URL is set: the throttling cache is Redis, which runs no database query.")
    cache.clear()
    anonymous.get("/api/v1/measures/")

    # Throttling: 1: read the client's history; 2: count the cache's entries (Django culls
    # past MAX_ENTRIES); in a transaction (here a savepoint, 3 and 6), 4: find the client's
    # row and 5: update it. Then 7: the page itself. (With Redis: only the page.)
    with django_assert_num_queries(7):
        anonymous.get("/api/v1/measures/")
