"""The role the application connects as: it writes facts, but cannot change bodies or rewrite history."""

from io import StringIO

import pghistory
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from facts.models import Article, ArticleHash, Claim
from facts.services import claim_create, claim_review
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
        "DELETE FROM facts_article",
        "UPDATE facts_articleevent SET title = 'rewritten'",
        "DELETE FROM facts_articleevent",
        "UPDATE pghistory_context SET metadata = '{}'",
        "DELETE FROM pghistory_context",
        "UPDATE facts_reviewevent SET note = 'rewritten'",
        "DELETE FROM facts_reviewevent",
        "UPDATE facts_articlehash SET sha256 = md5(sha256)",
        "DELETE FROM facts_articlehash",
        "INSERT INTO facts_articlehash VALUES (999999, 'x', now())",
    ],
)
def test_the_app_role_may_not_change_bodies_hashes_or_history(app_role, statement):
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)


def test_the_app_role_records_history_with_its_context_and_reviews_in_history(app_role, editor_user):
    claim = claim_create(article=app_role, exact="the border is open", kind="paraphrase")

    with pghistory.context(user=editor_user.pk, url="/api/v1/claims/"):
        review = claim_review(claim=claim, status="verified", note="Checked.", reviewer=editor_user)
        review.note = "Checked twice."
        review.save()
        with pghistory.context(merge="a nested step adds to the context, as a merge does"):
            claim.speaker_group = "officials"
            claim.save()

    events = list(review.events.order_by("pgh_id"))
    assert [(e.pgh_label, e.note) for e in events] == [("insert", "Checked."), ("update", "Checked twice.")]
    assert events[0].pgh_context.metadata["user"] == editor_user.pk
    assert "merge" in claim.events.last().pgh_context.metadata


def test_no_role_can_rewrite_the_context_of_a_past_transaction(app_role, editor_user):
    with pghistory.context(user=editor_user.pk):
        claim = claim_create(article=app_role, exact="the border is open", kind="paraphrase")
    context_id = claim.events.get().pgh_context_id
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        # Made "in the past" (another transaction, started at another time), around the triggers.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "UPDATE pghistory_context SET created_at = created_at - interval '1 hour' WHERE id = %s", [context_id]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
        # The app role's way to try: django-pghistory's own function, with that context's id.
        cursor.execute(
            "SELECT set_config('pghistory.context_id', %s, true), set_config('pghistory.context_metadata', %s, true)",
            [str(context_id), '{"user": null}'],
        )
        with pytest.raises(DatabaseError, match="history is never rewritten"), transaction.atomic():
            cursor.execute("SELECT _pgh_attach_context()")


def test_the_database_refuses_to_move_a_passage_even_to_text_that_matches(app_role):
    article = make_article("Mr. Flake said no. Later Mr. Flake said yes.")
    claim = claim_create(article=article, exact="Mr. Flake", start=0, kind="assertion")

    with pytest.raises(IntegrityError, match="never changes once recorded"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(start=25, end=34, prefix="Later ", suffix="")
    with pytest.raises(IntegrityError, match="never changes once recorded"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(attribution_start=10, attribution_end=14, attribution_exact="said")


def test_an_article_is_withdrawn_by_the_app_role_and_its_hash_is_kept_apart(app_role):
    Article.objects.filter(pk=app_role.pk).update(withdrawn_at=timezone.now())

    assert ArticleHash.objects.get(article=app_role).sha256 == app_role.sha256


def test_granting_a_role_that_does_not_exist_says_so():
    with pytest.raises(CommandError, match="no database role"):
        call_command("grant_app_role", "no_such_role_here", stdout=StringIO())
