"""History in the admin: who changed what and when, with revert and restore buttons.

The events are django-pghistory's (see `facts.models.tracked`). Reverting and restoring are
services (`facts.services.history`); this module shows the events and offers those actions.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst

from facts import services
from facts.admin.common import STALE_ETAG_FIELD, ModelAdminMixin
from facts.admin.logging import log_action
from facts.models import MERGE_EVENT, Timestamped, record_etag
from facts.services.history import can_restore, revertible_fields, tracked_fields

NOT_SHOWN = frozenset({"id", "created_at", "updated_at", "sha256"})

ACTIONS = {"insert": "created", "update": "changed", "delete": "deleted", MERGE_EVENT: "merged"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One event of a record's history, as the history page shows it."""

    event: Any
    action: str
    when: datetime
    user: Any
    via: str
    changes: list[FieldChange] = field(default_factory=list)
    revertible: bool = False


def _related_model(f: models.Field) -> type[models.Model]:
    # A relation's model, resolved from "self" or a name once the models are loaded.
    return cast(type[models.Model], f.related_model)


class _Display:
    """Turns stored values into text, looking up related records in one query per model."""

    def __init__(self, fields: list[models.Field], events: list[Any]) -> None:
        self.related: dict[type[models.Model], dict[Any, models.Model]] = {}
        for f in fields:
            if f.is_relation:
                ids = {getattr(event, f.attname) for event in events} - {None}
                target = _related_model(f)
                self.related.setdefault(target, {}).update(target._base_manager.in_bulk(ids) if ids else {})

    def __call__(self, f: models.Field, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if f.is_relation:
            found = self.related.get(_related_model(f), {}).get(value)
            return f"{found} (#{value})" if found is not None else f"#{value} (since deleted)"
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, list):
            return ", ".join(map(str, value))
        return str(value)


def _users(events: list[Any]) -> dict[Any, Any]:
    ids = {(event.pgh_context.metadata or {}).get("user") for event in events if event.pgh_context} - {None}
    return get_user_model()._base_manager.in_bulk(ids) if ids else {}


# What a request did, by the end of its path (the history context keeps the request's URL).
VIA_PATHS = [
    (re.compile(r"/history/(\d+)/revert/$"), "reverted to the version of change #{0}"),
    (re.compile(r"/proposal/(\d+)/accept/$"), "accepted from proposal #{0}"),
    (re.compile(r"/admin/facts/proposal/$"), "accepted with other proposals (bulk)"),
    (re.compile(r"/claim/(\d+)/review/$"), "reviewed"),
    (re.compile(r"/deleted/(\d+)/restore/$"), "restored"),
    (re.compile(r"/change/$"), "edited in the workspace"),
    (re.compile(r"/add/$"), "added in the workspace"),
    (re.compile(r"^/api/"), "through the API"),
]


def _moved_text(moved: dict[str, int]) -> str:
    """{"claim.speaker_person": 3, "mention.person": 1} as “3 claims, 1 mention”."""
    totals: dict[str, int] = {}
    for key, count in moved.items():
        if count:
            name = key.split(".")[0]
            totals[name] = totals.get(name, 0) + count
    return ", ".join(f"{count} {name}{'s' if count != 1 else ''}" for name, count in totals.items()) or "no facts"


def _via(metadata: dict[str, Any]) -> str:
    """How a change was made, in words: merged (with what moved), reverted, accepted, reviewed…"""
    if "merge" in metadata:
        merge = metadata["merge"]
        moved = f"; moved: {_moved_text(metadata['moved'])}" if isinstance(metadata.get("moved"), dict) else ""
        return f"merged “{merge['name']}” (#{merge['merged']}) into #{merge['kept']}{moved}"
    url = metadata.get("url") or ""
    path_only = url.split("?")[0]
    for pattern, words in VIA_PATHS:
        found = pattern.search(path_only)
        if found:
            return words.format(*found.groups())
    return url


def history_entries(model: type[Timestamped], events: list[Any], current: models.Model | None) -> list[HistoryEntry]:
    """Describe events of one record, oldest first: what each changed from the one before."""
    fields = [f for f in tracked_fields(model) if f.name not in NOT_SHOWN]
    display = _Display(fields, events)
    users = _users(events)
    revertible = revertible_fields(model)
    entries = []
    previous: Any = None
    for event in events:
        metadata = (event.pgh_context.metadata if event.pgh_context else None) or {}
        entry = HistoryEntry(
            event=event,
            action=ACTIONS.get(event.pgh_label, event.pgh_label),
            when=event.pgh_created_at,
            user=users.get(metadata.get("user")),
            via=_via(metadata),
        )
        if event.pgh_label in ("insert", "update"):
            for f in fields:
                new = getattr(event, f.attname)
                old = getattr(previous, f.attname) if previous is not None else None
                if previous is None and new in (None, "", []):
                    continue
                if previous is None or old != new:
                    entry.changes.append(FieldChange(str(capfirst(f.verbose_name)), display(f, old), display(f, new)))
        elif event.pgh_label == "delete":
            # What was deleted: the values it had.
            entry.changes = [
                FieldChange(str(capfirst(f.verbose_name)), display(f, getattr(event, f.attname)), "—")
                for f in fields
                if getattr(event, f.attname) not in (None, "", [])
            ]
        entry.revertible = (
            current is not None
            and event.pgh_label != "delete"
            and any(getattr(current, f.attname) != getattr(event, f.attname) for f in revertible)
        )
        entries.append(entry)
        previous = event
    return entries


class HistoryAdminMixin(ModelAdminMixin):
    """Adds history pages to a ModelAdmin of a tracked model.

    `…/<id>/history/` (the admin's own History button) lists the record's events with
    who, when and what changed, each with a button to revert to it; `…/deleted/` lists
    deleted records of the model, with a button to restore each.
    """

    history_template = "admin/facts/history.html"
    deleted_template = "admin/facts/deleted.html"
    model: type[Timestamped]

    def get_urls(self) -> list[Any]:
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("deleted/", wrap(self.deleted_view), name=f"{prefix}_deleted"),
            path("deleted/<int:event_id>/restore/", wrap(self.restore_view), name=f"{prefix}_restore"),
            path("<path:object_id>/history/<int:event_id>/revert/", wrap(self.revert_view), name=f"{prefix}_revert"),
            *super().get_urls(),
        ]

    def _url(self, view: str, *args: Any) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args)

    def _context(self, request: HttpRequest, **extra: Any) -> dict[str, Any]:
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "subtitle": None,
            **extra,
        }

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # The list page links to the deleted records (admin/facts/change_list.html). It leaves out the
        # navigation sidebar (the breadcrumbs lead to the other lists): at a laptop's 1366 px the
        # sidebar and the filters together left the columns too little room, so they were cut off.
        extra = {"has_history": True, "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            # A private ModelAdmin method (the admin's own "doesn't exist" answer) django-stubs leaves out.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)  # type: ignore[attr-defined]
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        events = list(
            self.model.pgh_event_model.objects.filter(pgh_obj_id=obj.pk)
            .select_related("pgh_context")
            .order_by("pgh_id")
        )
        context = self._context(
            request,
            title=f"History: {obj}",
            object=obj,
            entries=history_entries(self.model, events, obj),
            record_etag=record_etag(obj),
            can_revert=self.has_change_permission(request, obj),
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.history_template, context)

    def revert_view(self, request: HttpRequest, object_id: str, event_id: int) -> HttpResponse:
        """GET: what reverting would change (field, now, after reverting), to confirm; POST: revert."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            # A private ModelAdmin method (the admin's own "doesn't exist" answer) django-stubs leaves out.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)  # type: ignore[attr-defined]
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if request.method == "GET":
            return self._confirm_revert(request, obj, event_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        try:
            changed = services.record_revert(
                model=self.model, pk=obj.pk, event_id=event_id, etag=request.POST.get(STALE_ETAG_FIELD)
            )
        except ValidationError as error:
            messages.error(request, f"Not reverted: {' '.join(error.messages)}")
        else:
            if changed:
                messages.success(request, f"Reverted {', '.join(changed)} of “{obj}” to the chosen version.")
                log_action(request, obj, f"Reverted {', '.join(changed)} to the version of change #{event_id}.")
            else:
                messages.info(request, "Nothing to revert: the record already has those values.")
        return HttpResponseRedirect(self._url("history", obj.pk))

    def _confirm_revert(self, request: HttpRequest, obj: models.Model, event_id: int) -> HttpResponse:
        event = self.model.pgh_event_model.objects.filter(pgh_obj_id=obj.pk, pgh_id=event_id).first()
        if event is None or event.pgh_label == "delete":
            messages.error(request, "Not reverted: this event is not a version of the record.")
            return HttpResponseRedirect(self._url("history", obj.pk))
        fields = [f for f in revertible_fields(self.model) if f.name not in NOT_SHOWN]
        display = _Display(fields, [event, obj])
        diff = [
            FieldChange(str(capfirst(f.verbose_name)), display(f, now), display(f, then))
            for f in fields
            if (now := getattr(obj, f.attname)) != (then := getattr(event, f.attname))
        ]
        context = self._context(
            request,
            title=f"Revert “{obj}”?",
            object=obj,
            event=event,
            diff=diff,
            record_etag=record_etag(obj),
        )
        return TemplateResponse(request, "admin/facts/revert_confirmation.html", context)

    def deleted_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        event_model = self.model.pgh_event_model
        # The latest 100 deletions of records that do not exist again.
        events = list(
            event_model.objects.filter(pgh_label="delete")
            .exclude(pgh_obj_id__in=self.model._base_manager.values("pk"))
            .select_related("pgh_context")
            .order_by("-pgh_id")[:100]
        )
        context = self._context(
            request,
            title=f"Deleted {self.opts.verbose_name_plural}",
            entries=history_entries(self.model, events, None),
            can_restore=can_restore(self.model) and self.has_add_permission(request),
        )
        return TemplateResponse(request, self.deleted_template, context)

    def restore_view(self, request: HttpRequest, event_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (can_restore(self.model) and self.has_add_permission(request)):
            raise PermissionDenied
        try:
            restored = services.record_restore(model=self.model, event_id=event_id)
        except ValidationError as error:
            messages.error(request, f"Not restored: {' '.join(error.messages)}")
            return HttpResponseRedirect(self._url("deleted"))
        messages.success(request, f"Restored “{restored}”.")
        return HttpResponseRedirect(self._url("change", restored.pk))
