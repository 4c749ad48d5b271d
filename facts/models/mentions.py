"""Mentions: where an article names a person or an organization."""

from typing import Self, cast

from django.db import models

from facts.models.actors import Actor, Organization, Person
from facts.models.articles import CURRENT_ARTICLE
from facts.models.common import ReadPolicyQuerySet, exactly_one, tracked
from facts.models.passages import Passage, carried_relations


class MentionQuerySet(ReadPolicyQuerySet):
    def for_api(self) -> Self:
        """Of articles not withdrawn, with the person or organization named joined in."""
        return self.filter(CURRENT_ARTICLE).select_related("person", "organization", *carried_relations("mention"))

    def naming(self, actor: Actor) -> Self:
        """The mentions of this person or organization."""
        if isinstance(actor, Person):
            return self.filter(person=actor)
        return self.filter(organization=actor)


@tracked()
class Mention(Passage):
    """A place in an article where a person or an organization is named."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="mentions")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="mentions"
    )

    objects = MentionQuerySet.as_manager()

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            models.CheckConstraint(
                condition=exactly_one("person", "organization"),
                name="facts_mention_names_one_actor",
                violation_error_message="A mention names exactly one person or one organization.",
            ),
        ]

    def __str__(self) -> str:
        return self.exact

    @property
    def actor(self) -> Person | Organization:
        # A stored record has exactly one of the two (facts_mention_names_one_actor).
        return cast("Person | Organization", self.person or self.organization)
