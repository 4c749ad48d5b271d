"""History: every change recorded with who, when and what, visible per record, revertible."""

import pytest
from django.db import connection
from django.urls import reverse

from facts.models import Article, Claim, Measure, Person, record_etag
from facts.services import record_revert
from tests.factories import make_article, make_claim, make_person

pytestmark = pytest.mark.django_db


def history(client, record):
    url = reverse(f"admin:facts_{record._meta.model_name}_history", args=[record.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.context["entries"]


def test_a_change_made_in_the_admin_is_recorded_with_who_and_what(editor_client, editor):
    person = make_person("Gordon Flake")

    editor_client.post(
        reverse("admin:facts_person_change", args=[person.pk]),
        {"name": "Gordon Flake", "aliases": "Mr. Flake", "_record_etag": record_etag(person)},
    )

    created, changed = history(editor_client, person)
    assert (created.action, created.user) == ("created", None)
    assert (changed.action, changed.user) == ("changed", editor)
    assert [(c.label, c.old, c.new) for c in changed.changes] == [("Aliases", "—", "Mr. Flake")]
    assert changed.via == "edited in the workspace"  # the request's path, in words


def test_bulk_updates_and_raw_sql_are_recorded_too():
    person = make_person("Gordon Flake")

    Person.objects.filter(pk=person.pk).update(aliases=["Mr. Flake"])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE facts_person SET name = 'Gordon A. Flake' WHERE id = %s", [person.pk])

    labels = list(person.events.order_by("pgh_id").values_list("pgh_label", "name", "aliases"))
    assert labels == [
        ("insert", "Gordon Flake", []),
        ("update", "Gordon Flake", ["Mr. Flake"]),
        ("update", "Gordon A. Flake", ["Mr. Flake"]),
    ]


def test_a_save_that_changes_nothing_records_nothing():
    measure = Measure.objects.create(name="refugees")

    measure.save()

    assert measure.events.count() == 1


def test_deletions_are_recorded_and_listed_with_what_was_deleted(editor_client):
    person = make_person("Someone Deleted")

    editor_client.post(
        reverse("admin:facts_person_delete", args=[person.pk]), {"post": "yes", "_record_etag": record_etag(person)}
    )

    assert not Person.objects.filter(pk=person.pk).exists()
    response = editor_client.get(reverse("admin:facts_person_deleted"))
    (entry,) = response.context["entries"]
    assert entry.action == "deleted"
    assert ("Name", "Someone Deleted", "—") in [(c.label, c.old, c.new) for c in entry.changes]


def test_an_editor_restores_a_deleted_record_with_its_id(editor_client):
    person = make_person("Someone Deleted", aliases=["S. D."])
    pk = person.pk
    person.delete()
    event = Person.pgh_event_model.objects.get(pgh_obj_id=pk, pgh_label="delete")

    response = editor_client.post(reverse("admin:facts_person_restore", args=[event.pgh_id]))

    assert response.status_code == 302
    restored = Person.objects.get(pk=pk)
    assert (restored.name, restored.aliases) == ("Someone Deleted", ["S. D."])


def test_an_article_change_is_recorded_without_copying_its_body(editor_client):
    article = make_article()

    Article.objects.filter(pk=article.pk).update(title="Now with a title")

    event = article.events.get(pgh_label="update")
    assert event.title == "Now with a title"
    assert not hasattr(event, "body")


def test_an_editor_reverts_a_record_to_an_earlier_version_and_the_revert_is_recorded(editor_client, editor):
    person = make_person("Gordon Flake")
    person.name = "Gordon Flakes"
    person.save()
    first, second = history(editor_client, person)
    assert first.revertible and not second.revertible

    response = editor_client.post(
        reverse("admin:facts_person_revert", args=[person.pk, first.event.pgh_id]),
        {"_record_etag": record_etag(person)},
        follow=True,
    )

    assert "Reverted name" in response.text
    person.refresh_from_db()
    assert person.name == "Gordon Flake"
    latest = history(editor_client, person)[-1]
    assert (latest.action, latest.user) == ("changed", editor)
    assert [(c.old, c.new) for c in latest.changes] == [("Gordon Flakes", "Gordon Flake")]


def test_a_revert_never_changes_provenance_or_review_status():
    claim = make_claim(kind="direct_quote")
    insert = claim.events.get(pgh_label="insert")
    Claim.objects.filter(pk=claim.pk).update(kind="paraphrase", review_status="verified")
    claim.refresh_from_db()

    changed = record_revert(model=Claim, pk=claim.pk, event_id=insert.pgh_id, etag=record_etag(claim))

    claim.refresh_from_db()
    assert changed == ["kind"]
    assert (claim.kind, claim.review_status) == ("direct_quote", "verified")
    assert (claim.start, claim.exact) == (insert.start, insert.exact)


def test_a_revert_the_model_refuses_is_reported_and_changes_nothing(editor_client):
    speaker = make_person("Deleted Speaker")
    claim = make_claim(speaker_person=speaker)
    insert = claim.events.get(pgh_label="insert")
    Claim.objects.filter(pk=claim.pk).update(speaker_person=None)
    speaker.delete()
    claim.refresh_from_db()

    response = editor_client.post(
        reverse("admin:facts_claim_revert", args=[claim.pk, insert.pgh_id]),
        {"_record_etag": record_etag(claim)},
        follow=True,
    )

    assert "Not reverted" in response.text
    claim.refresh_from_db()
    assert claim.speaker_person is None


def test_the_revert_confirmation_carries_the_records_etag(editor_client):
    person = make_person("Gordon Flake")
    person.name = "Gordon Flakes"
    person.save()
    first = person.events.order_by("pgh_id").first()

    html = editor_client.get(reverse("admin:facts_person_revert", args=[person.pk, first.pgh_id])).text

    assert f'name="_record_etag" value="{record_etag(person)}"' in html.replace("&quot;", '"')


@pytest.mark.parametrize("sent", ["stale", None], ids=["stale etag", "no etag"])
def test_a_revert_chosen_on_an_out_of_date_history_page_is_refused(editor_client, sent):
    person = make_person("Gordon Flake")
    person.name = "Gordon Flakes"
    person.save()
    first, _ = history(editor_client, person)
    opened = record_etag(person)
    Person.objects.filter(pk=person.pk).update(name="Gordon A. Flake")  # another editor saves meanwhile

    response = editor_client.post(
        reverse("admin:facts_person_revert", args=[person.pk, first.event.pgh_id]),
        {"_record_etag": opened} if sent == "stale" else {},
        follow=True,
    )

    assert "Someone else changed this record after you opened its history" in response.text
    person.refresh_from_db()
    assert person.name == "Gordon A. Flake"


def test_reverting_asks_for_confirmation_with_what_would_change(editor_client):
    person = make_person("Gordon Flake")
    person.name = "Gordon Flakes"
    person.save()
    first = person.events.order_by("pgh_id").first()

    response = editor_client.get(reverse("admin:facts_person_revert", args=[person.pk, first.pgh_id]))

    assert response.status_code == 200
    assert [(c.label, c.old, c.new) for c in response.context["diff"]] == [("Name", "Gordon Flakes", "Gordon Flake")]
    person.refresh_from_db()
    assert person.name == "Gordon Flakes"  # nothing changes before the editor confirms


def test_a_revert_shows_in_recent_actions_and_history_says_reverted(editor_client):
    from django.contrib.admin.models import LogEntry

    person = make_person("Gordon Flake")
    person.name = "Gordon Flakes"
    person.save()
    first = person.events.order_by("pgh_id").first()
    editor_client.post(
        reverse("admin:facts_person_revert", args=[person.pk, first.pgh_id]), {"_record_etag": record_etag(person)}
    )

    entry = LogEntry.objects.get()
    assert (entry.object_id, entry.get_change_message()) == (
        str(person.pk),
        f"Reverted name to the version of change #{first.pgh_id}.",
    )
    assert history(editor_client, person)[-1].via == f"reverted to the version of change #{first.pgh_id}"
