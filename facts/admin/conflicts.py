"""A refused save on an out-of-date copy (facts.admin.common.StaleEditGuard), made something an
editor can act on: what changed since the record was opened (field, old, new, who, when, from the
history events), the editor's values kept in the form, and a choice to save them over the current
version or discard them.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models

from facts.admin.common import REAPPLY_FIELD, STALE_ETAG_FIELD
from facts.admin.history import HistoryEntry, history_entries
from facts.models import record_etag


@dataclass
class Conflict:
    """What the editor needs to decide after a refused save."""

    current: models.Model
    current_etag: str
    changes: list[HistoryEntry]
    found_opened: bool


def _etag_of_event(model: type[models.Model], event: Any) -> str | None:
    """The ETag the record had at this event, if the event keeps every field the ETag is made from."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.generated:
            continue
        if not hasattr(event, field.attname):
            return None
        values[field.attname] = getattr(event, field.attname)
    return record_etag(model(**values))


def changes_since(model: Any, current: models.Model, opened_etag: str | None) -> tuple[list[HistoryEntry], bool]:
    """The history entries after the version with `opened_etag`, oldest first, and whether it was found.

    The version opened is the newest event whose values give that ETag; when none does (an
    event model that leaves a field out, or a version older than the history), the last
    change alone is shown.
    """
    events = list(
        model.pgh_event_model.objects.filter(pgh_obj_id=current.pk).select_related("pgh_context").order_by("-pgh_id")
    )
    opened_at = next(
        (index for index, event in enumerate(events) if _etag_of_event(model, event) == opened_etag), None
    )
    if opened_at is None:
        shown = list(reversed(events[:2]))
        return history_entries(model, shown, current)[-1:], False
    # The opened version's event is kept as the baseline each later change is compared with.
    shown = list(reversed(events[: opened_at + 1]))
    return history_entries(model, shown, current)[1:], True


def is_stale(form: Any) -> bool:
    return form is not None and form.is_bound and form.has_error(NON_FIELD_ERRORS, "stale")


def conflict_context(request: Any, context: dict[str, Any], obj: models.Model) -> None:
    """On a refused save: the saved name in heading and breadcrumb, and the conflict to show."""
    adminform = context.get("adminform")
    if adminform is None or not is_stale(adminform.form):
        return
    model = type(obj)
    current = model._default_manager.get(pk=obj.pk)
    sent = request.POST.get(REAPPLY_FIELD) or request.POST.get(STALE_ETAG_FIELD)
    changes, found = changes_since(model, current, sent)
    context["original"] = current
    context["subtitle"] = str(current)
    context["conflict"] = Conflict(current, record_etag(current), changes, found)
