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

    assert backend in ("facts.cache.PostgresDatabaseCache", "django.core.cache.backends.redis.RedisCache")


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
    assert cache.get("throttle_anon_127.0.0.1")[1] == 3


def test_the_count_starts_again_in_the_next_window_and_retry_after_says_when(anonymous, low_rates, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 60 * 1000 + 10.5)  # 10.5 s into a minute
    statuses = [anonymous.get("/api/v1/measures/").status_code for _ in range(4)]
    refused = anonymous.get("/api/v1/measures/")

    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 60 * 1001 + 0.1)  # the next minute

    assert statuses == [200, 200, 200, 429]
    assert refused["Retry-After"] == "50"
    assert anonymous.get("/api/v1/measures/").status_code == 200


def test_a_clients_stored_count_stays_small_whatever_its_rate(anonymous, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "1000000/min", "user": "1000000/min"})
    cache.clear()
    for _ in range(50):
        anonymous.get("/api/v1/measures/")

    _window, count = cache.get("throttle_anon_127.0.0.1")

    assert count == 50


def test_an_editor_is_counted_per_account(editor, low_rates):
    statuses = [editor.get("/api/v1/measures/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_with_the_database_cache_throttling_costs_two_queries_a_request(anonymous, django_assert_num_queries):
    if not settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        pytest.skip("REDIS_URL is set: the throttling cache is Redis, which runs no database query.")
    cache.clear()
    anonymous.get("/api/v1/measures/")  # the process's first write may count and cull; the next ones do not

    # Throttling: 1: read the client's history, 2: upsert it. Then 3: the page itself.
    # (With Redis: only the page.)
    with django_assert_num_queries(3):
        response = anonymous.get("/api/v1/measures/")

    assert response.status_code == 200


def test_the_database_cache_still_culls_past_its_maximum(monkeypatch):
    from facts.cache import PostgresDatabaseCache

    if not settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        pytest.skip("REDIS_URL is set: the throttling cache is Redis, which culls by itself.")
    cache.clear()
    monkeypatch.setattr(cache, "_max_entries", 10)
    for n in range(12):
        cache.set(f"client-{n}", [n], 60)
    assert cache.get("client-11") == [11]  # the upsert path wrote it
    assert len([n for n in range(12) if cache.get(f"client-{n}") is not None]) == 12

    monkeypatch.setattr(PostgresDatabaseCache, "next_cull", 0.0)  # a minute later
    cache.set("client-12", [12], 60)

    # Django's cull: past MAX_ENTRIES it removes a third (CULL_FREQUENCY 3) of the entries.
    assert len([n for n in range(13) if cache.get(f"client-{n}") is not None]) < 12
