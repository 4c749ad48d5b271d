"""The workspace's number and alias fields: what they take, what they refuse, how they show values."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from facts.admin.fields import AliasesField, PlainDecimalField


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("100,000", Decimal("100000")),
        ("1,250.5", Decimal("1250.5")),
        ("-2,000", Decimal("-2000")),
        ("2.5", Decimal("2.5")),
    ],
)
def test_a_number_is_read_with_its_thousands_commas(typed, read):
    assert PlainDecimalField(max_digits=30, decimal_places=6).clean(typed) == read


@pytest.mark.parametrize("typed", ["1,5", "10,00", "1,0000", "100,000,00"])
def test_a_comma_that_could_be_a_decimal_comma_is_refused_with_how_to_write_it(typed):
    with pytest.raises(ValidationError, match=r"use a point for decimals \(2.5\)"):
        PlainDecimalField(max_digits=30, decimal_places=6).clean(typed)


def test_a_stored_number_is_shown_without_trailing_zeros():
    field = PlainDecimalField(max_digits=30, decimal_places=6)

    assert field.prepare_value(Decimal("100000.000000")) == "100000"
    assert field.prepare_value(Decimal("2.500000")) == "2.5"


def test_aliases_are_one_per_line_trimmed_without_blank_lines_or_repeats():
    field = AliasesField()

    assert field.clean("Mr. Flake\r\n\r\n  Gordon A. Flake \nFlake, Gordon\nMr. Flake\n") == [
        "Mr. Flake",
        "Gordon A. Flake",
        "Flake, Gordon",
    ]
    assert field.prepare_value(["Mr. Flake", "Flake, Gordon"]) == "Mr. Flake\nFlake, Gordon"
    assert not field.has_changed(["Mr. Flake"], "Mr. Flake\n")
