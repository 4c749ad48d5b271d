"""Merging a duplicate person or organization into the one kept."""

from typing import TypeVar

import pghistory
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from facts.models import MERGE_EVENT, Actor, Claim, Figure, Mention, Organization, Person, Role

# Every foreign key through which a fact points at a person or an organization.
PERSON_LINKS: list[tuple[type[models.Model], str]] = [
    (Claim, "speaker_person"),
    (Figure, "speaker_person"),
    (Mention, "person"),
    (Role, "person"),
]
ORGANIZATION_LINKS: list[tuple[type[models.Model], str]] = [
    (Claim, "speaker_organization"),
    (Figure, "speaker_organization"),
    (Mention, "organization"),
    (Role, "organization"),
    (Role, "affiliation"),
]

ActorT = TypeVar("ActorT", bound=Actor)


def _actor_merge(*, keep: ActorT, duplicate: ActorT, links: list[tuple[type[models.Model], str]]) -> dict[str, int]:
    """Move every fact from `duplicate` onto `keep`, keep its names as aliases (and its Wikidata ID if
    `keep` has none), delete it. Two records with different Wikidata IDs are not merged.

    Returns how many records moved, by "model.field". The whole merge is one history
    context, so its events (the moved facts, the kept actor's new aliases, the
    deletion, and a "merge" event on the kept actor) read as one change.
    """
    model = type(keep)
    name = model._meta.verbose_name
    if type(duplicate) is not model:
        raise ValidationError(f"A {name} can only be merged with another {name}.", code="merge_mismatch")
    if keep.pk == duplicate.pk:
        raise ValidationError(
            f"Choose two different records: a {name} cannot be merged into itself.", code="merge_self"
        )
    # Lock both rows, so a concurrent edit or merge waits for this one.
    locked = model._default_manager.select_for_update().in_bulk([keep.pk, duplicate.pk])
    if len(locked) != 2:
        raise ValidationError(f"The {name} to merge no longer exists.", code="merge_missing")
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    if keep.wikidata_id and duplicate.wikidata_id and keep.wikidata_id != duplicate.wikidata_id:
        raise ValidationError(
            f"These are different {model._meta.verbose_name_plural} on Wikidata ({keep.wikidata_id} and "
            f"{duplicate.wikidata_id}): correct the wrong identifier first if they are one.",
            code="merge_wikidata_mismatch",
        )

    merge_context = {
        "merge": {"model": model._meta.label, "kept": keep.pk, "merged": duplicate.pk, "name": duplicate.name}
    }
    with pghistory.context(**merge_context):
        moved = {}
        for linked_model, field in links:
            moved[f"{linked_model._meta.model_name}.{field}"] = linked_model._default_manager.filter(
                **{field: duplicate}
            ).update(**{field: keep, "updated_at": timezone.now()})  # moved: changed, for updated_after
        names = [duplicate.name, *duplicate.aliases]
        keep.aliases = [*keep.aliases, *(n for n in dict.fromkeys(names) if n != keep.name and n not in keep.aliases)]
        duplicate.delete()
        keep.wikidata_id = keep.wikidata_id or duplicate.wikidata_id  # free once the duplicate is gone
        keep.full_clean()
        keep.save()
        # What moved, for the history to say (the nested context adds to the merge's own).
        with pghistory.context(moved=moved):
            pghistory.create_event(keep, label=MERGE_EVENT)
    return moved


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person) -> Person:
    """Merge a duplicate person into the one kept.

    Every claim, figure, mention and role of the duplicate moves to the kept person, whose
    aliases gain the duplicate's name and aliases; the duplicate is deleted. History
    records each of these changes, and a "merge" event on the kept person.
    """
    _actor_merge(keep=keep, duplicate=duplicate, links=PERSON_LINKS)
    keep.refresh_from_db()
    return keep


@transaction.atomic
def organization_merge(*, keep: Organization, duplicate: Organization) -> Organization:
    """Merge a duplicate organization into the one kept (as `person_merge` does for people).

    Claims, figures, mentions, roles held by the duplicate and roles held at it (their
    affiliation) move to the kept organization.
    """
    _actor_merge(keep=keep, duplicate=duplicate, links=ORGANIZATION_LINKS)
    keep.refresh_from_db()
    return keep
