"""Staying in sync: updated_after on every list, and the change feed that a client polls forever."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from facts.models import Claim, Person
from tests.api.conftest import LISTS
from tests.factories import make_article, make_claim, make_person

# The feed serves what committed transactions wrote: these tests commit (the database is
# emptied after each).
pytestmark = pytest.mark.django_db(transaction=True)


def poll(client, url: str) -> tuple[list[dict], str]:
    response = client.get(url)
    assert response.status_code == 200, response.json()
    return response.json()["results"], response.json()["next"]


def test_the_feed_lists_inserts_updates_and_deletions_with_what_was_deleted(anonymous):
    person = make_person("Kim Jong-su")
    person.aliases = ["Mr. Kim"]
    person.save()
    pk = person.pk
    person.delete()

    events, _ = poll(anonymous, "/api/v1/changes/")

    assert [(e["action"], e["resource"], e["id"]) for e in events] == [
        ("insert", "person", pk),
        ("update", "person", pk),
        ("delete", "person", pk),
    ]
    assert events[0]["url"].endswith(f"/api/v1/people/{pk}/")
    assert events[0]["deleted"] is None
    deleted = events[2]["deleted"]
    assert deleted["label"] == "Kim Jong-su"
    assert deleted["record"]["aliases"] == ["Mr. Kim"]
    assert deleted["record"]["name"] == "Kim Jong-su"


def test_polling_with_next_gives_every_change_once(anonymous):
    make_person("A")
    make_person("B")
    first, after = poll(anonymous, "/api/v1/changes/?page_size=1")
    second, after = poll(anonymous, after)
    empty, same = poll(anonymous, after)
    make_claim(make_article())
    third, after = poll(anonymous, same)
    fourth, after = poll(anonymous, after)

    assert [e["id"] for e in first + second] == list(Person.objects.order_by("pk").values_list("pk", flat=True))
    assert empty == []
    assert "page_size=1" in same  # the query is kept; only the position moves
    assert [e["resource"] for e in third + fourth] == ["article", "claim"]  # one transaction each, in order
    assert poll(anonymous, after)[0] == []


def test_a_change_committed_late_is_not_skipped(anonymous):
    """A transaction that began first but commits last: its change must still come, in order."""
    started, release = threading.Event(), threading.Event()

    def slow_writer() -> None:
        with transaction.atomic():
            make_person("Slow")  # takes its transaction id now...
            started.set()
            release.wait(10)  # ...and commits only after the fast one
        connection.close()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    started.wait(10)
    make_person("Fast")  # commits at once, with a later transaction id

    while_open, after = poll(anonymous, "/api/v1/changes/")
    release.set()
    writer.join()
    after_commit, _ = poll(anonymous, after)

    # Nothing is served past the open transaction, so the fast change waits for it too.
    assert while_open == []
    assert [Person.objects.get(pk=e["id"]).name for e in after_commit] == ["Slow", "Fast"]


def test_a_rolled_back_change_never_appears(anonymous):
    with transaction.atomic():
        make_person("Never")
        transaction.set_rollback(True)
    make_person("Kept")

    events, _ = poll(anonymous, "/api/v1/changes/")

    assert [Person.objects.get(pk=e["id"]).name for e in events] == ["Kept"]


def test_the_feed_can_be_narrowed_to_one_resource(anonymous):
    make_claim(make_article())

    events, _ = poll(anonymous, "/api/v1/changes/?resource=claim")

    assert [e["resource"] for e in events] == ["claim"]


@pytest.mark.parametrize("query", ["page_size=0", "page_size=501", "resource=review", "x=1"])
def test_a_bad_feed_parameter_is_400(anonymous, query):
    response = anonymous.get(f"/api/v1/changes/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


@pytest.mark.parametrize("after", ["garbage", "", "MS45OS4x", "%FF"])
def test_a_position_the_feed_did_not_give_is_404_as_a_bad_cursor_is(anonymous, after):
    response = anonymous.get(f"/api/v1/changes/?after={after}")

    assert response.status_code == 404
    assert "Invalid cursor" in response.json()["detail"]


def test_updated_after_lists_what_changed_since(anonymous):
    old = make_claim(make_article())
    since = timezone.now()
    changed = make_claim(make_article())
    Claim.objects.filter(pk=old.pk).update(updated_at=since - timedelta(hours=1))

    response = anonymous.get("/api/v1/claims/", {"updated_after": since.isoformat()})

    assert [claim["id"] for claim in response.json()["results"]] == [changed.pk]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_takes_updated_after_and_created_after(anonymous, url):
    later = (timezone.now() + timedelta(days=1)).isoformat()

    for name in ("updated_after", "created_after"):
        response = anonymous.get(url, {name: later})
        assert response.status_code == 200, response.json()
        assert response.json()["results"] == []


def test_a_merge_moves_records_and_counts_as_their_change(anonymous):
    from facts.services import person_merge

    keep, duplicate = make_person("Gordon Flake"), make_person("G. Flake")
    claim = make_claim(make_article(), speaker_person=duplicate)
    since = timezone.now()

    person_merge(keep=keep, duplicate=duplicate)

    response = anonymous.get("/api/v1/claims/", {"updated_after": since.isoformat()})
    assert [c["id"] for c in response.json()["results"]] == [claim.pk]
