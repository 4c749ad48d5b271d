"""facts/tasks.py on its own: which failures are retried, what each attempt records, how often
stalled jobs are looked for. (tests/tasks/test_worker.py runs them in real workers.)"""

import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from procrastinate import JobContext
from procrastinate.contrib.django import app
from procrastinate.jobs import Job

from facts import services, tasks
from facts.models import Extraction
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def job(attempts: int = 0, article_id: int = 1) -> Job:
    return Job(
        id=None,
        queue="extraction",
        lock=None,
        queueing_lock=None,
        task_name="extract_article",
        task_kwargs={"article_id": article_id},
        attempts=attempts,
    )


def context_for(job: Job) -> JobContext:
    return JobContext(app=app, job=job, start_timestamp=time.time(), abort_reason=lambda: None)


@pytest.mark.parametrize("error", [OperationalError("deadlock detected"), OperationalError("server closed")])
def test_transient_database_errors_are_retried_with_growing_waits(error):
    first = tasks.EXTRACTION_RETRY.get_retry_decision(exception=error, job=job(attempts=0))
    third = tasks.EXTRACTION_RETRY.get_retry_decision(exception=error, job=job(attempts=2))

    assert first is not None and third is not None
    assert first.retry_at is not None and third.retry_at is not None and third.retry_at > first.retry_at


def test_input_errors_and_the_last_attempt_are_not_retried():
    refused = services.ExtractionRefused("over the budget")

    assert tasks.EXTRACTION_RETRY.get_retry_decision(exception=refused, job=job()) is None
    assert tasks.EXTRACTION_RETRY.get_retry_decision(exception=ValidationError("bad"), job=job()) is None
    last = job(attempts=tasks.MAX_ATTEMPTS)
    assert tasks.EXTRACTION_RETRY.get_retry_decision(exception=OperationalError("down"), job=last) is None


@pytest.mark.parametrize(
    ("attempts", "status", "ending"), [(0, "queued", "; retrying."), (4, "failed", "; giving up.")]
)
def test_a_transient_failure_is_recorded_with_the_attempt_and_whether_it_is_retried(
    monkeypatch, attempts, status, ending
):
    article = make_article(extract=True)
    extraction = Extraction.objects.get(article=article)

    def fail(**kwargs):
        raise OperationalError("could not serialize access")

    monkeypatch.setattr(services, "extraction_run", fail)
    running = job(attempts=attempts, article_id=article.pk).evolve(id=extraction.job_id)
    with pytest.raises(OperationalError):
        tasks.extract_article(context_for(running), article_id=article.pk)

    extraction.refresh_from_db()
    assert extraction.status == status
    assert extraction.error == f"Attempt {attempts + 1} of 5 failed: could not serialize access{ending}"


def test_an_extractor_error_fails_the_job_at_once_saying_what_failed(monkeypatch):
    article = make_article(extract=True)
    extraction = Extraction.objects.get(article=article)

    def crash(**kwargs):
        raise IndexError("string index out of range")

    monkeypatch.setattr(services, "extraction_run", crash)
    with pytest.raises(IndexError):
        tasks.extract_article(
            context_for(job(article_id=article.pk).evolve(id=extraction.job_id)), article_id=article.pk
        )

    extraction.refresh_from_db()
    assert extraction.status == "failed"
    assert extraction.error == "The extractor failed on this article: IndexError: string index out of range"


def test_a_job_for_an_article_deleted_meanwhile_does_nothing():
    article = make_article(extract=True)
    pk = article.pk
    article.delete()

    assert services.extraction_run(article_id=pk) is None


def test_stalled_jobs_are_looked_for_at_least_three_times_per_stall_period():
    assert [tasks._stalled_check_period(seconds) for seconds in (1, 3, 10, 30, 60, 600)] == [1, 1, 3, 10, 20, 30]
