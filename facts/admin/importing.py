"""Adding an article from a URL or pasted HTML: a small page of the articles' admin.

The form takes either a URL or HTML; the article's text is the page's main text, as
`POST /api/v1/articles/` stores it (facts.services.sources).

- A URL is not fetched while the editor waits (a slow site would hold a web worker, and could
  outlast its timeout): as the API does, the form records an ArticleRequest and queues its
  `fetch_article` job in the same transaction (`services.article_request_create`), then sends
  the editor to the request's page (facts/admin/requests.py), which says `queued`, `running`,
  then `done` with the article or `failed` with why.
- Pasted HTML needs no network: it is read and stored at once, and the editor lands on the article.

A refusal known at once (neither or both given, a URL the service refuses as written, no article
text in the HTML, a job queue that cannot take the fetch) is shown on the form and nothing is stored.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path

from facts import services
from facts.admin.common import change_url
from facts.admin.requests import QUEUE_REFUSED, QUEUED

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

    _Base = ModelAdmin
else:
    _Base = object


class ArticleImportForm(forms.Form):
    """A URL to fetch or HTML to read, and the metadata an editor wants instead of the page's."""

    url = forms.URLField(
        label="URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="The article's page, fetched by a background worker.",
    )
    html = forms.CharField(
        label="HTML",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "vLargeTextField"}),
        help_text="Or the page's HTML.",
    )
    source_url = forms.URLField(
        label="Published at",
        required=False,
        max_length=2000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="Optional: where the article was published, if not the page's own address.",
    )
    title = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Optional: instead of the page's title.",
    )
    publisher = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="Optional: instead of the page's site name.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("url")) == bool(data.get("html", "").strip()):
            raise ValidationError("Give either a URL or the page's HTML (one of them).", code="one_source")
        return data


class ArticleImportMixin(_Base):
    """The articles' admin page "Add article from URL or HTML" (at import/)."""

    def get_urls(self) -> list[Any]:
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="facts_article_import"),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            given = services.GivenMetadata(title=data["title"] or None, publisher=data["publisher"] or None)
            source_url = data["source_url"] or None
            try:
                if data["url"]:
                    return self._queue_fetch(request, url=data["url"], source_url=source_url, given=given)
                return self._store_html(request, html=data["html"], source_url=source_url, given=given)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            except services.JobQueueUnavailable:
                form.add_error(None, f"Nothing was stored: {QUEUE_REFUSED}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Add article from URL or HTML",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/facts/article/import.html", context)

    def _queue_fetch(
        self, request: HttpRequest, *, url: str, source_url: str | None, given: services.GivenMetadata
    ) -> HttpResponse:
        """Record the request with its job queued, and send the editor to follow it."""
        article_request = services.article_request_create(url=url, source_url=source_url, given=given)
        self.message_user(request, QUEUED, messages.SUCCESS)
        return HttpResponseRedirect(change_url(article_request))

    def _store_html(
        self, request: HttpRequest, *, html: str, source_url: str | None, given: services.GivenMetadata
    ) -> HttpResponse:
        """Read the pasted page now (no network) and send the editor to its article."""
        article, created = services.article_import_html(html=html, source_url=source_url, given=given)
        verb = "Added" if created else "This text is already stored as"
        level = messages.SUCCESS if created else messages.WARNING
        self.message_user(request, f"{verb} article {article.pk}: {article}.", level)
        return HttpResponseRedirect(change_url(article))
