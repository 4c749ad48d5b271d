"""A measure's page: its figures side by side, as the API's comparison computes them (facts/api/comparison.py).

The table is the API's comparison rendered for editors, not a second implementation: the same
figures in the same order, the same spread and the same verdict on whether the sources
disagree, with links to the JSON and CSV versions.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from facts.api.comparison import compare_measure
from facts.models import Measure


def _source(article: dict[str, Any]) -> str:
    """An article as a reader would name it: its title, or its publisher, or its number."""
    return article["title"] or article["publisher"] or f"article {article['id']}"


def _speaker(speaker: dict[str, Any] | None) -> str:
    if speaker is None:
        return "the article's own voice"
    return f"“{speaker['name']}”" if speaker["type"] == "group" else speaker["name"]


def _row(figure: dict[str, Any]) -> dict[str, Any]:
    return {
        "figure_url": reverse("admin:facts_figure_change", args=[figure["id"]]),
        "article_url": reverse("admin:facts_article_change", args=[figure["article"]["id"]])
        + f"#passage-figure-{figure['id']}",
        "source": _source(figure["article"]),
        "date": figure["article"]["published_on"] or "date unknown",
        "speaker": _speaker(figure["speaker"]),
        "qualifier": figure["qualifier"].replace("_", " "),
        "value": figure["value"],
        "low": figure["low"],
        "high": figure["high"],
        "unit": figure["unit"],
        "central_estimate": figure["central_estimate"],
        "passage": figure["passage"],
    }


def measure_comparison(request: HttpRequest, measure: Measure) -> dict[str, Any]:
    """The template context of a measure's comparison (`?tolerance=` as in the API)."""
    api_request = Request(request)
    # The editor, for the read policy. Left to itself the API request would authenticate with no
    # authenticators, find nobody, and write that anonymous user back onto the admin's request.
    api_request.user = request.user
    json_url = reverse("measure-comparison", args=[measure.pk])
    links = {"json_url": json_url, "csv_url": f"{json_url}?format=csv"}
    try:
        data = compare_measure(measure, api_request, {"request": api_request})
    except ValidationError as error:
        return {**links, "error": " ".join(str(message) for message in error.detail["tolerance"])}  # type: ignore[call-overload]
    return {**links, **data, "rows": [_row(figure) for figure in data["figures"]]}
