"""Article sources: the HTML an article's text was extracted from, kept as received; requests to fetch one."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from facts.models.articles import Article
from facts.models.common import Sha256Hex, body_sha256, not_empty, validate_storable_text


class ArticleSource(models.Model):
    """A snapshot of the page an article's body was extracted from, with what the page stated.

    The body is the extractor's text exactly; this keeps the HTML it came from (decoded to
    text, hashed like a body: the hex SHA-256 of its UTF-8 bytes), where it was fetched
    from when it was fetched (NULL when a client sent the HTML), and the metadata the page
    itself stated (authors, canonical URL, and the rest as the extractor reported it).
    Snapshots are only ever added: the same text imported again from other HTML adds a
    snapshot to the existing article, the same HTML again adds nothing.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="sources")
    html = models.TextField("HTML", validators=[validate_storable_text])
    sha256 = models.CharField(
        "SHA-256", max_length=64, editable=False, help_text="Hex SHA-256 of the HTML's UTF-8 bytes."
    )
    fetched_url = models.URLField(
        "fetched URL",
        max_length=2000,
        null=True,
        blank=True,
        help_text="The URL the HTML was finally fetched from (after redirects); null when a client sent the HTML.",
    )
    content_type = models.CharField(max_length=200, null=True, blank=True, help_text="As the server sent it.")
    fetched_at = models.DateTimeField(null=True, blank=True, help_text="When it was fetched; null when sent.")
    received_at = models.DateTimeField(auto_now_add=True)
    canonical_url = models.URLField(
        "canonical URL", max_length=2000, null=True, blank=True, help_text="The page's own canonical link, if stated."
    )
    authors = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    extractor = models.CharField(max_length=100, help_text="The extraction library and its version.")
    metadata = models.JSONField(default=dict, blank=True, help_text="Everything the extractor found on the page.")

    class Meta:
        ordering = ["article", "received_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "sha256"], name="facts_articlesource_once_per_article"),
            models.CheckConstraint(
                condition=Q(sha256=Sha256Hex("html")),
                name="facts_articlesource_sha256_matches_html",
                violation_error_message="The stored SHA-256 does not match the HTML.",
            ),
            models.CheckConstraint(condition=~Q(html=""), name="facts_articlesource_html_not_empty"),
            *(
                models.CheckConstraint(condition=not_empty(field), name=f"facts_articlesource_{field}_not_empty")
                for field in ("fetched_url", "content_type", "canonical_url")
            ),
        ]

    def __str__(self) -> str:
        return f"article {self.article_id}: {self.fetched_url or 'HTML sent'} ({self.sha256[:12]})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.sha256 = body_sha256(self.html)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        self.sha256 = body_sha256(self.html)


class ArticleRequest(models.Model):
    """A request to import the article at a URL, fetched by a background job (facts/tasks.py).

    Made in the same transaction as its `fetch_article` job is queued, so a request that says
    `queued` has a job waiting. The job sets `running`, then `done` with the article (new, or
    the one that already had this text) or `failed` with why (a refused address, a page too
    large, no article text, …). `given` is the metadata the requester stated, which wins over
    the page's. Operational state, not a fact: not in the history.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    url = models.URLField("URL", max_length=2000, help_text="The page to fetch.")
    source_url = models.URLField(
        max_length=2000, null=True, blank=True, help_text="Where the article was published, if not the page's own."
    )
    given = models.JSONField(default=dict, blank=True, help_text="Metadata the requester stated (title, publisher, …).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(null=True, blank=True, help_text="Why the fetch or the import failed, when it did.")
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, null=True, blank=True, related_name="requests", help_text="Once done."
    )
    created = models.BooleanField(null=True, blank=True, help_text="Whether the article was new, once done.")
    job_id = models.BigIntegerField(null=True, blank=True, help_text="The procrastinate job that fetches it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "updated_at"], name="facts_articlerequest_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", article__isnull=False) | ~Q(status="done"),
                name="facts_articlerequest_done_has_article",
                violation_error_message="A finished request names its article.",
            ),
            models.CheckConstraint(
                condition=Q(status="failed", error__isnull=False) | ~Q(status="failed"),
                name="facts_articlerequest_failed_has_error",
                violation_error_message="A failed request says why.",
            ),
        ]

    def __str__(self) -> str:
        return f"request {self.pk} for {self.url}: {self.status}"
