"""Versions in the admin: submitting a corrected text, an article's versions and their diff, carried facts.

`ArticleVersionsAdmin` is mixed into ArticleAdmin: the "Submit corrected text" action (and
object-tool link) opens a form for one article; the change page shows the versions, what
changed since the previous one, and how each fact of the previous version was carried.
`CarriedFactAdmin` lists every carried fact, filterable by status; editors confirm fuzzy ones.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from facts import services
from facts.admin.common import change_url, changelist_url, editor, link
from facts.models import FACT_KINDS, Article, CarriedFact
from facts.services.reanchoring import changed_ranges


class CorrectionForm(forms.Form):
    """A corrected text of an article, and the metadata that changes with it (left empty: kept)."""

    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 24, "cols": 100}), strip=False)
    title = forms.CharField(required=False, max_length=500, strip=False, help_text="Left empty: the current title.")


class ArticleVersionsAdmin:
    """The version pages and fields of ArticleAdmin (a ModelAdmin)."""

    version_fields = ("versions", "changes_since_previous", "carried_from_previous")

    @admin.action(description="Submit corrected text (one article)", permissions=["add"])
    def submit_corrected_text(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        model_admin: Any = self
        if queryset.count() != 1:
            model_admin.message_user(request, "Select exactly one article to correct.", messages.WARNING)
            return None
        return HttpResponseRedirect(reverse("admin:facts_article_correct", args=[queryset.get().pk]))

    def version_urls(self) -> list[Any]:
        model_admin: Any = self
        view = model_admin.admin_site.admin_view(self.correct_view)
        return [path("<path:object_id>/correct/", view, name="facts_article_correct")]

    def correct_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The corrected text of one article, stored as its next version with every fact carried over."""
        model_admin: Any = self
        article = model_admin.get_object(request, unquote(object_id))
        if article is None:
            return model_admin._get_obj_does_not_exist_redirect(request, model_admin.opts, object_id)
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        form = CorrectionForm(request.POST or None, initial={"body": article.body})
        if request.method == "POST" and form.is_valid():
            try:
                version = services.article_version_create(
                    article=article, body=form.cleaned_data["body"], title=form.cleaned_data["title"] or None
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                editor(request)
                model_admin.message_user(request, _carried_message(version), messages.SUCCESS)
                return HttpResponseRedirect(change_url(version))
        context = {
            **model_admin.admin_site.each_context(request),
            "title": f"Submit corrected text of “{article}”",
            "subtitle": None,
            "opts": model_admin.opts,
            "original": article,
            "form": form,
            "media": model_admin.media + form.media,
        }
        request.current_app = model_admin.admin_site.name
        return TemplateResponse(request, "admin/facts/article/correct.html", context)

    @admin.display(description="versions")
    def versions(self, article: Article) -> SafeString:
        # One query: the bodies stay in the database, an untitled version is labelled by its opening words.
        listed = article.versions().defer("body", "search_vector").annotate(opening=Substr("body", 1, 61))
        rows = format_html_join(
            "",
            "<li>{}{}</li>",
            (
                (
                    link(version, f"version {version.version}: {Article.label(version.title, version.opening)}"),
                    " (this one)" if version == article else "",
                )
                for version in listed
            ),
        )
        return format_html("<ol class='versions'>{}</ol>", rows)

    @admin.display(description="changes since the previous version")
    def changes_since_previous(self, article: Article) -> SafeString | str:
        previous = article.previous_version
        if previous is None:
            return "None: this is the first version."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td><del>{}</del></td><td><ins>{}</ins></td></tr>",
            (
                (f"{c['from_start']}–{c['from_end']}", c["removed"], c["added"])
                for c in changed_ranges(previous.body, article.body)
            ),
        )
        return format_html(
            "<table class='version-diff'><thead><tr><th>at (previous)</th><th>removed</th><th>added</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )

    @admin.display(description="facts carried from the previous version")
    def carried_from_previous(self, article: Article) -> SafeString | str:
        carried = list(article.carried_facts.select_related(*(f"{p}_{k}" for k in FACT_KINDS for p in ("from", "to"))))
        if not carried:
            return "None yet: they are carried by a background job soon after the version is stored."
        rows = format_html_join(
            "",
            "<tr class='anchoring-{}'><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    c.status,
                    c.kind,
                    link(c.original, c.original.exact),
                    link(c.copy, c.copy.exact) if c.copy else "—",
                    _status(c),
                    f"{c.similarity:.2f}",
                )
                for c in carried
            ),
        )
        return format_html(
            "<p>{}. <a href='{}'>Fuzzy matches awaiting confirmation</a></p><table class='carried-facts'><thead><tr>"
            "<th>kind</th><th>on the previous version</th><th>here</th><th>anchoring</th><th>similarity</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            _carried_summary(carried),
            changelist_url(CarriedFact, version__id__exact=article.pk, status__exact="fuzzy"),
            rows,
        )


def _status(carried: CarriedFact) -> str:
    return f"{carried.status} (needs confirmation)" if carried.needs_confirmation else carried.status


def _carried_message(version: Article) -> str:
    return (
        f"Stored the corrected text as version {version.version}; its facts are being carried over from version "
        f"{version.version - 1} (a background job): reload this page to see them."
    )


def _carried_summary(carried: list[CarriedFact]) -> str:
    counts = {status: 0 for status in CarriedFact.Status.values}
    for fact in carried:
        counts[fact.status] += 1
    return ", ".join(f"{n} {status}" for status, n in counts.items())


class NeedsConfirmationFilter(admin.SimpleListFilter):
    title = "confirmation"
    parameter_name = "needs_confirmation"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "fuzzy, awaiting confirmation")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.needing_confirmation() if self.value() == "yes" else queryset  # type: ignore[attr-defined]


@admin.register(CarriedFact)
class CarriedFactAdmin(admin.ModelAdmin):
    """Every fact carried to a corrected text, read-only; fuzzy ones are confirmed with the action."""

    list_display = ["__str__", "version", "status", "similarity", "needs_confirmation", "confirmed_by", "created_at"]
    list_select_related = ["version", "confirmed_by"]
    list_filter = ["status", NeedsConfirmationFilter, "created_at"]
    search_fields = ["version__title"]
    fields = ("version", "status", "similarity", "original_link", "copy_link", "confirmed_at", "confirmed_by")
    readonly_fields = fields
    actions = ["confirm"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(boolean=True, description="needs confirmation")
    def needs_confirmation(self, carried: CarriedFact) -> bool:
        return carried.needs_confirmation

    @admin.display(description="on the previous version")
    def original_link(self, carried: CarriedFact) -> SafeString | str:
        return link(carried.original, carried.original.exact)

    @admin.display(description="on this version")
    def copy_link(self, carried: CarriedFact) -> SafeString | str:
        return link(carried.copy, carried.copy.exact) if carried.copy else "— (orphaned)"

    @admin.action(description="Confirm selected fuzzy matches", permissions=["change"])
    def confirm(self, request: HttpRequest, queryset: QuerySet) -> None:
        pending = list(queryset.needing_confirmation())  # type: ignore[attr-defined]
        for carried in pending:
            services.carried_fact_confirm(carried=carried, user=editor(request))
        skipped = queryset.count() - len(pending)
        self.message_user(
            request,
            f"Confirmed {len(pending)} fuzzy match(es)" + (f"; {skipped} needed no confirmation." if skipped else "."),
            messages.SUCCESS,
        )
