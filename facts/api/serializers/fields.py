"""The serializers' building blocks: exact text fields, strict input, and the fast read path.

Text is kept exactly as sent: DRF's CharField trims whitespace by default, which would shift
offsets and break quotes, so every CharField here has trim_whitespace=False. Unknown and
read-only fields are refused rather than ignored, so a typo never passes silently.
"""

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from facts.api import representations
from facts.editors import sees_internals

# The largest offset or id a client may send: Postgres's integer.
MAX_OFFSET = 2**31 - 1


SURROGATE = re.compile("[\ud800-\udfff]")


class FastSurrogateValidator(ProhibitSurrogateCharactersValidator):
    """DRF's check for lone surrogates, with its message, by a regular expression: DRF's loops over
    every character in Python, a second per 5 MB article body."""

    def __call__(self, value: Any) -> None:
        found = SURROGATE.search(str(value))
        if found is not None:
            raise ValidationError(self.message.format(code_point=ord(found.group())), code=self.code)


class ExactTextField(serializers.CharField):
    """Text taken exactly as sent: never trimmed, and only ever from a JSON string.

    DRF's CharField would trim whitespace and turn a number into text; either would
    silently change what a client meant to quote.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)
        self.validators = [
            FastSurrogateValidator() if isinstance(v, ProhibitSurrogateCharactersValidator) else v
            for v in self.validators
        ]

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def text_field(**kwargs: Any) -> ExactTextField:
    """A field of text kept exactly as sent (an ExactTextField)."""
    return ExactTextField(**kwargs)


def refuse_unexpected_fields(serializer: serializers.Serializer, data: Mapping) -> None:
    """Refuse, naming the fields that may be sent, any field the serializer does not accept.

    A read-only field's message is the serializer's `read_only_reasons` entry for it, where
    it has one (why it cannot be sent, and what to do instead).
    """
    writable = sorted(name for name, field in serializer.fields.items() if not field.read_only)
    accepted = ", ".join(writable) or "none"
    errors = {}
    for name in data:
        field = serializer.fields.get(name)
        if field is None:
            errors[name] = [f"Unknown field. The fields you can send here are: {accepted}."]
        elif field.read_only:
            errors[name] = [
                getattr(serializer, "read_only_reasons", {}).get(
                    name, f"Read-only field. The fields you can send here are: {accepted}."
                )
            ]
    if errors:
        raise serializers.ValidationError(errors)


if TYPE_CHECKING:
    # Type-checked as what they are mixed into, so their super() calls, Meta and fields check.
    _Serializer = serializers.Serializer
    _ModelSerializer = serializers.ModelSerializer
else:
    _Serializer = _ModelSerializer = object


class StrictInputMixin(_Serializer):
    """Input serializers refuse unknown and read-only fields (refuse_unexpected_fields)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            refuse_unexpected_fields(self, data)
        return super().to_internal_value(data)


class StrictModelSerializer(StrictInputMixin, serializers.ModelSerializer):
    """Keeps text exactly as sent and refuses fields it does not accept."""

    # Fields sent on create that never change once saved (a passage, an article's body): on
    # update they are read-only, so sending them is refused with their read_only_reasons.
    fixed_once_saved: tuple[str, ...] = ()

    def build_standard_field(self, field_name: str, model_field: models.Field) -> tuple[type, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializers.CharField:
            field_class = ExactTextField
        elif issubclass(field_class, serializers.CharField):
            kwargs["trim_whitespace"] = False
        if issubclass(field_class, serializers.CharField) and model_field.null:
            # Unknown is null; an empty string would be a second spelling of it.
            kwargs["allow_blank"] = False
        return field_class, kwargs

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None:
            for name in self.fixed_once_saved:
                fields[name].read_only = True
        return fields


class FastReadMixin(_ModelSerializer):
    """A read serializer whose output facts/api/representations.py builds directly.

    `represent` returns the fields of the serializer's Meta (the same JSON DRF's fields would
    make, checked by tests/api/test_representations.py); fields a subclass adds on top (a
    detail serializer's nested lists) are filled in the generic way after them.
    """

    represented_fields: tuple[str, ...] = ()
    """The fields `represent` writes (its class's Meta.fields); a subclass's other fields are generic."""
    generic_fields: tuple[str, ...]
    """The rest of Meta.fields, filled in by their fields' own to_representation (set per class)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "represent" in cls.__dict__:
            cls.represented_fields = tuple(cls.Meta.fields)
        cls.generic_fields = tuple(name for name in cls.Meta.fields if name not in cls.represented_fields)

    def represent(self, instance: Any, links: representations.Links) -> dict[str, Any]:
        raise NotImplementedError

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = self.represent(instance, representations.links_for(self.context))
        if not self.generic_fields:
            # The declared fields are never built: DRF would copy and introspect them per request.
            return data
        fields = self.fields
        for name in self.generic_fields:
            field = fields[name]  # bound under its name: field.field_name == name
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            data[name] = None if check_for_none is None else field.to_representation(attribute)
        return data


# A read serializer some of whose fields (`editors_only`) are null unless the request may see them.
# Who reviewed and the internal notes are separate fields so a read policy can hide each; today
# they are shown to editors only (facts.editors.sees_internals). (A comment, not a docstring:
# drf-spectacular would publish a docstring as the description of every serializer using it.)
class EditorsOnlyFieldsMixin:
    editors_only: tuple[str, ...] = ()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)  # type: ignore[misc]
        if not sees_internals(self.context.get("request")):  # type: ignore[attr-defined]
            data.update(dict.fromkeys(self.editors_only))
        return data
