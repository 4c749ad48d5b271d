"""The admin's "Recent actions" for what the workspace does outside its change forms: accepting,
reviewing, merging, reverting. Django logs only adds, changes and deletes made through its own views."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.http import HttpRequest


def log_action(request: HttpRequest, obj: models.Model, message: str) -> None:
    """One "Recent actions" entry on `obj`, by the signed-in editor, with a message in words."""
    if not request.user.is_authenticated:
        return
    LogEntry.objects.log_actions(
        user_id=request.user.pk, queryset=[obj], action_flag=CHANGE, change_message=message, single_object=True
    )
