"""Verdicts on claims in the workspace: what each review status means, and the bulk verdict, which
asks for a note and a confirmation before it records anything."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from facts import services
from facts.admin.common import editor
from facts.admin.logging import log_action
from facts.models import Claim

STATUS_DEFINITIONS: dict[str, str] = {
    Claim.ReviewStatus.UNREVIEWED: "No editor has given a verdict yet.",
    Claim.ReviewStatus.VERIFIED: "What the claim says matches the sources checked.",
    Claim.ReviewStatus.DISPUTED: "Credible sources contradict the claim or each other; it is not settled either way.",
    Claim.ReviewStatus.FALSE: "The sources checked show that the claim is wrong.",
    Claim.ReviewStatus.UNVERIFIABLE: "It cannot be checked: no source, record or data can confirm or refute it.",
    Claim.ReviewStatus.RETRACTED: "The speaker or the publisher has withdrawn the claim.",
}
"""What each review status means, shown beside it wherever an editor chooses one."""


def verdict_choices() -> list[tuple[str, str]]:
    """The five verdicts, each labelled with its definition (“verified — What the claim says…”)."""
    return [
        (value, f"{label} — {STATUS_DEFINITIONS[value]}")
        for value, label in Claim.ReviewStatus.choices
        if value != Claim.ReviewStatus.UNREVIEWED
    ]


class BulkVerdictForm(forms.Form):
    """The note a bulk verdict rests on: required, since it is published with every claim's verdict."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="What the verdict rests on, for readers: it is published with each claim's verdict (ClaimReview).",
    )
    internal_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="For editors only, never shown to readers.",
    )


def review_action(status: Claim.ReviewStatus) -> Any:
    """A changelist action recording one verdict on every selected claim, after a confirmation page with a note."""

    def mark(modeladmin: Any, request: HttpRequest, queryset: QuerySet) -> TemplateResponse | None:
        claims = list(queryset.select_related("article"))
        form = BulkVerdictForm(request.POST if "_confirm" in request.POST else None)
        if form.is_valid():
            with transaction.atomic():
                for claim in claims:
                    services.claim_review(claim=claim, status=status, reviewer=editor(request), **form.cleaned_data)
                    log_action(request, claim, f"Reviewed as {status.label} (bulk): {form.cleaned_data['note']}")
            modeladmin.message_user(
                request,
                f"Marked {len(claims)} claim{'s' if len(claims) != 1 else ''} as {status.label}.",
                messages.SUCCESS,
            )
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": f"Mark {len(claims)} claim{'s' if len(claims) != 1 else ''} as {status.label}?",
            "subtitle": None,
            "opts": modeladmin.opts,
            "form": form,
            "claims": claims,
            "status": status,
            "definition": STATUS_DEFINITIONS[status],
            "action": f"mark_{status.value}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": modeladmin.media,
        }
        request.current_app = modeladmin.admin_site.name
        return TemplateResponse(request, "admin/facts/claim/bulk_review.html", context)

    mark.__name__ = f"mark_{status.value}"
    return admin.action(description=f"Mark selected claims as {status.label}…", permissions=["review"])(mark)
