"""Running queued jobs inside a test, as a worker would, but in the test's own transaction.

Most tests run in a transaction that is rolled back at the end, which no worker process can
see. `run_queued_jobs` takes the jobs the code under test queued (real rows in procrastinate's
table, queued in that transaction) and runs each task's function here, with the context a
worker gives it, then removes the job as a worker deletes a succeeded one. The tests with a
real worker process are in tests/jobs/.
"""

import time

from django.db import connection
from procrastinate import JobContext
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.jobs import Job


def queued_jobs(task_name: str | None = None) -> list[ProcrastinateJob]:
    """The jobs waiting in the queue, oldest first."""
    jobs = ProcrastinateJob.objects.filter(status="todo").order_by("id")
    return list(jobs.filter(task_name=task_name) if task_name else jobs)


def run_queued_jobs(task_name: str = "extract_article", limit: int = 200) -> int:
    """Run the waiting jobs of a task here, oldest first; how many ran. A task's exception propagates."""
    ran = 0
    for row in queued_jobs(task_name)[:limit]:
        job = Job(
            id=row.id,
            queue=row.queue_name,
            lock=row.lock,
            queueing_lock=row.queueing_lock,
            task_name=row.task_name,
            task_kwargs=row.args,
            attempts=row.attempts,
        )
        context = JobContext(app=app, job=job, start_timestamp=time.time(), abort_reason=lambda: None)
        task = app.tasks[row.task_name]
        try:
            task(context, **row.args)
        except Exception:
            # As a worker leaves a job that failed for good: failed, its queueing lock free.
            _set_status(row.id, "failed")
            raise
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM procrastinate_jobs WHERE id = %s", [row.id])
        ran += 1
    return ran


def _set_status(job_id: int, status: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = %s", [job_id])
        cursor.execute(f"UPDATE procrastinate_jobs SET status = '{status}' WHERE id = %s", [job_id])
