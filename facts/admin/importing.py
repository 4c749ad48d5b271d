"""Adding an article from a URL or pasted HTML: a small page of the articles' admin.

The form takes either a URL (fetched now, within the fetcher's limits) or HTML; the article's
text is the page's main text, as `POST /api/v1/articles/` stores it (facts.services.sources).
A refusal (an address not public, no article text, …) is shown on the form and nothing is stored.
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
        help_text="The article's page, fetched now.",
    )
    html = forms.CharField(
        label="HTML",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Or the page's HTML.",
    )
    source_url = forms.URLField(
        label="Published at", required=False, max_length=2000, assume_scheme="https", help_text="Optional, with HTML."
    )
    title = forms.CharField(required=False, max_length=500, help_text="Optional: instead of the page's title.")
    publisher = forms.CharField(required=False, max_length=200, help_text="Optional: instead of the page's site name.")

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
            try:
                article, created = _import(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                verb = "Added" if created else "This text is already stored as"
                level = messages.SUCCESS if created else messages.WARNING
                self.message_user(request, f"{verb} article {article.pk}: {article}.", level)
                return HttpResponseRedirect(change_url(article))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Add article from URL or HTML",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/facts/article/import.html", context)


def _import(data: dict[str, Any]) -> tuple[Any, bool]:
    given = services.GivenMetadata(title=data["title"] or None, publisher=data["publisher"] or None)
    if data["url"]:
        return services.article_import_url_synchronously(
            url=data["url"], source_url=data["source_url"] or None, given=given
        )
    return services.article_import_html(html=data["html"], source_url=data["source_url"] or None, given=given)
