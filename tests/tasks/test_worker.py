"""Extraction jobs run by real worker processes against Postgres: queued with the write, retried,
resumed after kill -9, completed exactly once."""

import time

import psycopg
import pytest
from django.db import connection, transaction

from facts import services
from facts.extraction import extract
from facts.models import Article, Extraction, Proposal
from tests.factories import make_article
from tests.tasks.conftest import wait_for, worker_database_url

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    '"Refugee flows across the Chinese border have been one of the lifelines," said Gordon Flake, '
    "executive director of the Mansfield Center. More than 30 people crossed on Monday, officials said."
)


def extraction_of(article: Article) -> Extraction:
    return Extraction.objects.get(article=article)


def finished(article: Article) -> Extraction | None:
    extraction = extraction_of(article)
    return extraction if extraction.status in ("done", "failed") else None


def succeeded_runs(job_id: int) -> int:
    """How many times the queue recorded the job as succeeded (once it says it finished: the worker
    records that just after the job's own transaction commits)."""
    wait_for(lambda: job_status(job_id) in ("succeeded", "failed"), 30, f"job {job_id} to be recorded finished")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_events WHERE job_id = %s AND type = 'succeeded'", [job_id])
        return int(cursor.fetchone()[0])


def job_status(job_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", [job_id])
        return str(cursor.fetchone()[0])


def workers_registered() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_workers")
        return int(cursor.fetchone()[0])


def expected_proposals(article: Article) -> int:
    """How many proposals the extractor makes for the article (computed here, nothing stored)."""
    return len(services.proposals_from(article, extract(article.body)))


def test_a_stored_article_is_extracted_by_a_worker_exactly_once(start_worker):
    start_worker("a")
    start_worker("b")
    bodies = [f"{BODY} Story {letter}." for letter in "ABCDEF"]

    articles = [services.article_ingest(body=body)[0] for body in bodies]

    for article in articles:
        extraction = wait_for(lambda article=article: finished(article), 60, f"article {article.pk} extracted")
        assert extraction.status == "done", extraction.error
        assert extraction.proposals == article.proposals.count() == expected_proposals(article)
        assert succeeded_runs(extraction.job_id) == 1
    spans = list(Proposal.objects.values_list("article", "kind", "start", "end", "extractor_version"))
    assert len(spans) == len(set(spans))  # nothing proposed twice


def test_a_job_queued_in_an_open_transaction_waits_for_its_commit_and_a_rolled_back_one_never_runs(start_worker):
    start_worker("a")
    with transaction.atomic():
        discarded, _ = services.article_ingest(body=BODY + " Discarded.")
        discarded_id = discarded.pk
        transaction.set_rollback(True)
    with transaction.atomic():
        kept, _ = services.article_ingest(body=BODY + " Kept.")
        # The worker is polling: it cannot see the job (nor the article) until this commits.
        wait_for(lambda: workers_registered() == 1, 30, "the worker up")
        time.sleep(2)
        assert Extraction.objects.get(article=kept).status == "queued"

    wait_for(lambda: finished(kept), 60, "the committed article extracted")
    with connection.cursor() as cursor:
        cursor.execute("SELECT (args->>'article_id')::int FROM procrastinate_jobs WHERE task_name = 'extract_article'")
        jobs = [row[0] for row in cursor.fetchall()]
    assert jobs == [kept.pk]
    assert not Article.objects.filter(pk=discarded_id).exists()


def lock_article(article: Article) -> psycopg.Connection:
    """Hold the article's row (FOR UPDATE) from another connection, as a long write would."""
    holder = psycopg.connect(worker_database_url(), autocommit=False)
    holder.execute("SELECT id FROM facts_article WHERE id = %s FOR UPDATE", [article.pk])
    return holder


def test_a_transient_failure_is_retried_with_backoff_and_then_succeeds(start_worker):
    article = make_article(BODY)
    services.extraction_enqueue(article=article)
    holder = lock_article(article)  # storing proposals waits on it, past the job's lock timeout (1 s)
    try:
        start_worker("a")

        failed_once = wait_for(
            lambda: (e := extraction_of(article)).error and e, 30, "the first attempt to fail on the lock"
        )
        assert failed_once.status == "queued"  # queued again, saying why
        assert failed_once.error.startswith("Attempt 1 of 5 failed:") and "lock" in failed_once.error
    finally:
        holder.rollback()
        holder.close()

    extraction = wait_for(lambda: finished(article), 60, "the retried extraction")
    assert (extraction.status, extraction.error) == ("done", None)
    assert extraction.attempts >= 2
    assert extraction.proposals == article.proposals.count() > 0
    assert succeeded_runs(extraction.job_id) == 1


def test_an_input_error_fails_at_once_with_its_message_and_is_not_retried(start_worker):
    article = make_article(BODY)
    services.extraction_enqueue(article=article)

    start_worker("a", FACTBASE_EXTRACTION_MAX_CHARS="100")

    extraction = wait_for(lambda: finished(article), 60, "the refused extraction")
    assert extraction.status == "failed"
    assert extraction.error.startswith(f"The body is {len(BODY):,} characters, over the extraction budget of 100")
    assert extraction.attempts == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", [extraction.job_id])
        assert cursor.fetchone() == ("failed",)
        cursor.execute(
            "SELECT count(*) FROM procrastinate_events WHERE job_id = %s AND type = 'deferred_for_retry'",
            [extraction.job_id],
        )
        assert cursor.fetchone() == (0,)
    assert not article.proposals.exists()


def test_a_worker_killed_mid_job_leaves_it_to_another_which_completes_it_once(start_worker, seed_bodies):
    # Long enough that its extraction takes seconds (some 1,000 proposals): the kill lands mid-job.
    text = "\n\n".join(seed_bodies.values())
    article = make_article((text * (100_000 // len(text) + 1))[:100_000])
    services.extraction_enqueue(article=article)
    first = start_worker("first")
    wait_for(lambda: extraction_of(article).status == "running", 30, "the first worker to start the job", every=0.05)

    first.kill()

    assert extraction_of(article).status == "running"  # left mid-way: nothing of it was committed
    assert not article.proposals.exists()
    second = start_worker("second")
    extraction = wait_for(lambda: finished(article), 120, "the job resumed on the second worker")
    assert extraction.status == "done", extraction.error
    assert extraction.proposals == article.proposals.count() == expected_proposals(article)
    assert succeeded_runs(extraction.job_id) == 1
    assert "queued again" in second.output()
