"""People, organizations and measures; merging duplicate people and organizations."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.postgres.fields import ArrayField
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from facts import services
from facts.admin.common import ADMIN_CSS, ServiceWrites, StaleEditGuard, changelist_url, count_of
from facts.admin.comparison import measure_comparison
from facts.admin.fields import AliasesField
from facts.admin.forms import MergeForm
from facts.admin.history import HistoryAdminMixin
from facts.admin.logging import log_action
from facts.models import Claim, Figure, Measure, Mention, Organization, Person, Role

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class MeasureCounts(TypedDict):
    """What MeasureAdmin.get_queryset annotates each measure with."""

    figure_count: int


class ActorAdmin(ServiceWrites, StaleEditGuard, HistoryAdminMixin, admin.ModelAdmin):
    """What people and organizations share: names, aliases, their facts, merging."""

    list_display = ["name", "alias_list", "wikidata_id", "claim_count", "mention_count", "role_count", "updated_at"]
    search_fields = ["name", "aliases", "=wikidata_id"]
    fields = ["name", "aliases", "wikidata_id", "recorded_facts", "created_at", "updated_at"]
    readonly_fields = ["recorded_facts", "created_at", "updated_at"]
    actions = ["merge_selected"]
    # Aliases one per line in a textarea (facts.admin.fields.AliasesField).
    formfield_overrides = {**ServiceWrites.formfield_overrides, ArrayField: {"form_class": AliasesField}}
    # (model, field) pairs whose rows point at the actor, shown with counts.
    fact_links: list[tuple[type[models.Model], str]] = []
    # The claims, mentions and roles counted on the list page.
    list_counts: list[tuple[type[models.Model], str]] = []
    merge_service: Callable[..., models.Model]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        counts = {f"{model._meta.model_name}_count": count_of(model, field) for model, field in self.list_counts}
        return super().get_queryset(request).annotate(**counts)

    @admin.display(description="aliases")
    def alias_list(self, actor: Any) -> str:
        return ", ".join(actor.aliases) or "—"

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, actor: Any) -> int:
        return actor.claim_count

    @admin.display(description="mentions", ordering="mention_count")
    def mention_count(self, actor: Any) -> int:
        return actor.mention_count

    @admin.display(description="roles", ordering="role_count")
    def role_count(self, actor: Any) -> int:
        return actor.role_count

    @admin.display(description="recorded facts")
    def recorded_facts(self, actor: Any) -> SafeString | str:
        if actor.pk is None:
            return "—"
        rows = []
        for model, field in self.fact_links:
            count = model._default_manager.filter(**{field: actor}).count()
            label = f"{model._meta.verbose_name_plural} ({field.replace('_', ' ')})"
            rows.append((changelist_url(model, **{f"{field}__id__exact": actor.pk}), label, count))
        return format_html_join(mark_safe("<br>"), '<a href="{}">{}</a>: {}', rows)

    @admin.action(description="Merge selected %(verbose_name_plural)s…", permissions=["change", "delete"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> TemplateResponse | None:
        """Ask which of the selected records to keep, then merge the others into it."""
        candidates = list(queryset.order_by("name", "pk"))
        opts = self.model._meta
        if len(candidates) < 2:
            self.message_user(request, f"Select two or more {opts.verbose_name_plural} to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "confirm" in request.POST else None, candidates=candidates)
        if form.is_valid():
            keep = next(candidate for candidate in candidates if candidate.pk == form.cleaned_data["keep"])
            duplicates = [candidate for candidate in candidates if candidate.pk != keep.pk]
            with transaction.atomic():
                for duplicate in duplicates:
                    keep = type(self).merge_service(keep=keep, duplicate=duplicate)
            names = ", ".join(f"“{duplicate.name}”" for duplicate in duplicates)
            log_action(request, keep, f"Merged {names} into it: their facts moved to it, their names became aliases.")
            self.message_user(
                request,
                format_html(
                    "Merged {} into “{}”: their facts moved to it and their names are now its aliases.", names, keep
                ),
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {opts.verbose_name_plural}",
            "subtitle": None,
            "opts": opts,
            "form": form,
            "candidates": candidates,
            "action": "merge_selected",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/facts/merge.html", context)


@admin.register(Person)
class PersonAdmin(ActorAdmin):
    fact_links = services.PERSON_LINKS
    list_counts = [(Claim, "speaker_person"), (Mention, "person"), (Role, "person")]
    merge_service = services.person_merge


@admin.register(Organization)
class OrganizationAdmin(ActorAdmin):
    fact_links = services.ORGANIZATION_LINKS
    list_counts = [(Claim, "speaker_organization"), (Mention, "organization"), (Role, "organization")]
    merge_service = services.organization_merge


@admin.register(Measure)
class MeasureAdmin(ServiceWrites, StaleEditGuard, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "unit", "figure_count", "updated_at"]
    search_fields = ["name", "description", "unit"]
    list_filter = ["unit"]
    fields = ["name", "description", "unit", "created_at", "updated_at"]
    readonly_fields = ["created_at", "updated_at"]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(figure_count=count_of(Figure, "measure"))

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and obj.pk is not None:
            context["comparison"] = measure_comparison(request, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    @admin.display(description="figures", ordering="figure_count")
    def figure_count(self, measure: "WithAnnotations[Measure, MeasureCounts]") -> int:
        return measure.figure_count
