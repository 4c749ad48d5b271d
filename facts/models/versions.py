"""Carried facts: how each fact of an article's previous version reached its corrected text."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q

from facts.models.articles import Article
from facts.models.claims import Claim
from facts.models.common import at_most_one, exactly_one, tracked
from facts.models.figures import Figure
from facts.models.mentions import Mention
from facts.models.roles import Role

FACT_KINDS = ("claim", "figure", "mention", "role")
"""The kinds of fact a new version carries, in the order they are carried (a figure may point at a claim)."""


class CarriedFactQuerySet(models.QuerySet):
    def needing_confirmation(self) -> Self:
        """Fuzzy matches no editor has confirmed yet."""
        return self.filter(status=CarriedFact.Status.FUZZY, confirmed_at=None)


@tracked()
class CarriedFact(models.Model):
    """One fact of an article's previous version, and where re-anchoring put it in the new version.

    `from_<kind>` is the fact on the previous version, which never changes; `to_<kind>` its copy
    on the new version (`version`), with the passage re-anchored: `exact` (the same text where the
    diff of the bodies puts it, its offsets maybe shifted), `moved` (the same text once elsewhere),
    `fuzzy` (approximate text, `similarity` at least the threshold; an editor confirms it before it
    counts as reviewed) or `orphaned` (not found: no copy, the fact stays on the old version only).
    """

    class Status(models.TextChoices):
        EXACT = "exact", "exact"
        MOVED = "moved", "moved"
        FUZZY = "fuzzy", "fuzzy"
        ORPHANED = "orphaned", "orphaned"

    version = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="carried_facts")
    status = models.CharField(max_length=10, choices=Status.choices)
    similarity = models.FloatField(help_text="How alike the old and new passages' texts are (difflib ratio, 0–1).")
    from_claim = models.OneToOneField(
        Claim, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_onward"
    )
    to_claim = models.OneToOneField(Claim, on_delete=models.PROTECT, null=True, blank=True, related_name="anchoring")
    from_figure = models.OneToOneField(
        Figure, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_onward"
    )
    to_figure = models.OneToOneField(Figure, on_delete=models.PROTECT, null=True, blank=True, related_name="anchoring")
    from_mention = models.OneToOneField(
        Mention, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_onward"
    )
    to_mention = models.OneToOneField(
        Mention, on_delete=models.PROTECT, null=True, blank=True, related_name="anchoring"
    )
    from_role = models.OneToOneField(
        Role, on_delete=models.PROTECT, null=True, blank=True, related_name="carried_onward"
    )
    to_role = models.OneToOneField(Role, on_delete=models.PROTECT, null=True, blank=True, related_name="anchoring")
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="When an editor confirmed a fuzzy match.")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CarriedFactQuerySet.as_manager()

    class Meta:
        ordering = ["version", "id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(*(f"from_{kind}" for kind in FACT_KINDS)),
                name="facts_carriedfact_from_one_fact",
                violation_error_message="A carried fact comes from exactly one fact.",
            ),
            models.CheckConstraint(
                condition=at_most_one(*(f"to_{kind}" for kind in FACT_KINDS)),
                name="facts_carriedfact_to_one_fact",
                violation_error_message="A carried fact lands on at most one fact.",
            ),
            # The copy is of the same kind as the original, and there is one unless orphaned.
            models.CheckConstraint(
                condition=Q(status="orphaned", **{f"to_{kind}__isnull": True for kind in FACT_KINDS})
                | Q(
                    *(Q(**{f"from_{kind}__isnull": False, f"to_{kind}__isnull": False}) for kind in FACT_KINDS),
                    _connector=Q.OR,
                )
                & ~Q(status="orphaned"),
                name="facts_carriedfact_copy_unless_orphaned",
                violation_error_message="A fact not orphaned has a copy of its own kind on the new version.",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(status="fuzzy"),
                name="facts_carriedfact_only_fuzzy_confirmed",
                violation_error_message="Only a fuzzy match needs an editor's confirmation.",
            ),
            models.CheckConstraint(
                condition=Q(similarity__gte=0, similarity__lte=1), name="facts_carriedfact_similarity_range"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="facts_carriedfact_status")]

    def __str__(self) -> str:
        return f"{self.kind} {self.original.pk} → {self.status}"

    @property
    def kind(self) -> str:
        return next(kind for kind in FACT_KINDS if getattr(self, f"from_{kind}_id") is not None)

    @property
    def original(self) -> Any:
        """The fact on the previous version."""
        return getattr(self, f"from_{self.kind}")

    @property
    def copy(self) -> Any:
        """The fact on the new version; None when orphaned."""
        return getattr(self, f"to_{self.kind}")

    @property
    def needs_confirmation(self) -> bool:
        return self.status == self.Status.FUZZY and self.confirmed_at is None
