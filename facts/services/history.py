"""Reverting a record to one of its history events, and restoring a deleted record.

The events are django-pghistory's (see `facts.models.tracked`): Postgres triggers write one per
insert, update and delete, with the acting user and URL in its context. A revert applies an
event's values through the model (`full_clean`, then `save`), so the database records it as a
new event like any other change. Provenance fields (the article and the passage) are never
changed by a revert, and a claim's review status changes only through reviews.
"""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from facts.models import Timestamped, record_etag

Tracked = TypeVar("Tracked", bound=Timestamped)

STALE_REVERT = (
    "Someone else changed this record after you opened its history. The list below now shows "
    "that change too; choose the version to revert to again."
)

PROVENANCE_FIELDS = frozenset(
    {
        "article",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "attribution_start",
        "attribution_end",
        "attribution_exact",
    }
)
"""Where an anchored record sits: fixed once recorded, never changed by a revert."""

NOT_REVERTED = frozenset({"id", "created_at", "updated_at", "sha256", "review_status"})


def tracked_fields(model: type[Timestamped]) -> list[models.Field]:
    """The model's fields whose values its history events keep."""
    kept = {f.name for f in model.pgh_event_model._meta.fields}
    return [f for f in model._meta.concrete_fields if f.name in kept]


def revertible_fields(model: type[Timestamped]) -> list[models.Field]:
    return [f for f in tracked_fields(model) if f.editable and f.name not in PROVENANCE_FIELDS | NOT_REVERTED]


def can_restore(model: type[Timestamped]) -> bool:
    """Whether a deleted record can be rebuilt from its history (every stored field kept)."""
    kept = {f.name for f in tracked_fields(model)}
    return all(f.name in kept for f in model._meta.concrete_fields if not f.generated)


@transaction.atomic
def record_revert(*, model: type[Timestamped], pk: Any, event_id: int, etag: str | None) -> list[str]:
    """Give a record back the values it had at one of its events; returns the fields changed.

    `etag` is the record's ETag when the editor chose the event (the history page carries
    it): a record changed since is not reverted, as a change form is not saved. Provenance
    and review status are left as they are. The model validates the result (a speaker
    deleted since, for example, is refused), and the trigger records the revert as a new
    event.
    """
    event = model.pgh_event_model.objects.filter(pgh_obj_id=pk, pgh_id=event_id).first()
    if event is None:
        raise ValidationError("This event is not in the record's history.", code="no_such_event")
    if event.pgh_label == "delete":
        raise ValidationError("A deletion cannot be reverted to; restore the record instead.", code="deleted")
    instance = model._default_manager.select_for_update().get(pk=pk)
    if etag != record_etag(instance):
        raise ValidationError(STALE_REVERT, code="stale")
    changed = []
    for f in revertible_fields(model):
        value = getattr(event, f.attname)
        if getattr(instance, f.attname) != value:
            setattr(instance, f.attname, value)
            changed.append(str(f.verbose_name))
    if changed:
        instance.full_clean()
        instance.save()
    return changed


@transaction.atomic
def record_restore(*, model: type[Tracked], event_id: int) -> Tracked:
    """Recreate a deleted record, with its id, from the values its deletion event kept."""
    event = model.pgh_event_model.objects.filter(pgh_id=event_id, pgh_label="delete").first()
    if event is None:
        raise ValidationError("This deletion is not in the history.", code="no_such_event")
    if model._base_manager.filter(pk=event.pgh_obj_id).exists():
        raise ValidationError("This record exists again already.", code="exists")
    instance = model(**{f.attname: getattr(event, f.attname) for f in tracked_fields(model)})
    instance.full_clean()
    instance.save(force_insert=True)
    return instance
