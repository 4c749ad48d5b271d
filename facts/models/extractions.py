"""Extractions: where the extractor's run on an article stands, for the API, the admin and the workers."""

from django.db import models
from django.db.models import Q

from facts.models.articles import Article


class ExtractionQuerySet(models.QuerySet):
    def failed(self) -> "ExtractionQuerySet":
        return self.filter(status=Extraction.Status.FAILED)


class Extraction(models.Model):
    """The state of an article's extraction, a background job (facts/tasks.py).

    One row per article, made when extraction is first asked for (in the same transaction as
    the job is queued, so an article whose row says `queued` has a job waiting). `job_id` is
    the procrastinate job that will write the outcome: an older job finishing after a newer
    one was queued stores its proposals but leaves the state to the newer job.

    Operational state, not a fact: it is not in the history (a status change per run would
    only grow it), and the proposals it made are.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="extraction")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    proposals = models.PositiveIntegerField(
        null=True, blank=True, help_text="Proposals the article has from this extractor version, once done."
    )
    error = models.TextField(null=True, blank=True, help_text="Why the last attempt failed, when it did.")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Attempts the current job has made.")
    job_id = models.BigIntegerField(null=True, blank=True, help_text="The procrastinate job that runs it.")
    queued_at = models.DateTimeField(help_text="When the current job was queued.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExtractionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "updated_at"], name="facts_extraction_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", proposals__isnull=False) | ~Q(status="done"),
                name="facts_extraction_done_has_proposals",
                violation_error_message="A finished extraction says how many proposals it left.",
            ),
            models.CheckConstraint(
                condition=Q(status="failed", error__isnull=False) | ~Q(status="failed"),
                name="facts_extraction_failed_has_error",
                violation_error_message="A failed extraction says why.",
            ),
        ]

    def __str__(self) -> str:
        return f"extraction of article {self.article_id}: {self.status}"
