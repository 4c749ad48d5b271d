"""Articles: the text every fact is recorded from."""

from collections.abc import Collection
from typing import Any, Self

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from facts.models.common import (
    SEARCH_CONFIG,
    ReadPolicyQuerySet,
    Sha256Hex,
    Timestamped,
    body_sha256,
    not_empty,
    tracked,
    validate_storable_text,
)


class ArticleQuerySet(ReadPolicyQuerySet):
    def current(self) -> "ArticleQuerySet":
        """Articles not withdrawn: what lists and reads show."""
        return self.filter(withdrawn_at=None)

    def withdrawn(self) -> "ArticleQuerySet":
        return self.exclude(withdrawn_at=None)

    def with_version_links(self) -> "ArticleQuerySet":
        """Annotate the id of each article's next version (`next_version_pk`) and of its chain's latest one
        not withdrawn (`latest_version_pk`)."""
        chain = Coalesce(OuterRef("first_version_id"), OuterRef("pk"))
        chain_versions = Article.objects.filter(Q(pk=chain) | Q(first_version_id=chain), withdrawn_at=None)
        latest = chain_versions.order_by("-version").values("pk")[:1]
        following = Article.objects.filter(previous_version_id=OuterRef("pk")).values("pk")[:1]
        return self.annotate(next_version_pk=Subquery(following), latest_version_pk=Subquery(latest))

    def latest_versions(self) -> "ArticleQuerySet":
        """Articles no corrected text replaces: each chain's last version (and every unversioned article)."""
        return self.filter(next_version__isnull=True)


IMMUTABLE_FIELDS = ("body", "sha256", "created_at", "previous_version", "first_version", "version")
"""What an update of a stored article never writes: its text, and where it sits among its versions."""

CURRENT_ARTICLE = Q(article__withdrawn_at=None)
"""The condition on a fact (a claim, figure, mention, role or proposal) that its article is not withdrawn."""


@tracked(exclude=("body", "search_vector"))
class Article(Timestamped):
    """A news article: its text exactly as received, plus what is known about it.

    The body never changes once stored (a corrected text is a new article, its next
    version: `previous_version`, `first_version`, `version`); its SHA-256
    identifies it, so the same text stored twice resolves to one article. Metadata is
    NULL when unknown: never invented.

    Deleting an article withdraws it (`withdrawn_at`): it and its facts are hidden from
    lists and reads, and kept whole, so an editor can restore it. Nothing is destroyed.
    """

    body = models.TextField(validators=[validate_storable_text])
    sha256 = models.CharField(
        "SHA-256",
        max_length=64,
        unique=True,
        editable=False,
        help_text="Hex SHA-256 of the body's UTF-8 bytes.",
    )
    title = models.CharField(max_length=500, null=True, blank=True, validators=[validate_storable_text])
    publisher = models.CharField(max_length=200, null=True, blank=True, validators=[validate_storable_text])
    url = models.URLField("URL", max_length=2000, null=True, blank=True)
    language = models.CharField(
        max_length=35,
        null=True,
        blank=True,
        validators=[validate_storable_text],
        help_text="BCP 47 language tag, such as en or pt-BR.",
    )
    published_on = models.DateField(null=True, blank=True)
    # Full-text search over title and body, kept by Postgres itself.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor withdrew the article (hidden with its facts, kept whole); null while current.",
    )
    # Versions: a corrected text is a new article linked to the one it corrects (services/versions.py).
    # One-to-one: a version has at most one successor, so the versions of a text form a chain.
    previous_version = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="next_version",
        help_text="The article this text corrects; null for a first version.",
    )
    first_version = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="later_versions",
        help_text="The first version of the chain this article belongs to; null for a first version.",
    )
    # Also the database's default: a row written by SQL or COPY (bench/) is a first version.
    version = models.PositiveIntegerField(
        default=1, db_default=1, editable=False, help_text="1 for a first text, 2 for its correction, …"
    )
    # The body as loaded or last saved (an attribute, not a field), so a change to it can be refused.
    _stored_body: str | None

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="facts_article_search"),
            models.Index(fields=["publisher", "published_on"], name="facts_article_publisher"),
            models.Index(fields=["published_on"], name="facts_article_published_on"),
            models.Index(fields=["withdrawn_at"], name="facts_article_withdrawn_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="facts_article_body_not_empty"),
            models.CheckConstraint(
                condition=Q(sha256=Sha256Hex("body")),
                name="facts_article_sha256_matches_body",
                violation_error_message="The stored SHA-256 does not match the article body.",
            ),
            *(
                models.CheckConstraint(condition=not_empty(field), name=f"facts_article_{field}_not_empty")
                for field in ("title", "publisher", "url", "language")
            ),
            # A first version has neither link and number 1; a later one both links and a higher number.
            models.CheckConstraint(
                condition=Q(previous_version__isnull=True, first_version__isnull=True, version=1)
                | Q(previous_version__isnull=False, first_version__isnull=False, version__gt=1),
                name="facts_article_version_links",
                violation_error_message="A first version links to no other; a later one to its previous and first.",
            ),
            models.UniqueConstraint(
                fields=["first_version", "version"],
                name="facts_article_one_per_version_number",
                violation_error_message="This chain of versions already has a version with this number.",
            ),
        ]

    def __str__(self) -> str:
        return self.label(self.title, self.body)

    @staticmethod
    def label(title: str | None, text: str) -> str:
        """An article as people name it: its title, or its first 60 characters (`text` may be just its first 61)."""
        if title:
            return title
        return f"{text[:60]}…" if len(text) > 60 else text

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.body_changed():
            raise ValidationError(
                "An article's body never changes once stored; store the corrected text as its next version.",
                code="body_immutable",
            )
        self.sha256 = body_sha256(self.body)
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            # A stored article's body, hash and creation time never change, so an update writes
            # only the other fields (the application's database role may not write the body).
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and not field.generated and field.name not in IMMUTABLE_FIELDS
            ]
        super().save(*args, **kwargs)
        self._stored_body = self.body

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        instance = super().from_db(db, field_names, values)
        # Remember the body as stored, so a change to it can be refused.
        instance._stored_body = instance.__dict__.get("body")
        return instance

    @property
    def first_version_pk(self) -> int | None:
        """The id of the first version of this article's text (its own id for a first version)."""
        return self.first_version_id or self.pk

    def versions(self) -> "ArticleQuerySet":
        """Every version of this article's text, first to last (withdrawn ones included)."""
        chain = self.first_version_pk
        return Article.objects.filter(Q(pk=chain) | Q(first_version_id=chain)).order_by("version")

    def body_changed(self) -> bool:
        stored = getattr(self, "_stored_body", None)
        return self.pk is not None and stored is not None and stored != self.body

    def clean(self) -> None:
        if self.body_changed():
            raise ValidationError(
                {
                    "body": ValidationError(
                        "An article's body never changes once stored; store the corrected text as its next version.",
                        code="body_immutable",
                    )
                }
            )
        self.sha256 = body_sha256(self.body)


class ArticleHash(models.Model):
    """The SHA-256 an article's body had when it was stored, kept apart from the article.

    A trigger writes the row as the article is inserted; no role may change or delete it
    afterwards (another trigger), and the application's role may only read it. So a body
    rewritten together with its hash in `facts_article` still disagrees with the hash here,
    and `manage.py verify_passages` says so. Not a foreign key: the record outlives anything
    done to the article row.
    """

    article = models.OneToOneField(
        Article,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="recorded_hash",
    )
    sha256 = models.CharField("SHA-256", max_length=64)
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"article {self.article_id}: {self.sha256}"
