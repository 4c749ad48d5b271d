"""Articles: their metadata, and their page as the working surface (facts/admin/workspace.py)."""

from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from facts import services
from facts.admin.common import ADMIN_CSS, ServiceWrites, StaleEditGuard, change_url, changelist_url, count_of
from facts.admin.extractions import queue_extractions
from facts.admin.forms import ArticleAddForm
from facts.admin.history import HistoryAdminMixin
from facts.admin.importing import ArticleImportMixin
from facts.admin.versions import ArticleVersionsAdmin
from facts.admin.workspace import article_workspace
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
class ArticleAdmin(
    ArticleVersionsAdmin, ArticleImportMixin, ServiceWrites, StaleEditGuard, HistoryAdminMixin, admin.ModelAdmin
):
    list_display = [
        *("__str__", "publisher", "published_on", "language", "claim_count", "figure_count"),
        *("extraction_status", "created_at", "withdrawn_at"),
    ]
    list_filter = [WithdrawnFilter, "language", "publisher", "published_on", "created_at"]
    # Plus full-text search over title and body (get_search_results).
    search_fields = ["title", "publisher", "url"]
    # The text, its facts and its proposals are the working surface above the form (facts/admin/workspace.py).
    readonly_fields = ["sha256", "created_at", "updated_at", "withdrawn_at", *ArticleVersionsAdmin.version_fields]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "url", "language", "published_on"]}),
        ("Versions", {"fields": ArticleVersionsAdmin.version_fields}),
        ("Identity", {"fields": ["sha256", "created_at", "updated_at", "withdrawn_at"]}),
    ]
    add_form = ArticleAddForm
    add_fieldsets = [(None, {"fields": ["body", "title", "publisher", "url", "language", "published_on"]})]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["propose_facts", "restore_articles", "submit_corrected_text"]

    class Media:
        css = {"all": [*ADMIN_CSS["all"], "facts/workspace.css"]}

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

    def get_urls(self) -> list[Any]:
        return [*self.version_urls(), *super().get_urls()]

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

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk is not None:
            context["workspace"] = article_workspace(request, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

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
