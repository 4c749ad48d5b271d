"""Who may do what through the API: anyone reads, editors write."""

from typing import Any

from rest_framework import permissions
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from facts.editors import NOT_AN_EDITOR
from facts.models import is_editor

NOT_AUTHENTICATED = (
    "Writing needs an editor's credentials: send the header 'Authorization: Token <your token>' "
    "(an administrator creates one with `manage.py create_editor`). Reading needs none."
)


class EditorsWriteOthersRead(permissions.BasePermission):
    """Safe methods for everyone; anything else for members of the editors group.

    An anonymous write is answered 401 (with WWW-Authenticate), a signed-in non-editor's
    write 403, each saying what to do about it.
    """

    message = NOT_AN_EDITOR

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            raise NotAuthenticated(NOT_AUTHENTICATED)
        return is_editor(request.user)
