"""Extraction as a background job: queued with the write that needs it, run by a worker.

`extraction_enqueue` (one article) and `extractions_enqueue` (many) queue the job in the
caller's transaction, through procrastinate's Django connector, so a stored article always has
its job and a rolled-back write queues nothing. A queue that cannot take the job raises
`JobQueueUnavailable` (the API answers 503 with Retry-After), which rolls the write back.

`extraction_run` is what the job does (facts/tasks.py calls it): the proposals and the
`done` state are written in one transaction, so a worker killed mid-job leaves nothing
behind, and the job run again proposes nothing twice (`article_extract` is idempotent).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from procrastinate import exceptions as queue_errors
from procrastinate.jobs import Job

from facts.extraction import Extraction as Extracted  # the extractor's output, not the job's state
from facts.models import Article, Extraction
from facts.services.proposals import article_extract

ARTICLES_PER_DEFER = 500


class JobQueueUnavailable(Exception):
    """The job queue could not take a job; the write that needed it must not be stored."""


class ExtractionRefused(Exception):
    """The article cannot be extracted as it is (over the budget); running again would not help."""


def _job_for(article_id: int) -> Job:
    """An extraction job for the article: one waiting per article at most (its queueing lock), and
    one running per article at a time (its lock)."""
    from facts.tasks import extract_article  # the tasks module imports the services

    name = f"extract-article-{article_id}"
    return extract_article.configure(lock=name, queueing_lock=name).make_new_job(article_id=article_id)


def defer_jobs(jobs: list[Job]) -> list[int]:
    """Queue the jobs in the current transaction (in a savepoint); their ids, in order."""
    from procrastinate.contrib.django import app

    try:
        with transaction.atomic():
            return [job.id for job in app.job_manager.batch_defer_jobs(jobs=jobs) if job.id is not None]
    except queue_errors.AlreadyEnqueued:
        raise
    except queue_errors.ProcrastinateException as error:
        raise JobQueueUnavailable(f"The job queue refused the job: {error}") from error


def waiting_job(queueing_lock: str | None) -> int:
    """The id of the job waiting with this queueing lock (one exists: queueing it again was refused)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM procrastinate_jobs WHERE queueing_lock = %s AND status = 'todo'", [queueing_lock]
        )
        row = cursor.fetchone()
    if row is None:  # it started in between: queue another, which sees the article as it is now
        raise JobQueueUnavailable("The job queue changed while the job was queued; try again.")
    return int(row[0])


def _queued(extraction: Extraction, job_id: int) -> None:
    extraction.status = Extraction.Status.QUEUED
    extraction.proposals = extraction.error = None
    extraction.attempts = 0
    extraction.job_id = job_id
    extraction.queued_at = timezone.now()


@transaction.atomic
def extraction_enqueue(*, article: Article) -> Extraction:
    """Queue the extractor's run on the article (unless one is waiting already); its state, `queued`."""
    extraction = Extraction.objects.select_for_update().filter(article=article).first()
    if extraction is None:
        extraction = Extraction(article=article)
    job = _job_for(article.pk)
    try:
        (job_id,) = defer_jobs([job])
    except queue_errors.AlreadyEnqueued:
        # A job that has not started yet will see the article as it is now: it is enough.
        if extraction.pk is not None and extraction.status == Extraction.Status.QUEUED:
            return extraction
        job_id = waiting_job(job.queueing_lock)
    _queued(extraction, job_id)
    extraction.save()
    return extraction


@transaction.atomic
def extractions_enqueue(*, articles: Iterable[Article]) -> int:
    """Queue extraction for many articles, a few statements per 500; those already waiting are
    left as they are. Returns how many jobs were queued."""
    queued = 0
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == ARTICLES_PER_DEFER:
            queued += _enqueue_chunk(chunk)
            chunk = []
    return queued + (_enqueue_chunk(chunk) if chunk else 0)


def _enqueue_chunk(articles: list[Article]) -> int:
    existing = {e.pk: e for e in Extraction.objects.select_for_update().filter(article__in=articles)}
    waiting = {pk for pk, e in existing.items() if e.status == Extraction.Status.QUEUED}
    todo = [article for article in articles if article.pk not in waiting]
    if not todo:
        return 0
    try:
        job_ids = defer_jobs([_job_for(article.pk) for article in todo])
    except queue_errors.AlreadyEnqueued:
        # Some have a job waiting whose state says otherwise (a race with another writer): one at a time.
        for article in todo:
            extraction_enqueue(article=article)
        return len(todo)
    rows = [existing.get(article.pk) or Extraction(article=article) for article in todo]
    for row, job_id in zip(rows, job_ids, strict=True):
        _queued(row, job_id)
    fields = ["status", "proposals", "error", "attempts", "job_id", "queued_at", "updated_at"]
    Extraction.objects.bulk_create(rows, update_conflicts=True, unique_fields=["article"], update_fields=fields)
    return len(rows)


def _update_state(article_id: int, job_id: int | None, **values: Any) -> int:
    """Set the article's extraction state, if `job_id` is still the job that owns it."""
    rows = Extraction.objects.filter(article_id=article_id)
    if job_id is not None:
        rows = rows.filter(job_id=job_id)
    return rows.update(**values, updated_at=timezone.now())


def extraction_run(
    *, article_id: int, job_id: int | None = None, attempt: int = 1, found: Extracted | None = None
) -> Extraction | None:
    """Run the extractor on the article and record the outcome: `done` with the number of
    proposals, in the transaction that stores them. The state is left to a newer job when one
    was queued meanwhile. None when the article is gone. `found` is the extractor's output when
    the caller already has it (manage.py extract --now reads many articles in one batch).

    Raises ExtractionRefused (recorded as `failed`) when the body is over the budget.
    """
    _update_state(article_id, job_id, status=Extraction.Status.RUNNING, attempts=attempt)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Waiting long on a row an editor's transaction holds would only idle the worker: fail
            # (a transient OperationalError) and be retried later instead.
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", [f"{settings.FACTBASE_JOBS_LOCK_TIMEOUT_SECONDS}s"]
            )
        article = Article.objects.defer("search_vector").filter(pk=article_id).first()
        if article is None:
            return None
        extraction = Extraction.objects.select_for_update().filter(article_id=article_id).first()
        limit = settings.FACTBASE_EXTRACTION_MAX_CHARS
        if len(article.body) > limit:
            raise ExtractionRefused(
                f"The body is {len(article.body):,} characters, over the extraction budget of {limit:,} "
                "(FACTBASE_EXTRACTION_MAX_CHARS); nothing was proposed. Split the text into articles "
                "of at most that length, or raise the budget."
            )
        proposals = article_extract(article=article, found=found)
        if extraction is None:  # run outside the queue (manage.py extract --now) on an article never queued
            extraction = Extraction(article=article, job_id=job_id, queued_at=timezone.now())
        if job_id is None or extraction.job_id == job_id:
            extraction.status = Extraction.Status.DONE
            extraction.proposals = len(proposals)
            extraction.error = None
            extraction.save()
        return extraction


def extraction_failed(*, article_id: int, job_id: int | None, error: str, retrying: bool) -> None:
    """Record a failed attempt: `queued` again with the error when the job will be retried,
    `failed` with it when not."""
    status = Extraction.Status.QUEUED if retrying else Extraction.Status.FAILED
    _update_state(article_id, job_id, status=status, error=error[:2000])
