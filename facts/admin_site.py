"""The Factbase admin site: the editors' workspace, closed to everyone but editors.

It lives outside the `facts.admin` package on purpose: the admin app imports the site
class before it discovers `facts.admin`, whose import registers the models on the site.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from facts.editors import NOT_AN_EDITOR
from facts.models import is_editor


def may_use_admin(user: Any) -> bool:
    """Active staff who are editors, or superusers."""
    return bool(user.is_active and user.is_staff and is_editor(user))


class EditorAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in form, refusing staff accounts that are not editors."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not may_use_admin(user):
            raise ValidationError(NOT_AN_EDITOR, code="not_an_editor")


class FactbaseAdminSite(admin.AdminSite):
    """Django's admin site, reachable only by editors and superusers."""

    site_header = "Factbase editors' workspace"
    site_title = "Factbase"
    index_title = "Record, review and correct facts"
    login_form = EditorAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        # Asked several times per page; the answer (a query) cannot change within a request, so
        # the request keeps it (in its own attributes, which HttpRequest does not declare).
        attributes = vars(request)
        if "_factbase_may_use_admin" not in attributes:
            attributes["_factbase_may_use_admin"] = may_use_admin(request.user)
        return attributes["_factbase_may_use_admin"]
