"""Extractions: where each article's background extraction stands; failed ones with their error, to retry."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from facts import services
from facts.admin.common import change_url, changelist_url
from facts.models import Article, Extraction, Proposal


def extraction_summary(extraction: Extraction | None) -> SafeString | str:
    """One line for an article's page: the state, how many proposals or why it failed, and when."""
    if extraction is None:
        return "Not asked for: this article was stored without extraction (use the action on the articles list)."
    when = extraction.updated_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    if extraction.status == Extraction.Status.DONE:
        detail = f"{extraction.proposals} proposals from the current extractor"
    elif extraction.error:
        detail = extraction.error
    else:
        detail = "waiting for a worker" if extraction.status == Extraction.Status.QUEUED else "a worker is on it"
    return format_html(
        '<strong class="extraction-{}">{}</strong>: {} (updated {}). <a href="{}">Extraction details</a>',
        extraction.status,
        extraction.get_status_display(),
        detail,
        when,
        change_url(extraction),
    )


def queue_extractions(request: HttpRequest, articles: list[Article], modeladmin: admin.ModelAdmin) -> None:
    """Queue the extractor's run on the articles (those already waiting keep their job), and say so."""
    queued = services.extractions_enqueue(articles=articles)
    waiting = len(articles) - queued
    modeladmin.message_user(
        request,
        format_html(
            "Queued extraction for {} article{}{}; a worker proposes their facts in the background. "
            '<a href="{}">Follow the extractions</a>, then <a href="{}">review pending proposals</a>.',
            queued,
            "s" if queued != 1 else "",
            f" ({waiting} already waiting)" if waiting else "",
            changelist_url(Extraction),
            changelist_url(Proposal, status__exact="pending"),
        ),
        messages.SUCCESS,
    )


@admin.register(Extraction)
class ExtractionAdmin(admin.ModelAdmin):
    """Read-only states, written by the workers; failed ones can be queued again."""

    list_display = ["article_title", "status", "proposals", "attempts", "short_error", "queued_at", "updated_at"]
    list_filter = ["status", "updated_at"]
    list_select_related = ["article"]
    search_fields = ["article__title", "article__publisher", "error"]
    # A tuple, which both attributes can be typed as.
    readonly_fields = ("article_link", "status", "proposals", "error", "attempts", "job_id", "queued_at", "updated_at")
    fields = readonly_fields
    ordering = ["-updated_at"]
    actions = ["retry"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The article's body is never needed here (it can be megabytes).
        return super().get_queryset(request).defer("article__body", "article__search_vector")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="error")
    def short_error(self, extraction: Extraction) -> str:
        error = extraction.error or ""
        return error if len(error) <= 120 else error[:119] + "…"

    @admin.display(description="article", ordering="article__title")
    def article_title(self, extraction: Extraction) -> str:
        # Not str(article): an article without a title shows its opening, and the body is not loaded here.
        return extraction.article.title or f"article {extraction.article_id}"

    @admin.display(description="article")
    def article_link(self, extraction: Extraction) -> SafeString:
        return format_html('<a href="{}">{}</a>', change_url(extraction.article), self.article_title(extraction))

    @admin.action(description="Retry selected extractions (queue them again)", permissions=["propose"])
    def retry(self, request: HttpRequest, queryset: QuerySet) -> None:
        articles = list(Article.objects.defer("body", "search_vector").filter(extraction__in=queryset))
        queue_extractions(request, articles, self)

    def has_propose_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("facts.add_proposal")
