"""Claims: statements in articles, and the reviews editors give them."""

from typing import Self

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length

from facts.models.articles import CURRENT_ARTICLE
from facts.models.common import SEARCH_CONFIG, ReadPolicyQuerySet, tracked, validate_storable_text
from facts.models.passages import (
    ARTICLE_SUMMARY,
    Attributed,
    AttributedQuerySet,
    Passage,
    carried_relations,
    passage_problem,
)

SUMMARY_RECOMMENDED_LENGTH = 75
"""Google's fact-check guide: claimReviewed under 75 characters, so it does not wrap on a phone."""
SUMMARY_MAX_LENGTH = 150


class ClaimQuerySet(AttributedQuerySet):
    def for_api(self) -> Self:
        """As the API lists claims: of articles not withdrawn, article and speaker joined in, no text
        that the list does not show."""
        return (
            self.filter(CURRENT_ARTICLE)
            .select_related("article", "speaker_person", "speaker_organization", *carried_relations("claim"))
            .defer("search_vector", "anchoring__from_claim__search_vector", *ARTICLE_SUMMARY)
        )


def shorten_at_word(text: str, limit: int) -> str:
    """The text whole if it has at most `limit` characters, else cut at a word boundary, with “…”."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


@tracked(exclude=("search_vector",))
class Claim(Passage, Attributed):
    """One statement in one article: what was said, by whom, in which words, and its review.

    The passage is the statement itself (for a direct quote, the words inside the
    quotation marks); the words that attribute it (“added Mr. Flake”) may be recorded as
    their own passage of the same article.
    """

    class Kind(models.TextChoices):
        DIRECT_QUOTE = "direct_quote", "direct quote"
        PARAPHRASE = "paraphrase", "paraphrase"
        ASSERTION = "assertion", "assertion"

    class ReviewStatus(models.TextChoices):
        UNREVIEWED = "unreviewed", "unreviewed"
        VERIFIED = "verified", "verified"
        DISPUTED = "disputed", "disputed"
        FALSE = "false", "false"
        UNVERIFIABLE = "unverifiable", "unverifiable"
        RETRACTED = "retracted", "retracted"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    attribution_start = models.PositiveIntegerField(null=True, blank=True)
    attribution_end = models.PositiveIntegerField(null=True, blank=True)
    attribution_exact = models.TextField(null=True, blank=True, validators=[validate_storable_text])
    review_status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED)
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        # Also the database's default: a row written by SQL or COPY (bench/, imports) has no summary.
        default="",
        db_default="",
        validators=[validate_storable_text],
        help_text="What the claim says, in a few words, written by an editor: the ClaimReview's claimReviewed. "
        f"Keep it under {SUMMARY_RECOMMENDED_LENGTH} characters (Google's fact-check guide); when empty, the quote "
        "is shortened instead.",
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("exact", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ClaimQuerySet.as_manager()

    # What an editor gives besides the article and the passage, in the order forms show it
    # (the API's write serializer, the admin's add form and the bulk import share it).
    RECORD_FIELDS = (
        "kind",
        "speaker_person",
        "speaker_organization",
        "speaker_group",
        "attribution_exact",
        "attribution_start",
        "summary",
    )

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            *Attributed.Meta.constraints,
            models.CheckConstraint(
                condition=Q(
                    attribution_start__isnull=True, attribution_end__isnull=True, attribution_exact__isnull=True
                )
                | Q(
                    attribution_start__lt=F("attribution_end"),
                    attribution_end=F("attribution_start") + Length("attribution_exact"),
                ),
                name="facts_claim_attribution_is_a_span",
                violation_error_message="The attribution needs its text and a span that fits it.",
            ),
        ]
        indexes = [
            models.Index(fields=["review_status"], name="facts_claim_review_status"),
            models.Index(fields=["speaker_person", "id"], name="facts_claim_speaker_person"),
            models.Index(fields=["speaker_organization", "id"], name="facts_claim_speaker_org"),
            models.Index(fields=["kind"], name="facts_claim_kind"),
            GinIndex(fields=["search_vector"], name="facts_claim_search"),
            # Who and what reviewed claims involve, for FACTBASE_READ_ACCESS=reviewed (facts/access.py):
            # partial (reviewed claims only) and read from the index alone.
            *(
                models.Index(fields=fields, condition=~Q(review_status="unreviewed"), name=name)
                for fields, name in (
                    (["speaker_person", "article"], "facts_claim_reviewed_person"),
                    (["speaker_organization", "article"], "facts_claim_reviewed_org"),
                    (["article", "id"], "facts_claim_reviewed_article"),
                )
            ),
        ]

    def __str__(self) -> str:
        return self.exact if len(self.exact) <= 80 else f"{self.exact[:79]}…"

    def clean(self) -> None:
        super().clean()
        if (
            self.attribution_exact is None
            or self.attribution_start is None
            or self.attribution_end is None
            or self.article_id is None
        ):
            return  # no attribution; one only partly given is for facts_claim_attribution_is_a_span
        problem = passage_problem(
            self.article.body,
            start=self.attribution_start,
            end=self.attribution_end,
            exact=self.attribution_exact,
        )
        if problem:
            raise ValidationError({"attribution_exact": ValidationError(problem, code="passage_mismatch")})


@tracked()
class Review(models.Model):
    """An editor's verdict on a claim; the claim keeps the latest status.

    `note` is the verdict's public explanation (the ClaimReview's reviewBody); `internal_note`
    is for editors only and is never shown to readers. Who reviewed (`reviewer`) is kept
    apart from both, so a read policy can show or hide each on its own.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=20, choices=Claim.ReviewStatus.choices)
    note = models.TextField(
        blank=True, validators=[validate_storable_text], help_text="The public explanation of the verdict."
    )
    internal_note = models.TextField(
        blank=True, validators=[validate_storable_text], help_text="For editors only; never shown to readers."
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)

    objects = ReadPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        get_latest_by = "reviewed_at"

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.claim}"
