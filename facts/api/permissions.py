"""Who may do what through the API: readers read what the read policy shows them, editors write.

The read policy is FACTBASE_READ_ACCESS (facts/access.py): under `signed-in` an anonymous read
is answered 401; under `reviewed` a resource anonymous readers see none of (proposals, mentions,
roles, the change feed) is answered 403, and the others list only what the policy shows
(ReadPolicyMixin, facts/api/reading.py).
"""

from typing import Any

from django.db.models import Model
from rest_framework import permissions
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.request import Request

from facts import access
from facts.editors import NOT_AN_EDITOR
from facts.models import is_editor

NOT_AUTHENTICATED = (
    "Writing needs an editor's credentials: send the header 'Authorization: Token <your token>' "
    "(an administrator creates one with `manage.py create_editor`)."
)


def model_read(view: Any) -> type[Model] | None:
    """The model a read of `view` shows: the action's own (`action_models`), else the queryset's; None if none."""
    action_models = getattr(view, "action_models", {})
    if getattr(view, "action", None) in action_models:
        return action_models[view.action]
    queryset = getattr(view, "queryset", None)
    return None if queryset is None else queryset.model


def check_read(request: Request, view: Any) -> None:
    """Refuse a read the policy does not allow: 401 to sign in under `signed-in`, 403 for a hidden resource."""
    user = request.user
    if not access.can_read_at_all(user):
        raise NotAuthenticated(access.SIGN_IN_TO_READ)
    if access.can_read_everything(user):
        return
    hidden = getattr(view, "hidden_under_reviewed", None)
    model = model_read(view)
    if hidden is None and model is not None and not access.is_visible(model, user):
        hidden = str(model._meta.verbose_name_plural).capitalize()
    if hidden is not None:
        raise PermissionDenied(access.hidden_from_anonymous(hidden))


class EditorsWriteOthersRead(permissions.BasePermission):
    """Safe methods for whoever the read policy lets read; anything else for members of the editors group.

    An anonymous write is answered 401 (with WWW-Authenticate), a signed-in non-editor's
    write 403, each saying what to do about it.
    """

    message = NOT_AN_EDITOR

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            check_read(request, view)
            return True
        if not (request.user and request.user.is_authenticated):
            raise NotAuthenticated(NOT_AUTHENTICATED)
        return is_editor(request.user)
