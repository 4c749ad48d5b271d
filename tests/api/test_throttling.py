"""Throttling: counted where every worker shares it, in one round trip, answered 429 with Retry-After."""

import os
import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections

from facts.api.throttling import THROTTLE_TABLE, ClientRateThrottle, PostgresCounter, RedisCounter, uses_redis

pytestmark = pytest.mark.django_db


def stored_count(key: str, window: int) -> int | None:
    """The count the shared store holds for a client's window (what another worker would read)."""
    if uses_redis():
        value = cache._cache.get_client(write=False).get(cache.make_and_validate_key(f"{key}:{window}"))
        return None if value is None else int(value)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count FROM {THROTTLE_TABLE} WHERE key = %s AND time_window = %s", [key, window])
        row = cursor.fetchone()
    return None if row is None else row[0]


def this_minute() -> int:
    return int(ClientRateThrottle().timer() // 60)


@pytest.fixture
def low_rates(monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    cache.clear()  # with Redis, the counts; with Postgres, each test's rows roll back with it
    yield
    cache.clear()


def test_the_throttle_counts_are_shared_by_all_workers_never_process_memory():
    backend = settings.CACHES["default"]["BACKEND"]

    assert backend in ("facts.cache.PostgresDatabaseCache", "django.core.cache.backends.redis.RedisCache")


def test_an_anonymous_client_over_its_rate_gets_429_with_retry_after(anonymous, low_rates):
    statuses = [anonymous.get("/api/v1/measures/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = anonymous.get("/api/v1/measures/")
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"].lower()


def test_the_count_lives_in_the_shared_store_not_in_the_process(anonymous, low_rates):
    for _ in range(3):
        anonymous.get("/api/v1/measures/")

    assert stored_count("throttle_anon_127.0.0.1", this_minute()) == 3


def test_the_count_starts_again_in_the_next_window_and_retry_after_says_when(anonymous, low_rates, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 60 * 1000 + 10.5)  # 10.5 s into a minute
    statuses = [anonymous.get("/api/v1/measures/").status_code for _ in range(4)]
    refused = anonymous.get("/api/v1/measures/")

    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 60 * 1001 + 0.1)  # the next minute

    assert statuses == [200, 200, 200, 429]
    assert refused["Retry-After"] == "50"
    assert anonymous.get("/api/v1/measures/").status_code == 200


def test_a_clients_stored_count_is_one_number_whatever_its_rate(anonymous, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "1000000/min", "user": "1000000/min"})
    cache.clear()
    for _ in range(50):
        anonymous.get("/api/v1/measures/")

    assert stored_count("throttle_anon_127.0.0.1", this_minute()) == 50


def test_an_editor_is_counted_per_account(editor, low_rates):
    statuses = [editor.get("/api/v1/measures/").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]


def test_without_redis_throttling_costs_one_query_a_request_even_when_it_culls(anonymous, django_assert_num_queries):
    if uses_redis():
        pytest.skip("REDIS_URL is set: the throttle counts in Redis, with no database query.")
    PostgresCounter.next_cull = 0.0  # this request's statement also removes expired rows
    # 1: count the request (and cull), 2: the page itself.
    with django_assert_num_queries(2) as captured:
        anonymous.get("/api/v1/measures/")
    assert "DELETE FROM factbase_throttle" in captured.captured_queries[0]["sql"]

    # 1: count the request, 2: the page itself.
    with django_assert_num_queries(2) as captured:
        response = anonymous.get("/api/v1/measures/")

    assert response.status_code == 200
    assert captured.captured_queries[0]["sql"].lstrip().startswith("INSERT INTO factbase_throttle")


def test_the_expired_counts_of_other_clients_are_removed_and_the_live_ones_kept():
    counter = PostgresCounter()
    counter.count("gone", 1, 60.0, 60)  # a window that ended in 1970
    counter.count("live", 10**9, 2e10, 60)  # one that ends in 2603
    PostgresCounter.next_cull = 0.0

    counter.count("me", 1, 60.0, 60)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key FROM {THROTTLE_TABLE} ORDER BY key")
        assert [row[0] for row in cursor.fetchall()] == ["live", "me"]


def count_from_threads(count_once, threads: int = 20, each: int = 10) -> list[int]:
    """Every count the store answered, with `threads` workers counting the same client at once."""
    answers: list[int] = []
    start = threading.Barrier(threads)
    lock = threading.Lock()

    def work() -> None:
        start.wait()
        try:
            mine = [count_once() for _ in range(each)]
        finally:
            connections.close_all()  # this thread's own connection
        with lock:
            answers.extend(mine)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_twenty_workers_counting_the_same_client_in_postgres_lose_no_request():
    answers = count_from_threads(lambda: PostgresCounter().count("busy", 7, 2e10, 60))

    # Each request got its own number: no two workers read the same count and wrote it back.
    assert sorted(answers) == list(range(1, 201))


def test_twenty_workers_counting_the_same_client_in_redis_lose_no_request():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is unset: no Redis to count in (set it, e.g. redis://127.0.0.1:6379/15, to run this).")
    from django.core.cache.backends.redis import RedisCache

    redis_cache = RedisCache(url, {"KEY_PREFIX": "factbase-test-throttle"})
    redis_cache.delete("busy:7")
    try:
        answers = count_from_threads(lambda: RedisCounter(redis_cache).count("busy", 7, 2e10, 60))
    finally:
        redis_cache.delete("busy:7")

    assert sorted(answers) == list(range(1, 201))
