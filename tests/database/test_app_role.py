"""The role the application connects as: it writes facts, but cannot change bodies or rewrite history."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from facts.models import Article
from facts.services import claim_create
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db

ROLE = "factbase_test_app"


@pytest.fixture
def app_role():
    """Act as a freshly granted application role for the rest of the test's transaction.

    SET LOCAL ends with the transaction, which the test framework rolls back.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {ROLE}")
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    call_command("grant_app_role", ROLE, stdout=StringIO())
    article = make_article("Mr. Flake said the border is open.")
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
    return article


def test_the_app_role_can_record_facts_and_edit_metadata(app_role):
    claim = claim_create(article=app_role, exact="the border is open", kind="paraphrase", speaker_person=make_person())
    app_role.title = "Border"
    app_role.save()

    assert claim.pk and Article.objects.get(pk=app_role.pk).title == "Border"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE facts_article SET body = body || '!'",
        "UPDATE facts_article SET sha256 = md5(body)",
        "UPDATE facts_articleevent SET title = 'rewritten'",
        "DELETE FROM facts_articleevent",
    ],
)
def test_the_app_role_may_not_change_bodies_or_history(app_role, statement):
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)


def test_granting_a_role_that_does_not_exist_says_so():
    with pytest.raises(CommandError, match="no database role"):
        call_command("grant_app_role", "no_such_role_here", stdout=StringIO())
