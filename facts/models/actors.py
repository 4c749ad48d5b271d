"""People and organizations: who speaks in articles, and who is named in them."""

import re

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from facts.models.common import MERGE_EVENT, ReadPolicyQuerySet, Timestamped, tracked, validate_storable_text

WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
"""A Wikidata item identifier: Q and a number without leading zeros (Q42)."""


def validate_wikidata_id(value: str) -> None:
    """Refuse anything but a Wikidata item identifier (Q42); nothing is looked up."""
    if not WIKIDATA_ID.fullmatch(value):
        raise ValidationError(
            f"“{value}” is not a Wikidata item identifier: give Q followed by its number, such as Q42 "
            "(the last part of https://www.wikidata.org/wiki/Q42).",
            code="wikidata_id",
        )


class Actor(Timestamped):
    """Something with a name that can speak or be named: a person or an organization."""

    name = models.CharField(max_length=300, validators=[validate_storable_text])
    aliases = ArrayField(
        models.CharField(max_length=300, validators=[validate_storable_text]),
        default=list,
        blank=True,
        help_text="Other forms of the name used in articles, such as “Mr. Flake”.",
    )
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        null=True,
        blank=True,
        validators=[validate_wikidata_id],
        help_text="Their Wikidata item, such as Q42, when known: exported as sameAs. Unique when set.",
    )

    objects = ReadPolicyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="%(app_label)s_%(class)s_name_not_empty"),
            models.CheckConstraint(
                condition=Q(wikidata_id__isnull=True) | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="%(app_label)s_%(class)s_wikidata_id_format",
                violation_error_message="A Wikidata ID is Q followed by its number, such as Q42.",
            ),
            # Also the index the ?wikidata_id= filter uses.
            models.UniqueConstraint(
                fields=["wikidata_id"],
                name="%(app_label)s_%(class)s_wikidata_id_unique",
                violation_error_message="Another record already has this Wikidata ID: merge the two instead.",
            ),
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
