"""Figures: numbers as articles report them, with their bounds and what they count."""

from decimal import Decimal
from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Sqrt

from facts.models.articles import CURRENT_ARTICLE
from facts.models.claims import Claim
from facts.models.common import tracked, validate_storable_text
from facts.models.measures import Measure
from facts.models.passages import ARTICLE_SUMMARY, Attributed, AttributedQuerySet, Passage


class FigureQuerySet(AttributedQuerySet):
    def for_api(self) -> Self:
        """As the API lists figures: of articles not withdrawn, article, measure and speaker joined in,
        the article's text left out."""
        return (
            self.filter(CURRENT_ARTICLE)
            .select_related("article", "measure", "speaker_person", "speaker_organization")
            .defer(*ARTICLE_SUMMARY)
        )

    def with_central_estimate(self) -> Self:
        """Annotate what each figure reports as numbers that can be compared across sources.

        `lower_bound`/`upper_bound`: the interval it states (NULL where open);
        `central_estimate`: its value, or for a range or vague figure the geometric mean of
        its bounds (its low bound when it has no high). Geometric, because sources that
        disagree do so by orders of magnitude (“tens of thousands” against “300,000”).
        """
        return self.annotate(
            lower_bound=Coalesce("low", "value"),
            upper_bound=Coalesce("high", "value"),
            central_estimate=Coalesce("value", Sqrt(F("low") * F("high")), "low"),
        )


@tracked()
class Figure(Passage, Attributed):
    """One number as reported: its value or bounds, qualifier, unit, and what it counts.

    Which of `value`, `low` and `high` are set follows from the qualifier:

    ============================  =====  =====  =====
    qualifier                     value  low    high
    ============================  =====  =====  =====
    exact                         n      n      n
    approximately                 n      —      —
    more than, at least           n      n      —
    fewer than, up to, as many as n      —      n
    range                         —      a      b
    vague (“tens of thousands”)   —      min    max or —
    ============================  =====  =====  =====
    """

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exact"
        APPROXIMATELY = "approximately", "approximately"
        MORE_THAN = "more_than", "more than"
        AT_LEAST = "at_least", "at least"
        UP_TO = "up_to", "up to"
        AS_MANY_AS = "as_many_as", "as many as"
        RANGE = "range", "range"
        FEWER_THAN = "fewer_than", "fewer than"
        VAGUE = "vague", "vague"

    LOWER_BOUNDED = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
    UPPER_BOUNDED = (Qualifier.FEWER_THAN, Qualifier.UP_TO, Qualifier.AS_MANY_AS)
    # What an editor gives besides the article and the passage, in the order forms show it
    # (the API's write serializer, the admin, the add form and the bulk import share it).
    RECORD_FIELDS = (
        "qualifier",
        "value",
        "low",
        "high",
        "unit",
        "measure",
        "place",
        "period",
        "claim",
        "speaker_person",
        "speaker_organization",
        "speaker_group",
    )

    value = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    low = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    high = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices)
    unit = models.CharField(max_length=100, blank=True, validators=[validate_storable_text])
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, null=True, blank=True, related_name="figures")
    place = models.CharField(
        max_length=300, blank=True, validators=[validate_storable_text], help_text="Where the figure applies."
    )
    period = models.CharField(
        max_length=300, blank=True, validators=[validate_storable_text], help_text="When the figure applies."
    )
    claim = models.ForeignKey(
        Claim,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="figures",
        help_text="The claim this figure is part of, if any.",
    )

    objects = FigureQuerySet.as_manager()

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            *Attributed.Meta.constraints,
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="facts_figure_low_not_above_high",
                violation_error_message="The low bound may not be above the high bound.",
            ),
            models.CheckConstraint(
                condition=Q(qualifier="exact", value__isnull=False, low=F("value"), high=F("value"))
                | Q(qualifier="approximately", value__isnull=False, low__isnull=True, high__isnull=True)
                | Q(qualifier__in=["more_than", "at_least"], value__isnull=False, low=F("value"), high__isnull=True)
                | Q(
                    qualifier__in=["fewer_than", "up_to", "as_many_as"],
                    value__isnull=False,
                    low__isnull=True,
                    high=F("value"),
                )
                | Q(qualifier="range", value__isnull=True, low__isnull=False, high__isnull=False)
                | Q(qualifier="vague", value__isnull=True, low__isnull=False),
                name="facts_figure_bounds_match_qualifier",
                violation_error_message="The value and bounds do not match the qualifier.",
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "value"], name="facts_figure_measure_value"),
            models.Index(fields=["qualifier"], name="facts_figure_qualifier"),
        ]

    def __str__(self) -> str:
        return self.exact

    @classmethod
    def implied_bounds(cls, qualifier: str, value: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
        """The (low, high) bounds a qualifier gives a stated value, per the class table."""
        if value is None:
            return None, None
        if qualifier == cls.Qualifier.EXACT:
            return value, value
        if qualifier in cls.LOWER_BOUNDED:
            return value, None
        if qualifier in cls.UPPER_BOUNDED:
            return None, value
        return None, None

    @classmethod
    def bounds_or_implied(
        cls, qualifier: str, value: Decimal | None, low: Decimal | None, high: Decimal | None
    ) -> tuple[Decimal | None, Decimal | None]:
        """The (low, high) bounds given, each left out taken from what the qualifier implies."""
        implied_low, implied_high = cls.implied_bounds(qualifier, value)
        return (implied_low if low is None else low, implied_high if high is None else high)

    def clean(self) -> None:
        super().clean()
        errors = self._bounds_problems()
        if (
            self.claim_id is not None
            and self.article_id is not None
            and self.claim is not None
            and self.claim.article_id != self.article_id
        ):
            errors["claim"] = "The claim must be from the same article as the figure."
        if errors:
            raise ValidationError(errors)

    def _bounds_problems(self) -> dict[str, str]:
        q = self.Qualifier
        label = q(self.qualifier).label if self.qualifier in q.values else self.qualifier
        if self.qualifier in (q.RANGE, q.VAGUE):
            errors = {}
            if self.value is not None:
                errors["value"] = f"A {label} figure has bounds, not a single value; leave value empty."
            if self.low is None and self.qualifier == q.RANGE:
                errors["low"] = "A range needs its low bound."
            if self.high is None and self.qualifier == q.RANGE:
                errors["high"] = "A range needs its high bound."
            if self.low is None and self.qualifier == q.VAGUE:
                errors["low"] = "A vague figure needs the smallest value its words allow (“hundreds”: 200)."
            # (Without errors so far, low is set: both qualifiers need it.)
            if not errors and self.low is not None and self.high is not None and self.low > self.high:
                errors["high"] = "The high bound may not be below the low bound."
            return errors
        if self.value is None:
            return {"value": f"A figure qualified as “{label}” needs its value."}
        low, high = self.implied_bounds(self.qualifier, self.value)
        errors = {}
        if self.low != low:
            errors["low"] = f"For “{label}” the low bound is {_describe(low)}."
        if self.high != high:
            errors["high"] = f"For “{label}” the high bound is {_describe(high)}."
        return errors


def _describe(bound: Decimal | None) -> str:
    return "empty" if bound is None else f"the value ({bound.normalize():f})"
