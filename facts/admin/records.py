"""Claims, figures, mentions and roles: added by pasting their quote; claims reviewed."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from facts import services
from facts.admin.articles import passage_anchor_url
from facts.admin.common import ADMIN_CSS, ServiceWrites, StaleEditGuard, change_url, editor, link
from facts.admin.forms import ClaimAddForm, FigureAddForm, MentionAddForm, PassageAddForm, ReviewForm, RoleAddForm
from facts.admin.history import HistoryAdminMixin
from facts.admin.logging import log_action
from facts.admin.reviewing import STATUS_DEFINITIONS, review_action, verdict_choices
from facts.models import Claim, Figure, Mention, Passage, Review, Role
from facts.numbers import decimal_text

PASSAGE_FIELDS = ["passage_in_article", "article", *Passage.SPAN_FIELDS]


class AnchoredAdmin(ServiceWrites, StaleEditGuard, HistoryAdminMixin, admin.ModelAdmin):
    """A record that sits on a passage of an article.

    Added by pasting its article and text (`add_form`, through the service); once saved,
    its provenance is read-only and its page links to its highlight in the article.
    """

    add_form: type[PassageAddForm]
    kind = ""
    # The record's own fields, editable after it is added.
    record_fields: list[str] = []
    # Read-only fields of the record besides its provenance.
    record_readonly: list[str] = []
    list_per_page = 50

    class Media:
        css = ADMIN_CSS

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        name = str(self.opts.verbose_name).capitalize()
        if obj is None:
            passage = PassageAddForm.passage_fields
            own = [field for field in self.add_form._meta.fields or () if field not in passage]
            return [("Passage", {"fields": passage}), (name, {"fields": own})]
        return [
            ("Passage", {"fields": PASSAGE_FIELDS}),
            (name, {"fields": [*self.record_fields, *self.record_readonly]}),
            ("Recorded", {"fields": ["created_at", "updated_at"]}),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return []
        return [*PASSAGE_FIELDS, *self.record_readonly, "created_at", "updated_at"]

    @admin.display(description="in the article")
    def passage_in_article(self, record: Any) -> SafeString:
        return format_html(
            '<a class="passage-context" href="{}">…{}<mark class="passage passage-{}">{}</mark>{}…</a>',
            passage_anchor_url(record, self.kind),
            record.prefix,
            self.kind,
            record.exact,
            record.suffix,
        )

    @admin.display(description="passage", ordering="exact")
    def quote(self, record: Any) -> str:
        return record.exact if len(record.exact) <= 100 else f"{record.exact[:99]}…"

    @admin.display(description="speaker")
    def speaker(self, record: Any) -> SafeString | str:
        speaker = record.speaker
        if speaker is None:
            return "the article"
        return speaker if isinstance(speaker, str) else link(speaker)


class ReviewInline(admin.TabularInline):
    """A claim's past verdicts, newest first; reviews are added with the Review button."""

    model = Review
    # A tuple, which both attributes can be typed as (a list could not be both kinds of list).
    fields = ("status", "note", "internal_note", "reviewer", "reviewed_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("reviewer")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(AnchoredAdmin):
    add_form = ClaimAddForm
    kind = "claim"
    record_fields = ["kind", "summary", "speaker_person", "speaker_organization", "speaker_group"]
    record_readonly = ["attribution_exact", "attribution_start", "attribution_end", "review_status"]
    list_display = ["quote", "speaker", "kind", "review_status", "article", "created_at"]
    list_select_related = ["article", "speaker_person", "speaker_organization"]
    list_filter = [
        "review_status",
        "kind",
        "article",
        "speaker_person",
        "speaker_organization",
        "created_at",
        "article__published_on",
    ]
    search_fields = [
        "exact",
        "speaker_group",
        "speaker_person__name",
        "speaker_person__aliases",
        "speaker_organization__name",
        "speaker_organization__aliases",
        "article__title",
    ]
    autocomplete_fields = ["article", "speaker_person", "speaker_organization"]
    inlines = [ReviewInline]
    actions = [review_action(status) for status in Claim.ReviewStatus if status != Claim.ReviewStatus.UNREVIEWED]

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("facts.add_review")

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return [] if obj is None else self.inlines

    def get_urls(self) -> list[Any]:
        return [
            path("<path:object_id>/review/", self.admin_site.admin_view(self.review_view), name="facts_claim_review"),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = {
            "can_review": self.has_review_permission(request),
            # The API lists only reviewed claims as ClaimReview; the template says so for the others.
            "claim_review_url": reverse("claimreview-detail", args=[object_id]) if object_id.isdigit() else None,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def review_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Record a verdict on one claim (status and note); reviewer and date are set for you."""
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            # A private ModelAdmin method (the admin's own "doesn't exist" answer) django-stubs leaves out.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)  # type: ignore[attr-defined]
        if not self.has_review_permission(request):
            raise PermissionDenied
        form = ReviewForm(request.POST or None)
        form.fields["status"].choices = verdict_choices()  # type: ignore[attr-defined]
        if request.method == "POST" and form.is_valid():
            review = services.claim_review(
                claim=claim,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                internal_note=form.cleaned_data["internal_note"],
                reviewer=editor(request),
            )
            self.message_user(request, f"Reviewed as {review.get_status_display()}: “{claim}”.", messages.SUCCESS)
            log_action(request, claim, f"Reviewed as {review.get_status_display()}: {review.note or '(no note)'}")
            return HttpResponseRedirect(change_url(claim))
        context = {
            **self.admin_site.each_context(request),
            "title": "Review claim",
            "subtitle": None,
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "form": form,
            "passage": self.passage_in_article(claim),
            "current_definition": STATUS_DEFINITIONS[claim.review_status],
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/facts/claim/review.html", context)


def _number_column(name: str) -> Any:
    """A list column showing a decimal without trailing zeros (100000, not 100000.000000)."""

    def column(modeladmin: Any, figure: Figure) -> str:
        return decimal_text(getattr(figure, name)) or "—"

    column.__name__ = f"{name}_text"
    return admin.display(description=name, ordering=name)(column)


@admin.register(Figure)
class FigureAdmin(AnchoredAdmin):
    add_form = FigureAddForm
    kind = "figure"
    record_fields = list(Figure.RECORD_FIELDS)
    list_display = [
        *("quote", "qualifier", "value_text", "low_text", "high_text", "unit", "measure", "speaker", "article")
    ]
    list_select_related = ["article", "measure", "speaker_person", "speaker_organization"]
    value_text, low_text, high_text = (_number_column(name) for name in ("value", "low", "high"))
    list_filter = [
        "qualifier",
        "measure",
        "article",
        "speaker_person",
        "speaker_organization",
        "created_at",
        "article__published_on",
    ]
    search_fields = [
        "exact",
        "measure__name",
        "place",
        "period",
        "speaker_group",
        "speaker_person__name",
        "speaker_person__aliases",
        "speaker_organization__name",
        "article__title",
    ]
    autocomplete_fields = ["article", "measure", "claim", "speaker_person", "speaker_organization"]


@admin.register(Mention)
class MentionAdmin(AnchoredAdmin):
    add_form = MentionAddForm
    kind = "mention"
    record_fields = ["person", "organization"]
    list_display = ["quote", "person", "organization", "article", "created_at"]
    list_select_related = ["article", "person", "organization"]
    list_filter = ["article", "person", "organization", "created_at"]
    search_fields = [
        "exact",
        "person__name",
        "person__aliases",
        "organization__name",
        "organization__aliases",
        "article__title",
    ]
    autocomplete_fields = ["article", "person", "organization"]


@admin.register(Role)
class RoleAdmin(AnchoredAdmin):
    add_form = RoleAddForm
    kind = "role"
    record_fields = ["title", "person", "organization", "affiliation"]
    list_display = ["title", "person", "organization", "affiliation", "quote", "article"]
    list_select_related = ["article", "person", "organization", "affiliation"]
    list_filter = ["article", "affiliation", "person", "organization", "created_at"]
    search_fields = [
        "title",
        "exact",
        "person__name",
        "person__aliases",
        "organization__name",
        "affiliation__name",
        "article__title",
    ]
    autocomplete_fields = ["article", "person", "organization", "affiliation"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Every verdict, read-only: a review is added from its claim's page and never changed."""

    list_display = ["claim", "status", "reviewer", "reviewed_at"]
    list_select_related = ["claim", "reviewer"]
    list_filter = ["status", "reviewer", "reviewed_at"]
    search_fields = ["claim__exact", "note", "internal_note", "reviewer__username"]
    fields = ("claim_link", "status", "note", "internal_note", "reviewer", "reviewed_at")
    readonly_fields = fields

    @admin.display(description="claim")
    def claim_link(self, review: Review) -> SafeString | str:
        return link(review.claim)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
