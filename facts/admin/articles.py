"""Articles: their metadata, and their text with every recorded passage highlighted."""

from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from facts import services
from facts.admin.common import ADMIN_CSS, ServiceWrites, StaleEditGuard, change_url, changelist_url, count_of
from facts.admin.extractions import extraction_summary, queue_extractions
from facts.admin.forms import ArticleAddForm
from facts.admin.highlight import KINDS, Highlight, highlight_body
from facts.admin.history import HistoryAdminMixin
from facts.admin.proposals import describe
from facts.models import SEARCH_CONFIG, Article, Claim, Extraction, Figure, Proposal

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ArticleCounts(TypedDict):
    """What ArticleAdmin.get_queryset annotates each article with."""

    claim_count: int
    figure_count: int


def passage_anchor_url(record: Any, kind: str) -> str:
    """The article page, scrolled to the record's highlighted passage."""
    return f"{change_url(record.article)}#passage-{kind}-{record.pk}"


def article_highlights(article: Article) -> list[Highlight]:
    """Every recorded passage of the article: claims (and their attributions), figures, roles, mentions."""
    highlights = []
    for claim in article.claims.select_related("speaker_person", "speaker_organization"):
        url = change_url(claim)
        speaker = claim.speaker or "the article's own voice"
        highlights.append(
            Highlight("claim", claim.pk, claim.start, claim.end, url, f"{claim.get_kind_display()}, {speaker}")
        )
        # A stored claim has all three attribution fields or none (facts_claim_attribution_is_a_span).
        if claim.attribution_start is not None and claim.attribution_end is not None:
            highlights.append(
                Highlight(
                    "attribution",
                    claim.pk,
                    claim.attribution_start,
                    claim.attribution_end,
                    url,
                    f"attributes claim {claim.pk} to {speaker}",
                )
            )
    for figure in article.figures.select_related("measure"):
        description = f"{figure.get_qualifier_display()}, {figure.measure or 'no measure'}"
        highlights.append(Highlight("figure", figure.pk, figure.start, figure.end, change_url(figure), description))
    for role in article.roles.select_related("person", "organization", "affiliation"):
        highlights.append(Highlight("role", role.pk, role.start, role.end, change_url(role), str(role)))
    for mention in article.mentions.select_related("person", "organization"):
        highlights.append(
            Highlight("mention", mention.pk, mention.start, mention.end, change_url(mention), str(mention.actor))
        )
    return highlights


class _PassageInline(admin.TabularInline):
    """A read-only list of an article's records, each linking to its highlight and its page."""

    extra = 0
    can_delete = False
    show_change_link = True
    kind = ""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="passage")
    def passage(self, record: Any) -> SafeString:
        return format_html('<a href="#passage-{}-{}">{}</a>', self.kind, record.pk, record.exact)


class ClaimInline(_PassageInline):
    model = Claim
    kind = "claim"
    # A tuple, which both attributes can be typed as (a list could not be both kinds of list).
    fields = ("passage", "kind", "speaker", "review_status")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("speaker_person", "speaker_organization")

    @admin.display(description="speaker")
    def speaker(self, claim: Claim) -> str:
        return str(claim.speaker or "—")


class FigureInline(_PassageInline):
    model = Figure
    kind = "figure"
    fields = ("passage", "qualifier", "value", "low", "high", "unit", "measure")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("measure")


class WithdrawnFilter(admin.SimpleListFilter):
    """Current or withdrawn articles (deleting an article withdraws it)."""

    title = "status"
    parameter_name = "withdrawn"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", "current"), ("yes", "withdrawn")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(withdrawn_at=None)
        if self.value() == "no":
            return queryset.filter(withdrawn_at=None)
        return queryset


@admin.register(Article)
class ArticleAdmin(ServiceWrites, StaleEditGuard, HistoryAdminMixin, admin.ModelAdmin):
    list_display = [
        *("__str__", "publisher", "published_on", "language", "claim_count", "figure_count"),
        *("extraction_status", "created_at", "withdrawn_at"),
    ]
    list_filter = [WithdrawnFilter, "language", "publisher", "published_on", "created_at"]
    # Plus full-text search over title and body (get_search_results).
    search_fields = ["title", "publisher", "url"]
    readonly_fields = [
        "highlighted_body",
        "extraction_state",
        "pending_proposals",
        "sha256",
        "created_at",
        "updated_at",
        "withdrawn_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "url", "language", "published_on"]}),
        ("Text", {"fields": ["highlighted_body"], "classes": ["article-text"]}),
        ("Proposed by the extractor", {"fields": ["extraction_state", "pending_proposals"]}),
        ("Identity", {"fields": ["sha256", "created_at", "updated_at", "withdrawn_at"]}),
    ]
    add_form = ArticleAddForm
    add_fieldsets = [(None, {"fields": ["body", "title", "publisher", "url", "language", "published_on"]})]
    inlines = [ClaimInline, FigureInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["propose_facts", "restore_articles"]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("extraction")
            .annotate(claim_count=count_of(Claim, "article"), figure_count=count_of(Figure, "article"))
        )

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        matches, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            text = queryset.filter(
                search_vector=SearchQuery(search_term, config=SEARCH_CONFIG, search_type="websearch")
            )
            matches = matches | text
        return matches, may_have_duplicates

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return [] if obj is None else self.inlines

    @admin.action(description="Propose facts for selected articles (queue the extractor)", permissions=["propose"])
    def propose_facts(self, request: HttpRequest, queryset: QuerySet) -> None:
        queue_extractions(request, list(queryset.defer("body", "search_vector")), self)

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        # Deleting an article withdraws it: its text and facts are kept (services.article_withdraw).
        services.article_withdraw(article=obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[list, dict, set, list]:
        # Nothing is deleted, so nothing is listed and nothing protects the article from it.
        return [str(obj) for obj in objs], {"articles": len(objs)}, set(), []

    def response_delete(self, request: HttpRequest, obj_display: str, obj_id: Any) -> HttpResponse:
        response = super().response_delete(request, obj_display, obj_id)
        # Replace Django's "deleted successfully" with what happened.
        list(messages.get_messages(request))
        self.message_user(request, f"The article “{obj_display}” was withdrawn; nothing was deleted.", messages.SUCCESS)
        return response

    @admin.action(description="Restore selected withdrawn articles", permissions=["change"])
    def restore_articles(self, request: HttpRequest, queryset: QuerySet) -> None:
        articles = list(queryset.exclude(withdrawn_at=None).defer("search_vector"))
        for article in articles:
            services.article_restore(article=article)
        self.message_user(
            request, f"Restored {len(articles)} withdrawn article(s), with their facts.", messages.SUCCESS
        )

    def has_propose_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("facts.add_proposal")

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = {
            "proposals_url": changelist_url(Proposal, article__id__exact=object_id, status__exact="pending"),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, article: "WithAnnotations[Article, ArticleCounts]") -> int:
        return article.claim_count

    @admin.display(description="figures", ordering="figure_count")
    def figure_count(self, article: "WithAnnotations[Article, ArticleCounts]") -> int:
        return article.figure_count

    @admin.display(description="extraction", ordering="extraction__status")
    def extraction_status(self, article: Article) -> str:
        try:
            extraction = article.extraction
        except Extraction.DoesNotExist:
            return "—"
        return extraction.get_status_display()

    @admin.display(description="extraction")
    def extraction_state(self, article: Article) -> SafeString | str:
        try:
            return extraction_summary(article.extraction)
        except Extraction.DoesNotExist:
            return extraction_summary(None)

    @admin.display(description="pending")
    def pending_proposals(self, article: Article) -> SafeString | str:
        """The proposals no editor has reviewed yet, each linking to its page (accept, correct, reject)."""
        pending = list(article.proposals.pending().order_by("start", "end", "kind"))
        if not pending:
            return "None: every proposal for this article has been reviewed (or none was made)."
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>',
            ((change_url(p), p.exact, p.get_kind_display(), describe(p), p.confidence) for p in pending),
        )
        return format_html(
            '<p><a href="{}">Review these {} proposals in the list</a> (select them to accept or reject in bulk).</p>'
            '<table class="pending-proposals"><thead><tr><th>passage</th><th>kind</th><th>proposed</th>'
            "<th>confidence</th></tr></thead><tbody>{}</tbody></table>",
            changelist_url(Proposal, article__id__exact=article.pk, status__exact="pending"),
            len(pending),
            rows,
        )

    @admin.display(description="text")
    def highlighted_body(self, article: Article) -> SafeString:
        legend = format_html_join(
            " ",
            '<span class="passage passage-{}">{}</span>',
            ((kind, f"{label} ({marker})") for kind, (label, marker, _) in KINDS.items()),
        )
        return format_html(
            '<div class="passage-legend">Recorded passages: {}</div><div class="article-body">{}</div>',
            legend,
            highlight_body(article.body, article_highlights(article)),
        )
