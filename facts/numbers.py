"""Decimals in and out: how Factbase reads a number it is given and writes one it stores.

One reading and one writing for every path (the API, the bulk import, accepting proposals, the
seed loader, the proposals the extractor stores), so the same number never has two spellings.
"""

from decimal import Context, Decimal, InvalidOperation

_MICRO = Decimal("0.000001")
_THIRTY_DIGITS = Context(prec=30)


def decimal_text(value: Decimal | None) -> str | None:
    """As DecimalField(max_digits=30, decimal_places=6, normalize_output=True) writes it.

    A number past the field's 30 digits is written as it is (normalized): none comes from a
    stored field, but a computed one can (the comparison's ratio of central estimates), and
    DRF's field would fail on it.
    """
    if value is None:
        return None
    try:
        quantized = value.quantize(_MICRO, context=_THIRTY_DIGITS)
    except InvalidOperation:  # past the field's 30 digits
        quantized = value
    return f"{quantized.normalize():f}"


def parse_decimal(value: int | float | str | Decimal | None) -> Decimal | None:
    """A number as written: an int, a Decimal, a float by its repr (2.3 stays 2.3), or text.

    None and "" are no number. Raises InvalidOperation for text that is not a number; a
    non-finite value (NaN, Infinity) is returned for the caller to refuse in its own words.
    """
    if value is None or value == "":
        return None
    return Decimal(repr(value) if isinstance(value, float) else value)
