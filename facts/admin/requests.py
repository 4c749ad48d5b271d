"""Article requests: pages to import that a background worker fetches, followed here; failed ones retried.

A request is made by `POST /api/v1/articles/` with a `url` or by the admin's "Add article from
URL or HTML" (facts/admin/importing.py), through `services.article_request_create`, which
queues its `fetch_article` job in the same transaction. The worker writes what happened; this
page only reads it. A failed request can be queued again (`services.article_request_retry`),
from the list's action or the button on its page, for when the site was down or the address
has since been allowed.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import SafeString

from facts import services
from facts.admin.common import ADMIN_CSS, change_url
from facts.models import ArticleRequest

QUEUED = "Queued: a worker fetches the page in the background; reload this page to see when it is done."
# Completed by what did not happen: "Nothing was stored: …", "Not retried: …".
QUEUE_REFUSED = "the job queue cannot take the fetch right now; try again in a few seconds."
STANDING = {
    ArticleRequest.Status.QUEUED: "waiting for a worker to fetch the page; reload this page to follow it.",
    ArticleRequest.Status.RUNNING: "a worker is fetching the page; reload this page to follow it.",
    ArticleRequest.Status.FAILED: "nothing was stored; the error below says why. Retry once its cause is fixed.",
}


def _shortened(text: str | None, length: int) -> str:
    text = text or ""
    return text if len(text) <= length else text[: length - 1] + "…"


@admin.register(ArticleRequest)
class ArticleRequestAdmin(admin.ModelAdmin):
    """Read-only requests, written by the import and the workers; failed ones can be queued again."""

    list_display = ["short_url", "status", "article_link", "short_error", "created_at", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["article"]
    search_fields = ["url"]
    # A tuple, which both attributes can be typed as.
    readonly_fields = (
        "url",
        "standing",
        "error",
        "article_link",
        "new_article",
        "given_metadata",
        "published_at",
        "job_id",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    ordering = ["-created_at", "-id"]
    actions = ["retry"]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The article's body is never needed here (it can be megabytes).
        return super().get_queryset(request).defer("article__body", "article__search_vector")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Requests are added by "Add article from URL or HTML" on the articles list.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        """Retrying fetches and stores an article: for those who may add articles."""
        return request.user.has_perm("facts.add_article")

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/retry/",
                self.admin_site.admin_view(self.retry_view),
                name="facts_articlerequest_retry",
            ),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {"can_retry": self.has_import_permission(request), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="URL", ordering="url")
    def short_url(self, article_request: ArticleRequest) -> str:
        return _shortened(article_request.url, 80)

    @admin.display(description="error")
    def short_error(self, article_request: ArticleRequest) -> str:
        return _shortened(article_request.error, 120)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, article_request: ArticleRequest) -> SafeString | str:
        article = article_request.article
        if article is None:
            return "—"
        # Not str(article): an article without a title shows its opening, and the body is not loaded here.
        return format_html('<a href="{}">{}</a>', change_url(article), article.title or f"article {article.pk}")

    @admin.display(description="status")
    def standing(self, article_request: ArticleRequest) -> SafeString:
        """The status and what it means for the editor: what to wait for, what was stored, or what to do."""
        status = ArticleRequest.Status(article_request.status)
        detail: SafeString | str
        if status == ArticleRequest.Status.DONE:
            stored = "stored as a new article," if article_request.created else "this text was already stored, as"
            detail = format_html("{} {}.", stored, self.article_link(article_request))
        else:
            detail = STANDING[status]
        return format_html('<strong class="request-{}">{}</strong>: {}', status, status, detail)

    @admin.display(description="new article", boolean=True)
    def new_article(self, article_request: ArticleRequest) -> bool | None:
        return article_request.created

    @admin.display(description="published at")
    def published_at(self, article_request: ArticleRequest) -> str:
        return article_request.source_url or "Not given: the page's canonical link, else the address fetched."

    @admin.display(description="given metadata")
    def given_metadata(self, article_request: ArticleRequest) -> str:
        given = article_request.given or {}
        if not given:
            return "None: the page's own title, publisher, language and date are used."
        return "; ".join(f"{name.replace('_', ' ')}: {value}" for name, value in given.items())

    @admin.action(description="Retry selected failed requests (fetch them again)", permissions=["import"])
    def retry(self, request: HttpRequest, queryset: QuerySet) -> None:
        failed = list(queryset.select_related(None).filter(status=ArticleRequest.Status.FAILED).order_by("pk"))
        skipped = queryset.count() - len(failed)
        try:
            # All or none: a queue that refuses one job leaves every request as it was.
            with transaction.atomic():
                for article_request in failed:
                    services.article_request_retry(request=article_request)
        except services.JobQueueUnavailable:
            self.message_user(request, f"Nothing was queued: {QUEUE_REFUSED}", messages.ERROR)
            return
        except ValidationError as error:  # another editor retried one meanwhile
            self.message_user(request, f"Nothing was queued: {' '.join(error.messages)}", messages.ERROR)
            return
        self.message_user(
            request,
            f"Queued {len(failed)} request{'s' if len(failed) != 1 else ''} again; a worker fetches "
            "the pages in the background." + (f" {skipped} not failed, left as they are." if skipped else ""),
            messages.SUCCESS if failed else messages.WARNING,
        )

    def retry_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The failed request page's "Retry" button: its fetch queued again, back to the same page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_import_permission(request):
            raise PermissionDenied
        article_request = self.get_object(request, unquote(object_id))
        if article_request is None:
            raise Http404("No such article request.")
        try:
            services.article_request_retry(request=article_request)
        except ValidationError as error:
            self.message_user(request, f"Not retried: {' '.join(error.messages)}", messages.ERROR)
        except services.JobQueueUnavailable:
            self.message_user(request, f"Not retried: {QUEUE_REFUSED}", messages.ERROR)
        else:
            self.message_user(request, QUEUED, messages.SUCCESS)
        return HttpResponseRedirect(change_url(article_request))
