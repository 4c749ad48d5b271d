"""Background jobs, run by workers: `manage.py procrastinate worker` (README, "Background jobs").

Jobs live in Postgres (procrastinate's tables), queued in the transaction of the write that
needs them. Any number of workers, on any machines that reach the database, share them.

- `extract_article`: the extractor's run on one article (facts/services/extractions.py).
  Transient failures (the database unreachable, a deadlock, a serialization failure) are
  retried with exponential backoff, up to MAX_ATTEMPTS; anything else (an article over the
  budget, an extractor error on this text) fails at once, with its message in the
  article's `extraction.error`.
- `reanchor_version`: a corrected text's facts carried from its previous version and
  re-anchored (facts/services/versions.py); retried on the same transient failures.
- `fetch_article`: fetching a URL requested through the API or the admin, and importing its article
  (facts/services/fetches.py; the admin's "Article requests" shows each outcome and retries failed ones).
  Transient database failures are retried like extraction; a refused or failed fetch, or a
  page without article text, fails at once, with its reason in the request's `error`.
- `retry_stalled_jobs`: every few seconds, the jobs of workers that stopped beating
  (killed, machine lost) go back to the queue; they are idempotent, so they complete once.
"""

import logging

import pghistory
from django.conf import settings
from django.db import InterfaceError, OperationalError
from procrastinate import JobContext, RetryStrategy
from procrastinate.contrib.django import app

from facts import services

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Waits of 2, 4, 8 and 16 seconds between the five attempts: about half a minute of outage survived.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
EXTRACTION_RETRY = RetryStrategy(max_attempts=MAX_ATTEMPTS, exponential_wait=2, retry_exceptions=TRANSIENT_ERRORS)


def _stalled_check_period(stalled_seconds: int) -> int:
    """Seconds between stalled-job checks: a divisor of 60 (a cron step), at most a third of the
    time after which a job counts as stalled."""
    return max(step for step in (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30) if step <= max(1, stalled_seconds // 3))


@app.task(name="extract_article", queue="extraction", pass_context=True, retry=EXTRACTION_RETRY)
def extract_article(context: JobContext, article_id: int) -> None:
    """Propose facts for one article; the outcome is recorded in its `extraction` state."""
    job = context.job
    attempt = job.attempts + 1
    try:
        with pghistory.context(job="extract_article", job_id=job.id):
            services.extraction_run(article_id=article_id, job_id=job.id, attempt=attempt)
    except TRANSIENT_ERRORS as error:
        retrying = attempt < MAX_ATTEMPTS
        message = f"Attempt {attempt} of {MAX_ATTEMPTS} failed: {error}".strip()
        _record_failure(article_id, job.id, message + ("; retrying." if retrying else "; giving up."), retrying)
        raise
    except Exception as error:
        # Not transient: running it again would fail again. The job fails now, and says why.
        if isinstance(error, services.ExtractionRefused):
            message = str(error)
        else:
            message = f"The extractor failed on this article: {type(error).__name__}: {error}"
        _record_failure(article_id, job.id, message, retrying=False)
        raise


@app.task(name="fetch_article", queue="fetching", pass_context=True, retry=EXTRACTION_RETRY)
def fetch_article(context: JobContext, request_id: int) -> None:
    """Fetch a requested page and store its article; the outcome is recorded on the request."""
    with pghistory.context(job="fetch_article", job_id=context.job.id):
        services.article_request_run(request_id=request_id)


def _record_failure(article_id: int, job_id: int | None, message: str, retrying: bool) -> None:
    try:
        services.extraction_failed(article_id=article_id, job_id=job_id, error=message, retrying=retrying)
    except TRANSIENT_ERRORS:
        # The database is down: the state stays `running`; the job's own retry will set it.
        logger.warning("Could not record the failure of extraction job %s: %s", job_id, message)


@app.task(name="reanchor_version", queue="reanchoring", pass_context=True, retry=EXTRACTION_RETRY)
def reanchor_version(context: JobContext, article_id: int) -> None:
    """Carry the previous version's facts to the version `article_id` (idempotent: once, however often it runs)."""
    with pghistory.context(job="reanchor_version", job_id=context.job.id):
        services.reanchoring_run(article_id=article_id)


STALLED_CHECK_SECONDS = _stalled_check_period(settings.FACTBASE_JOBS_STALLED_SECONDS)


@app.periodic(cron=f"* * * * * */{STALLED_CHECK_SECONDS}")
@app.task(name="retry_stalled_jobs", queue="maintenance", queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> None:
    """Send the jobs of workers that stopped beating back to the queue (they run again, once)."""
    stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=settings.FACTBASE_JOBS_STALLED_SECONDS)
    for job in stalled:
        logger.warning("Job %s (%s) was running on a worker that stopped; queued again.", job.id, job.task_name)
        await app.job_manager.retry_job(job)
