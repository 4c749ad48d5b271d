"""Proposals: what the extractor found, for editors to accept (as proposed or corrected) or reject."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from facts import services
from facts.admin.common import ADMIN_CSS, change_url
from facts.admin.forms import ProposalAcceptForm
from facts.admin.history import HistoryAdminMixin
from facts.admin.logging import log_action
from facts.models import Proposal

RECORD_ADMIN = {
    "person": "admin:facts_person_change",
    "organization": "admin:facts_organization_change",
    "mention": "admin:facts_mention_change",
    "role": "admin:facts_role_change",
    "claim": "admin:facts_claim_change",
    "figure": "admin:facts_figure_change",
}


def _who(speaker: dict[str, str] | None) -> str:
    if not speaker:
        return "the article"
    return speaker["name"] if speaker["type"] != "group" else f"“{speaker['name']}”"


def describe(proposal: Proposal) -> str:
    """The proposed values in a few words: “direct quote by Gordon Flake”, “more than 30 (people)”."""
    data = proposal.data
    kind = proposal.kind
    if kind in (Proposal.Kind.PERSON, Proposal.Kind.ORGANIZATION):
        aliases = f" (also {', '.join(data['aliases'])})" if data.get("aliases") else ""
        match = f"; matches #{data['match']['id']}" if data.get("match") else ""
        return f"{data['name']}{aliases}{match}"
    if kind == Proposal.Kind.MENTION:
        return f"names {data['actor']} {data['name']}"
    if kind == Proposal.Kind.ROLE:
        at = f" at {data['affiliation']}" if data.get("affiliation") else ""
        return f"{data['holder']['name']}: {data['title']}{at}"
    if kind == Proposal.Kind.CLAIM:
        return f"{data['kind'].replace('_', ' ')} by {_who(data.get('speaker'))}"
    qualifier = data["qualifier"].replace("_", " ")
    amount = data["value"] if data.get("value") is not None else f"{data.get('low')}–{data.get('high') or '…'}"
    noun = f" {data['noun']['exact']}" if data.get("noun") else ""
    unit = f" ({data['unit']})" if data.get("unit") else ""
    return f"{qualifier} {amount}{noun}{unit}, by {_who(data.get('speaker'))}"


def record_url(proposal: Proposal) -> str | None:
    field = Proposal.RECORD_LINKS[proposal.kind]
    pk = getattr(proposal, f"{field}_id")
    return None if pk is None else reverse(RECORD_ADMIN[field], args=[pk])


def next_pending(proposal: Proposal) -> Proposal | None:
    """The article's next pending proposal after this one in the text (or the first, from the top)."""
    pending = Proposal.objects.filter(article_id=proposal.article_id, status=Proposal.Status.PENDING)
    following = pending.filter(start__gte=proposal.start).exclude(pk=proposal.pk).order_by("start", "pk").first()
    return following or pending.exclude(pk=proposal.pk).order_by("start", "pk").first()


@admin.register(Proposal)
class ProposalAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Proposals are made by the extractor and only reviewed here: never added, edited or deleted."""

    list_display = ["passage", "kind", "proposed", "confidence", "status", "article", "reviewed_by", "record"]
    list_select_related = ["article", "reviewed_by"]
    list_filter = ["status", "kind", "extractor_version", "article"]
    search_fields = ["exact", "article__title"]
    list_per_page = 100
    actions = ["accept_selected", "reject_selected"]
    # A tuple, which both attributes can be typed as (a list could not be both kinds of list).
    fields = (
        *("passage_in_article", "article", "kind", "proposed", "data", "status", "record", "edits"),
        *("confidence", "extractor_version", "reviewed_by", "reviewed_at", "created_at", "updated_at"),
    )
    readonly_fields = fields
    change_form_template = "admin/facts/proposal/change_form.html"

    class Media:
        css = ADMIN_CSS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A proposal's page only shows it; reviewing (which needs the change permission)
        # goes through the accept and reject views and actions.
        return obj is None and super().has_change_permission(request)

    def may_review(self, request: HttpRequest) -> bool:
        return super().has_change_permission(request)

    @admin.display(description="passage", ordering="exact")
    def passage(self, proposal: Proposal) -> str:
        return proposal.exact if len(proposal.exact) <= 90 else f"{proposal.exact[:89]}…"

    @admin.display(description="proposed")
    def proposed(self, proposal: Proposal) -> str:
        return describe(proposal)

    @admin.display(description="record")
    def record(self, proposal: Proposal) -> SafeString | str:
        url = record_url(proposal)
        if url is None:
            return "—"
        field = Proposal.RECORD_LINKS[proposal.kind]
        return format_html('<a href="{}">{} #{}</a>', url, field, getattr(proposal, f"{field}_id"))

    @admin.display(description="in the article")
    def passage_in_article(self, proposal: Proposal) -> SafeString:
        return format_html(
            '<a class="passage-context" href="{}">…{}<mark class="passage passage-proposal">{}</mark>{}…</a>',
            change_url(proposal.article),
            proposal.prefix,
            proposal.exact,
            proposal.suffix,
        )

    # Reviewing ------------------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/accept/", wrap(self.accept_view), name="facts_proposal_accept"),
            path("<path:object_id>/reject/", wrap(self.reject_view), name="facts_proposal_reject"),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = {"can_review": self.may_review(request), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def _proposal(self, request: HttpRequest, object_id: str) -> Proposal:
        if not self.may_review(request):
            raise PermissionDenied
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            raise PermissionDenied
        return proposal

    def accept_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Accept as proposed (POST with `as_proposed`), or with the corrections of the form.

        The form is bound only to a POST of corrections: on GET it shows the proposed values.
        """
        proposal = self._proposal(request, object_id)
        as_proposed = "as_proposed" in request.POST
        corrections = request.POST if request.method == "POST" and not as_proposed else None
        form = ProposalAcceptForm(corrections, proposal=proposal)
        if request.method == "POST" and (as_proposed or form.is_valid()):
            edits = {} if as_proposed else form.edits()
            try:
                with transaction.atomic():
                    acceptance = services.proposal_accept_noting(proposal=proposal, edits=edits, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"Not accepted: {' '.join(error.messages)}", messages.ERROR)
                if as_proposed:
                    return HttpResponseRedirect(change_url(proposal))
            else:
                return self._accepted(request, proposal, acceptance, edits)
        context = {
            **self.admin_site.each_context(request),
            "title": "Accept with corrections",
            "subtitle": None,
            "opts": self.opts,
            "original": proposal,
            "proposal": proposal,
            "form": form,
            "passage": self.passage_in_article(proposal),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/facts/proposal/accept.html", context)

    def _accepted(
        self, request: HttpRequest, proposal: Proposal, acceptance: services.Acceptance, edits: dict[str, Any]
    ) -> HttpResponse:
        """Say what was recorded (and how), log it, and open the article's next pending proposal."""
        record = acceptance.record
        corrected = f" with {len(edits)} correction{'s' if len(edits) != 1 else ''}" if edits else ""
        self.message_user(
            request,
            format_html('Accepted{}: <a href="{}">{}</a>.', corrected, change_url(record), record),
            messages.SUCCESS,
        )
        for note in acceptance.notes:
            self.message_user(request, note, messages.WARNING)
        log_action(request, proposal, f"Accepted{corrected}: {record._meta.verbose_name} #{record.pk}")
        following = next_pending(proposal)
        if following is None:
            self.message_user(request, "No pending proposals are left in this article.", messages.INFO)
            return HttpResponseRedirect(change_url(proposal))
        self.message_user(request, f"Next pending proposal of this article: {following}.", messages.INFO)
        return HttpResponseRedirect(change_url(following))

    def reject_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        proposal = self._proposal(request, object_id)
        try:
            services.proposal_reject(proposal=proposal, user=request.user)
        except ValidationError as error:
            self.message_user(request, f"Not rejected: {' '.join(error.messages)}", messages.ERROR)
        else:
            self.message_user(request, f"Rejected: {proposal}.", messages.SUCCESS)
        return HttpResponseRedirect(change_url(proposal))

    @admin.action(description="Accept selected proposals (as proposed)…", permissions=["change"])
    def accept_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """Accept the selection's pending proposals, after a page that shows what accepting will create."""
        proposals = list(queryset.select_related(None).order_by("pk"))
        confirmed = "_confirm" in request.POST
        try:
            result = services.proposals_accept_pending(proposals=proposals, user=request.user, dry_run=not confirmed)
        except ValidationError as error:
            self.message_user(request, f"Nothing was accepted: {' '.join(error.messages)}", messages.ERROR)
            return None
        if not confirmed:
            return self._confirm_accepting(request, proposals, result)
        accepted = len(result.accepted)
        self.message_user(request, f"Accepted {accepted} proposal{'s' if accepted != 1 else ''}.", messages.SUCCESS)
        for proposal, record in result.accepted:
            log_action(request, proposal, f"Accepted (bulk): {record._meta.verbose_name} #{record.pk}")
        if result.already_accepted or result.rejected:
            self.message_user(
                request,
                f"Left as they were: {result.already_accepted} already accepted, {result.rejected} rejected.",
                messages.INFO,
            )
        if result.left_pending:
            reasons = " ".join(reason for _, reason in result.left_pending)
            self.message_user(request, f"Left pending: {len(result.left_pending)}. {reasons}", messages.WARNING)
        for note in dict.fromkeys(result.notes):
            self.message_user(request, note, messages.WARNING)
        return None

    def _confirm_accepting(
        self, request: HttpRequest, proposals: list[Proposal], result: services.BulkAcceptance
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": f"Accept {len(result.accepted)} pending proposal{'s' if len(result.accepted) != 1 else ''}",
            "subtitle": None,
            "opts": self.opts,
            "result": result,
            "accepted": [(p, describe(p)) for p, _ in result.accepted],
            "selected": [p.pk for p in proposals],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/facts/proposal/accept_selected.html", context)

    @admin.action(description="Reject selected proposals", permissions=["change"])
    def reject_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        rejected = skipped = 0
        with transaction.atomic():
            for proposal in queryset.select_related(None):
                if proposal.status == Proposal.Status.ACCEPTED:
                    skipped += 1
                    continue
                services.proposal_reject(proposal=proposal, user=request.user)
                rejected += 1
        self.message_user(request, f"Rejected {rejected} proposal{'s' if rejected != 1 else ''}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"Left {skipped} accepted proposal{'s' if skipped != 1 else ''} as they are: correct or delete "
                "the records they created instead.",
                messages.WARNING,
            )
