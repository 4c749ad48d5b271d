"""Concurrent writers: no lost update, no duplicate, no 500."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from facts.models import Article
from tests.factories import client_for

# Real transactions, so the threads' connections see each other's commits.
pytestmark = pytest.mark.django_db(transaction=True)


def run_together(count: int, request: Callable[[int], object]) -> list:
    """Run `request` in `count` threads released at the same moment; return the responses."""
    barrier = threading.Barrier(count)
    responses: list = [None] * count

    def worker(index: int) -> None:
        barrier.wait()
        try:
            responses[index] = request(index)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def test_of_writers_holding_the_same_etag_exactly_one_wins(editor_user):
    clients = [client_for(editor_user) for _ in range(6)]
    created = clients[0].post("/api/v1/articles/", {"body": "A contested article."})
    url, etag = created["Location"], created["ETag"]

    responses = run_together(6, lambda i: clients[i].patch(url, {"title": f"Title {i}"}, HTTP_IF_MATCH=etag))

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 412, 412, 412, 412, 412]
    winner = next(response for response in responses if response.status_code == 200)
    article = Article.objects.get()
    assert article.title == winner.json()["title"]
    # One change, one history event.
    assert [event.title for event in article.events.filter(pgh_label="update")] == [winner.json()["title"]]


def test_the_same_article_created_at_once_by_many_clients_is_stored_once(editor_user):
    clients = [client_for(editor_user) for _ in range(20)]

    responses = run_together(20, lambda i: clients[i].post("/api/v1/articles/", {"body": "Breaking news, once."}))

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 19 + [201]
    assert len({response.json()["id"] for response in responses}) == 1
    assert Article.objects.count() == 1
