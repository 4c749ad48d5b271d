"""The verify_passages command re-checks every passage and hash, independently of the database."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from facts.models import Proposal
from tests.factories import make_article, make_claim, make_figure

pytestmark = pytest.mark.django_db


def run_verify() -> str:
    out = StringIO()
    call_command("verify_passages", stdout=out)
    return out.getvalue()


def without_triggers(sql: str, params: list) -> None:
    """Write around the database's triggers, as a restore with triggers off might."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = origin")


def test_a_consistent_database_verifies_with_no_mismatches():
    make_claim(attribution_exact="added Mr. Flake")
    make_figure()

    output = run_verify()

    assert "Checked 2 articles and 3 passages: 0 mismatches." in output


def test_a_passage_that_no_longer_matches_its_article_is_reported_and_fails_the_command():
    claim = make_claim()
    without_triggers("UPDATE facts_claim SET exact = upper(exact) WHERE id = %s", [claim.pk])

    out = StringIO()
    with pytest.raises(CommandError, match="1 mismatch"):
        call_command("verify_passages", stdout=out)

    assert f"claim {claim.pk} (passage, article {claim.article_id})" in out.getvalue()
    assert "'THE BORDER IS OPEN,'" in out.getvalue()


def test_a_body_that_no_longer_matches_its_hash_is_reported():
    article = make_article()
    with connection.cursor() as cursor:
        # The article's links to other versions are deferred foreign keys: their checks of the insert
        # are pending until commit, and Postgres alters no table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE facts_article DROP CONSTRAINT facts_article_sha256_matches_body")
    without_triggers("UPDATE facts_article SET body = body || '!' WHERE id = %s", [article.pk])

    out = StringIO()
    with pytest.raises(CommandError, match="2 mismatches"):
        call_command("verify_passages", stdout=out)

    assert f"article {article.pk}: body does not match its SHA-256" in out.getvalue()
    assert f"article {article.pk}: body does not match the SHA-256 recorded when it was stored" in out.getvalue()


def test_a_body_rewritten_with_a_recomputed_hash_by_the_tables_owner_is_reported():
    article = make_article()
    # The owner can step around the triggers, and the check constraint holds: the hash beside
    # the body is recomputed. Only the hash recorded apart still tells.
    without_triggers(
        "UPDATE facts_article SET body = body || '!', sha256 = encode(sha256(convert_to(body || '!', 'UTF8')), 'hex') "
        "WHERE id = %s",
        [article.pk],
    )

    out = StringIO()
    with pytest.raises(CommandError, match="1 mismatch"):
        call_command("verify_passages", stdout=out)

    assert f"article {article.pk}: body does not match the SHA-256 recorded when it was stored" in out.getvalue()


def test_a_stale_prefix_is_reported():
    claim = make_claim()
    without_triggers("UPDATE facts_claim SET prefix = 'not the text before' WHERE id = %s", [claim.pk])

    with pytest.raises(CommandError):
        run_verify()


def test_verify_passages_checks_proposals_too(article_000):
    out = StringIO()

    call_command("verify_passages", stdout=out)

    assert f"Checked 1 articles and {Proposal.objects.count()} passages: 0 mismatches." in out.getvalue()
