"""People and organizations: who speaks in articles, and who is named in them."""

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from facts.models.common import MERGE_EVENT, ReadPolicyQuerySet, Timestamped, tracked, validate_storable_text


class Actor(Timestamped):
    """Something with a name that can speak or be named: a person or an organization."""

    name = models.CharField(max_length=300, validators=[validate_storable_text])
    aliases = ArrayField(
        models.CharField(max_length=300, validators=[validate_storable_text]),
        default=list,
        blank=True,
        help_text="Other forms of the name used in articles, such as “Mr. Flake”.",
    )

    objects = ReadPolicyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="%(app_label)s_%(class)s_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.name in self.aliases:
            raise ValidationError({"aliases": "An alias repeats the name; list only other forms."})
        if len(set(self.aliases)) != len(self.aliases):
            raise ValidationError({"aliases": "An alias is listed twice."})


@tracked(pghistory.ManualEvent(MERGE_EVENT))
class Person(Actor):
    """A named person. Roles and mentions are recorded per article, with their passages."""

    class Meta(Actor.Meta):
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"], name="facts_person_name")]


@tracked(pghistory.ManualEvent(MERGE_EVENT))
class Organization(Actor):
    """A named organization: a company, a government body, an NGO, a newspaper."""

    class Meta(Actor.Meta):
        indexes = [models.Index(fields=["name"], name="facts_organization_name")]
