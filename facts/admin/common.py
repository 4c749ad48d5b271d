"""Small helpers the admin modules share."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from facts import services
from facts.admin.fields import PlainDecimalField
from facts.admin.forms import RecordAddForm, ServiceAddForm
from facts.etags import etag_matches
from facts.models import BIGINT_RANGE, record_etag, validate_storable_text

ADMIN_CSS = {"all": ["facts/admin.css"]}

if TYPE_CHECKING:
    # The admin mixins go before admin.ModelAdmin in a ModelAdmin's bases, and their super()
    # calls reach it: to the type checker they are ModelAdmins. At runtime they stay plain classes.
    ModelAdminMixin = admin.ModelAdmin[Any]
else:
    ModelAdminMixin = object


def editor(request: HttpRequest) -> User:
    """Who an admin request comes from: a signed-in editor, as the site lets no one else in."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


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
        model._default_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def initial_value_fits(model: type[models.Model], name: str, value: Any) -> bool:
    """Whether a query-string value can be the initial value of the model's field `name` (unknown names are kept)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    if isinstance(value, list) or not isinstance(field, models.Field):
        return False  # many-to-many and reverse relations are not given initial values here
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    try:
        typed = target.to_python(value)
        validate_storable_text(str(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return not isinstance(target, models.IntegerField) or typed in BIGINT_RANGE


STALE_ETAG_FIELD = "_record_etag"
REAPPLY_FIELD = "_reapply_on_etag"
"""A submit button's name: its value is the current version's ETag, for saving the editor's values over it."""
STALE_EDIT = (
    "Someone else changed this record after you opened it, so your changes were not saved. "
    "What they changed is listed below and your values are still in the form: save them over the "
    "current version, or discard them."
)
STALE_DELETE = (
    "Someone else changed this record after you opened the delete page, so it was not deleted. "
    "The page below shows the current version and what deleting it would remove; confirm again "
    "if you still want it gone."
)


class StaleEditGuard(ModelAdminMixin):
    """The admin's If-Match: a change or delete confirmed on an out-of-date copy is refused.

    The change page and the delete confirmation page carry the record's ETag (the same one
    the API sends) in a hidden field; on save or delete the row is locked and its ETag
    compared, so of two editors who opened the same version, the second is told instead of
    overwriting, or deleting, what the first saved. The bulk "delete selected" action is
    removed: its one confirmation cannot check each record's version.
    """

    def get_actions(self, request: Any) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def render_delete_form(self, request: Any, context: dict) -> Any:
        if context.get("object") is not None:
            context["record_etag"] = record_etag(context["object"])
        return super().render_delete_form(request, context)

    def delete_view(self, request: Any, object_id: str, extra_context: dict | None = None) -> Any:
        if request.method != "POST" or not request.POST.get("post"):
            return super().delete_view(request, object_id, extra_context)
        with transaction.atomic():
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:  # a missing record is the admin's own "doesn't exist" answer
                current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
                if not etag_matches(request.POST.get(STALE_ETAG_FIELD), record_etag(current)):
                    self.message_user(request, STALE_DELETE, messages.ERROR)
                    return HttpResponseRedirect(request.get_full_path())
            # The lock holds until the delete below is committed.
            return super().delete_view(request, object_id, extra_context)

    def render_change_form(
        self,
        request: Any,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and obj.pk is not None:
            # Imported here: facts.admin.conflicts uses the history module, which imports this one.
            from facts.admin.conflicts import conflict_context

            context["record_etag"] = request.POST.get(STALE_ETAG_FIELD) or record_etag(obj)
            conflict_context(request, context, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        # Any: mypy cannot check a class whose base is only known at runtime (GuardedForm's).
        form: Any = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or request.method != "POST":
            return form
        # The conflict panel's "save my values over the current version" sends the ETag it was shown.
        sent = request.POST.get(REAPPLY_FIELD) or request.POST.get(STALE_ETAG_FIELD)
        model = type(obj)

        class GuardedForm(form):
            def clean(self) -> Any:
                cleaned = super().clean()
                # The admin saves in a transaction: the lock holds until the save is done.
                current = model._default_manager.select_for_update().get(pk=obj.pk)
                if not etag_matches(sent, record_etag(current)):
                    raise ValidationError(STALE_EDIT, code="stale")
                return cleaned

        return GuardedForm


def editable_changes(obj: models.Model, form: Any) -> dict[str, Any]:
    """The values a change form edits, as it set them on `obj` (a ModelForm applies them while validating)."""
    names = {f.name for f in obj._meta.concrete_fields}
    return {name: getattr(obj, name) for name in form.cleaned_data if name in names}


class ServiceWrites(ModelAdminMixin):
    """Adds and changes go through the services (facts.services), never a bare save().

    The add page's form (`add_form`) creates its record with a service while it is validated,
    so the service's errors land on the form's fields; a change is `services.record_update` with
    the fields the form edits.
    """

    add_form: type[ServiceAddForm] = RecordAddForm
    # Numbers without trailing zeros, and "100,000" read as a hundred thousand (facts.admin.fields).
    formfield_overrides = {models.DecimalField: {"form_class": PlainDecimalField}}

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, change=change, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """The add form's values from the query string (`?article=4`), leaving out any its field cannot hold.

        Django passes them to the form as they are, and a value such as `?article=abc` then
        failed while the form was drawn (a 500); a value left out leaves its field empty.
        """
        initial = super().get_changeform_initial_data(request)
        return {name: value for name, value in initial.items() if initial_value_fits(self.model, name, value)}

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if change:
            services.record_update(instance=obj, changes=editable_changes(obj, form))
        # An added record was created by its add form.
