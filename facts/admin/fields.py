"""Form fields of the workspace that say what they take: numbers as the article wrote them, aliases one per line."""

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from facts.numbers import decimal_text

THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
NUMBER_HELP = "Digits with a point for decimals (2.5); commas may group thousands (100,000)."


class PlainDecimalField(forms.DecimalField):
    """A decimal shown without trailing zeros (100000, not 100000.000000), that takes “100,000”.

    A comma is taken only as a thousands separator, in groups of three digits (“100,000”,
    “1,250.5”); any other comma (“1,5”, “10,00”) is refused, since it could be a decimal
    comma, with a message saying how to write the number.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The model field passes its own help text, often empty; the field says what it takes either way.
        kwargs["help_text"] = " ".join(filter(None, [kwargs.get("help_text"), NUMBER_HELP]))
        super().__init__(*args, **kwargs)
        # A text input: a number input would refuse "100,000" in the browser, silently.
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 20})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return decimal_text(value)
        return value

    def to_python(self, value: Any) -> Any:  # a Decimal or None, as DecimalField returns
        if isinstance(value, str) and "," in value:
            text = value.strip()
            if not THOUSANDS.match(text):
                raise ValidationError(
                    "“%(value)s” is not a number this field can read: use a point for decimals (2.5), and commas "
                    "only between groups of three digits (100,000).",
                    code="ambiguous_comma",
                    params={"value": value},
                )
            value = text.replace(",", "")
        return super().to_python(value)


class AliasesField(forms.Field):
    """Aliases one per line: each line is one alias (trimmed), blank lines are dropped, and a
    line break is never part of an alias; commas stay inside an alias (“Smith, Jr.”)."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 40})
    default_help = (
        "One alias per line: another form of the name used in articles, such as “Mr. Flake”. Blank lines are ignored."
    )

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        kwargs.pop("base_field", None)
        kwargs["help_text"] = self.default_help
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        lines = (line.strip() for line in (value or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(self.prepare_value(initial)) != self.to_python(data)
