"""Complete history: every change path leaves exactly one event per changed row, and events are never rewritten."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from facts.models import Article, Claim, Person
from facts.services import claim_create
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def updates(record) -> list:
    return list(record.events.filter(pgh_label="update").order_by("pgh_id"))


def test_a_model_save_leaves_one_update_event():
    person = make_person()
    person.aliases = ["Mr. Flake"]

    person.save()

    assert [event.aliases for event in updates(person)] == [["Mr. Flake"]]


def test_saving_without_changes_leaves_no_event():
    person = make_person()

    person.save()

    assert updates(person) == []


def test_queryset_update_leaves_one_event_per_changed_row():
    people = [make_person(f"Person {n}") for n in range(3)]

    Person.objects.filter(pk__in=[p.pk for p in people]).update(aliases=["changed"])

    assert [len(updates(person)) for person in people] == [1, 1, 1]


def test_bulk_update_leaves_one_event_per_changed_row():
    people = [make_person(f"Person {n}") for n in range(3)]
    for person in people:
        person.name = person.name.upper()

    Person.objects.bulk_update(people, ["name"])

    assert [updates(person)[0].name for person in people] == ["PERSON 0", "PERSON 1", "PERSON 2"]


def test_raw_sql_leaves_one_event():
    article = make_article()

    with connection.cursor() as cursor:
        cursor.execute("UPDATE facts_article SET title = 'Set by SQL' WHERE id = %s", [article.pk])

    assert [event.title for event in updates(article)] == ["Set by SQL"]


def test_a_deletion_leaves_an_event_with_the_last_values():
    person = make_person("Temporary Name")
    pk = person.pk

    person.delete()

    from facts.models import PersonEvent  # the history model pghistory generates

    assert list(PersonEvent.objects.filter(pgh_obj_id=pk, pgh_label="delete").values_list("name", flat=True)) == [
        "Temporary Name"
    ]


def test_an_api_change_records_the_acting_editor(editor, editor_user):
    created = editor.post("/api/v1/people/", {"name": "Gordon Flake"}, format="json")

    editor.patch(created["Location"], {"aliases": ["Mr. Flake"]}, format="json", HTTP_IF_MATCH=created["ETag"])

    person = Person.objects.get()
    [event] = updates(person)
    assert event.pgh_context.metadata["user"] == editor_user.pk
    assert event.pgh_context.metadata["url"] == f"/api/v1/people/{person.pk}/"


def test_a_management_command_records_itself_as_the_actor():
    call_command("load_seed", stdout=StringIO())

    event = Claim.objects.first().events.get(pgh_label="insert")
    assert event.pgh_context.metadata["command"] == "load_seed"


@pytest.mark.parametrize(
    "statement", ["UPDATE facts_personevent SET name = 'Rewritten'", "DELETE FROM facts_personevent"]
)
def test_history_cannot_be_rewritten_even_with_raw_sql(statement):
    person = make_person()

    with (
        pytest.raises(DatabaseError, match="history is never rewritten"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert person.events.get(pgh_label="insert").name == "Gordon Flake"


def test_a_refused_write_leaves_no_event():
    article = make_article("Short text.")

    with pytest.raises(Exception, match="does not occur"):
        claim_create(article=article, exact="missing", kind="assertion")

    assert not Article.objects.get(pk=article.pk).claims.exists()
    from facts.models import ClaimEvent

    assert ClaimEvent.objects.count() == 0
