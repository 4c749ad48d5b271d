"""The Factbase admin site: the editors' workspace, closed to everyone but editors.

It lives outside the `facts.admin` package on purpose: the admin app imports the site
class before it discovers `facts.admin`, whose import registers the models on the site.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db.models import Count, Min
from django.http import HttpRequest
from django.template.response import TemplateResponse

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
    index_template = "admin/facts/index.html"

    def has_permission(self, request: HttpRequest) -> bool:
        # Asked several times per page; the answer (a query) cannot change within a request, so
        # the request keeps it (in its own attributes, which HttpRequest does not declare).
        attributes = vars(request)
        if "_factbase_may_use_admin" not in attributes:
            attributes["_factbase_may_use_admin"] = may_use_admin(request.user)
        return attributes["_factbase_may_use_admin"]

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        """The admin's home page, opening on what is waiting for an editor (see `work_to_do`)."""
        return super().index(request, {**work_to_do(), **(extra_context or {})})


def work_to_do() -> dict[str, Any]:
    """What the index shows before the model list, in four queries whatever the data.

    Pending proposals grouped by article (the ten articles with the most), claims without a
    verdict (how many, and since when), the last changes by any editor (Recent actions of
    every editor, where Django's sidebar shows one's own), and the ten latest failed
    extraction jobs with their error.
    """
    # Imported here: the models' app is not ready when the admin imports this module.
    from facts.models import Claim, Extraction, Proposal

    pending = list(
        Proposal.objects.filter(status=Proposal.Status.PENDING)  # query 1: pending proposals per article
        .values("article_id", "article__title")
        .annotate(total=Count("pk"))
        .order_by("-total", "article_id")[:10]
    )
    unreviewed = Claim.objects.filter(review_status=Claim.ReviewStatus.UNREVIEWED).aggregate(  # query 2
        total=Count("pk"), oldest=Min("created_at")
    )
    recent = list(LogEntry.objects.select_related("user", "content_type").order_by("-action_time")[:10])  # query 3
    failed = list(
        Extraction.objects.filter(status=Extraction.Status.FAILED)  # query 4: failed extraction jobs
        .select_related("article")
        .only("error", "updated_at", "article__title")
        .order_by("-updated_at")[:10]
    )
    return {
        "pending_by_article": pending,
        "unreviewed_claims": unreviewed,
        "recent_changes": recent,
        "failed_extractions": failed,
    }
