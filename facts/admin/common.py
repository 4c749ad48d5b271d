"""Small helpers the admin modules share."""

from typing import Any

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

ADMIN_CSS = {"all": ["facts/admin.css"]}


def change_url(obj: models.Model) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model: type[models.Model], **filters: Any) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return url + ("?" + "&".join(f"{key}={value}" for key, value in filters.items()) if filters else "")


def link(obj: models.Model | None, text: Any = None) -> SafeString | str:
    """A link to the record's change page, or "—" when there is none."""
    if obj is None:
        return "—"
    return format_html('<a href="{}">{}</a>', change_url(obj), obj if text is None else text)


def count_of(model: type[models.Model], field: str) -> Coalesce:
    """How many `model` rows point at the outer row through `field`, as one subquery.

    A subquery per count (rather than Count over joins) keeps several counts from
    multiplying each other, and keeps the list page at one query.
    """
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
