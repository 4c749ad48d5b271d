"""Throttling: counted in a cache every worker shares, answered 429 with Retry-After."""

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
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
