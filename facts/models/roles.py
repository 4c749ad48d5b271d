"""Roles: a role or affiliation of a person or an organization, as one article states it."""

from typing import Self, cast

from django.db import models
from django.db.models import Q

from facts.models.actors import Organization, Person
from facts.models.articles import CURRENT_ARTICLE
from facts.models.common import ReadPolicyQuerySet, exactly_one, tracked, validate_storable_text
from facts.models.passages import Passage, carried_relations


class RoleQuerySet(ReadPolicyQuerySet):
    def for_api(self) -> Self:
        """Of articles not withdrawn, with the holder and the affiliation joined in."""
        return self.filter(CURRENT_ARTICLE).select_related(
            "person", "organization", "affiliation", *carried_relations("role")
        )


@tracked()
class Role(Passage):
    """A role or affiliation as one article states it, with its passage.

    “Gordon Flake, executive director of the Mansfield Center for Pacific Affairs”: the
    person is Gordon Flake, the title “executive director”, the affiliation the Mansfield
    Center. Roles change and sources differ, so each is recorded per article.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="roles")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    title = models.CharField(max_length=300, validators=[validate_storable_text])
    affiliation = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliated_roles",
        help_text="The organization the role is held at, if the article names one.",
    )

    objects = RoleQuerySet.as_manager()

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            models.CheckConstraint(
                condition=exactly_one("person", "organization"),
                name="facts_role_has_one_holder",
                violation_error_message="A role belongs to exactly one person or one organization.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="facts_role_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.holder}: {self.title}"

    @property
    def holder(self) -> Person | Organization:
        # A stored record has exactly one of the two (facts_role_has_one_holder).
        return cast("Person | Organization", self.person or self.organization)
