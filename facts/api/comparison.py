"""A measure's figures side by side: who reported which value, where, and whether they agree."""

from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Min
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from facts.api import offsets, serializers
from facts.models import Figure, Measure
from facts.numbers import decimal_text

MAX_FIGURES = 1000
DEFAULT_TOLERANCE = Decimal(2)


def compare_measure(measure: Measure, request: Request, context: dict[str, Any]) -> dict[str, Any]:
    """The comparison's JSON: the measure, its figures (up to MAX_FIGURES), their spread, and the verdict."""
    tolerance = _tolerance(request)
    figures = (
        Figure.objects.for_api()
        .visible_to(request.user)
        .filter(measure=measure)
        .with_central_estimate()
        .order_by(F("article__published_on").asc(nulls_last=True), "article__created_at", "article_id", "start")
    )
    totals = figures.order_by().aggregate(
        count=Count("id"),
        lowest=Min("lower_bound"),
        highest=Max("upper_bound"),
        lowest_central=Min("central_estimate"),
        highest_central=Max("central_estimate"),
    )
    listed = list(figures[:MAX_FIGURES])
    offsets.preload(context, listed)
    ratio = None
    if totals["lowest_central"] and totals["highest_central"]:
        ratio = totals["highest_central"] / totals["lowest_central"]
    figure_data = serializers.FigureSerializer(listed, many=True, context=context).data
    for data, figure in zip(figure_data, listed, strict=True):
        data["central_estimate"] = decimal_text(round(figure.central_estimate, 2))
    return {
        "measure": serializers.MeasureSerializer(measure, context=context).data,
        "figure_count": totals["count"],
        "truncated": totals["count"] > len(listed),
        "spread": {
            "lowest": decimal_text(totals["lowest"]),
            "highest": decimal_text(totals["highest"]),
            "lowest_central_estimate": decimal_text(_round(totals["lowest_central"])),
            "highest_central_estimate": decimal_text(_round(totals["highest_central"])),
        },
        "tolerance": decimal_text(tolerance),
        "disagreement_ratio": None if ratio is None else decimal_text(round(ratio, 2)),
        "sources_disagree": ratio is not None and ratio > tolerance,
        "figures": figure_data,
    }


def _tolerance(request: Request) -> Decimal:
    raw = request.query_params.get("tolerance")
    if raw is None:
        return DEFAULT_TOLERANCE
    try:
        value = Decimal(raw)
    except ArithmeticError:
        value = Decimal(0)
    if not value.is_finite() or not 1 <= value <= 1000:
        raise ValidationError({"tolerance": ["A number from 1 to 1000: how many times apart estimates may be."]})
    return value


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else round(value, 2)
