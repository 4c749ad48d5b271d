"""A refused save on an out-of-date copy (facts.admin.common.StaleEditGuard), made something an
editor can act on: what changed since the record was opened (field, old, new, who, when, from the
history events), the editor's values kept in the form, and a choice to save them over the current
version or discard them.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.forms.models import model_to_dict

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
    yours: list[str]
    """The labels of the fields the editor changed (from the version opened), kept in the form."""


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


def changes_since(
    model: Any, current: models.Model, opened_etag: str | None
) -> tuple[list[HistoryEntry], models.Model | None]:
    """The history entries after the version with `opened_etag`, oldest first, and that version.

    The version opened is the newest event whose values give that ETag; when none does (an
    event model that leaves a field out, or a version older than the history), the last
    change alone is shown.
    """
    events = list(
        model.pgh_event_model.objects.filter(pgh_obj_id=current.pk).select_related("pgh_context").order_by("-pgh_id")
    )
    opened_at = next((index for index, event in enumerate(events) if _etag_of_event(model, event) == opened_etag), None)
    if opened_at is None:
        shown = list(reversed(events[:2]))
        return history_entries(model, shown, current)[-1:], None
    # The opened version's event is kept as the baseline each later change is compared with.
    shown = list(reversed(events[: opened_at + 1]))
    opened = events[opened_at]
    values = {f.attname: getattr(opened, f.attname) for f in model._meta.concrete_fields if not f.generated}
    return history_entries(model, shown, current)[1:], model(**values)


def _on_top_of_current(form: Any, opened: models.Model, current: models.Model) -> list[str]:
    """Make the form's data the current version with the editor's changes on top; return their labels.

    A field the editor left as opened takes the current value (someone else's change is
    kept); a field the editor changed keeps what they typed.
    """
    data = form.data.copy()
    yours = []
    for name, field in form.fields.items():
        opened_value = model_to_dict(opened, fields=[name]).get(name)
        if field.has_changed(opened_value, form[name].data):
            yours.append(str(field.label or name))
            continue
        current_value = field.prepare_value(model_to_dict(current, fields=[name]).get(name))
        if isinstance(current_value, list | tuple):
            data.setlist(name, [str(v) for v in current_value])
        else:
            data[name] = "" if current_value is None else current_value
    form.data = data
    return yours


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
    changes, opened = changes_since(model, current, sent)
    yours = _on_top_of_current(adminform.form, opened, current) if opened is not None else []
    context["original"] = current
    context["subtitle"] = str(current)
    context["conflict"] = Conflict(current, record_etag(current), changes, opened is not None, yours)
