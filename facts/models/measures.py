"""Measures: what figures count, so figures from different articles can be compared."""

from django.db import models
from django.db.models import Q

from facts.models.common import ReadPolicyQuerySet, Timestamped, tracked, validate_storable_text


@tracked()
class Measure(Timestamped):
    """What a figure counts (“North Korean refugees hiding in northeast China”).

    Figures from many articles that count the same thing share a measure, so the values
    different sources reported can be lined up side by side.
    """

    name = models.CharField(max_length=300, unique=True, validators=[validate_storable_text])
    description = models.TextField(blank=True, validators=[validate_storable_text])
    unit = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_storable_text],
        help_text="The unit the values are in, such as people or US dollars.",
    )

    objects = ReadPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="facts_measure_name_not_empty")]

    def __str__(self) -> str:
        return self.name
