"""The public pages (see the package doc): each reads a fixed number of queries, whatever the data.

Every page fetches through `policy.visible`, so a record the reader may not see, or one on a
withdrawn article, is not found: the page answers 404 with the same page as any unknown id,
never saying whether it exists.
"""

import json
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from facts.api.comparison import compare_measure
from facts.api.jsonld import claim_review, claim_reviewed, publisher
from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Person, Review, Role
from facts.models.passages import ARTICLE_SUMMARY
from facts.public import policy
from facts.public.text import article_highlights, highlighted_body, passage_in_context

MAX_LISTED = 500
"""The most claims or figures a person's or organization's page lists; the API has them all."""

# Characters that would end the script element or start markup inside it, written as JSON
# escapes instead, so the JSON-LD can never break out of its element (as Django's json_script).
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(document: dict[str, Any]) -> SafeString:
    """A JSON-LD data block. Not executed, so the Content-Security-Policy's script-src does not apply."""
    text = json.dumps(document, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context = {
        "canonical": request.build_absolute_uri(request.path),
        "publisher": publisher(),
        **context,
    }
    return render(request, f"facts/public/{template}", context, status=status)


def not_found(request: HttpRequest) -> HttpResponse:
    return _page(request, "not_found.html", {"title": "Not found"}, status=404)


def _get(request: HttpRequest, queryset: QuerySet[Any], pk: int) -> Model | None:
    return policy.visible(queryset, request.user).filter(pk=pk).first()


def _reviewed(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    return queryset.exclude(review_status=Claim.ReviewStatus.UNREVIEWED)


def claim_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A claim: its passage in context, who made it, the latest verdict and its ClaimReview.

    Queries: the claim with its article and speaker; its reviews, newest first.
    """
    if not policy.can_read_at_all(request.user):
        return not_found(request)
    queryset = (
        Claim.objects.filter(article__withdrawn_at=None)
        .select_related("article", "speaker_person", "speaker_organization")
        .defer("search_vector", "article__search_vector")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=policy.visible(Review.objects.order_by("-reviewed_at", "-id"), request.user).only(
                    "id", "claim_id", "status", "note", "reviewed_at"
                ),
                to_attr="reviews_newest_first",
            )
        )
    )
    claim = _get(request, queryset, pk)
    if not isinstance(claim, Claim):
        return not_found(request)
    reviewed = claim.review_status != Claim.ReviewStatus.UNREVIEWED
    context = {
        "title": claim_reviewed(claim),
        "claim": claim,
        "review": claim.reviews_newest_first[0] if claim.reviews_newest_first else None,  # type: ignore[attr-defined]
        "in_context": passage_in_context(claim, whole_body=policy.can_read_bodies(request.user)),
        "summary_written": bool(claim.summary),
        "json_ld": json_ld(claim_review(claim, request)) if reviewed else "",  # type: ignore[arg-type]
        "api_url": reverse("claim-detail", kwargs={"pk": claim.pk}),
    }
    return _page(request, "claim.html", context)


def _actor_page(request: HttpRequest, model: type[Person | Organization], pk: int) -> HttpResponse:
    """A person or organization: their roles, claims and figures (newest articles first).

    Queries: the actor; their claims (with articles); their figures (with articles and measures);
    their roles (with articles and affiliations). Each list is capped at MAX_LISTED.
    """
    if not policy.can_read_at_all(request.user):
        return not_found(request)
    actor = _get(request, model.objects.all(), pk)
    if not isinstance(actor, Person | Organization):
        return not_found(request)
    order = ("-article__published_on", "-article_id", "start")
    claims = policy.visible(Claim.objects.for_api().by_speaker(actor), request.user).order_by(*order)
    figures = policy.visible(Figure.objects.for_api().by_speaker(actor), request.user).order_by(*order)
    holder = "person" if isinstance(actor, Person) else "organization"
    roles = (
        policy.visible(Role.objects.for_api().filter(**{holder: actor}), request.user)
        .select_related("article")
        .defer(*ARTICLE_SUMMARY)
        .order_by(*order)
    )
    listed = {name: list(rows[: MAX_LISTED + 1]) for name, rows in (("claims", claims), ("figures", figures))}
    context = {
        "title": actor.name,
        "actor": actor,
        "kind": holder,
        "claims": listed["claims"][:MAX_LISTED],
        "figures": listed["figures"][:MAX_LISTED],
        "truncated": any(len(rows) > MAX_LISTED for rows in listed.values()),
        "roles": list(roles[:MAX_LISTED]),
        "max_listed": MAX_LISTED,
        "api_url": reverse(f"{holder}-detail", kwargs={"pk": actor.pk}),
    }
    return _page(request, "actor.html", context)


def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _actor_page(request, Person, pk)


def organization_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _actor_page(request, Organization, pk)


def measure_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A measure: every figure that counts it, side by side (facts/api/comparison.py).

    Queries: the measure; the figures' count and spread; the figures (with articles, speakers).
    """
    if not policy.can_read_at_all(request.user):
        return not_found(request)
    measure = _get(request, Measure.objects.all(), pk)
    if not isinstance(measure, Measure):
        return not_found(request)
    api_request = Request(request)
    api_request.user = request.user  # the reader as the page knows them (session), for the read policy
    try:  # ?tolerance= as on the API's comparison
        comparison = compare_measure(measure, api_request, {"request": api_request})
    except ValidationError as error:
        return _page(request, "bad_request.html", {"title": "Bad request", "errors": error.detail}, status=400)
    context = {
        "title": measure.name,
        "measure": measure,
        "comparison": comparison,
        "api_url": reverse("measure-comparison", kwargs={"pk": measure.pk}),
    }
    return _page(request, "measure.html", context)


def article_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An article: its text with every recorded passage highlighted, and its metadata.

    Queries: the article; its claims (with speakers); figures (with measures); roles; mentions.
    A reader who may not read bodies gets the claims they may see, each with its prefix and suffix.
    """
    if not policy.can_read_at_all(request.user):
        return not_found(request)
    article = _get(request, Article.objects.current().defer("search_vector"), pk)
    if not isinstance(article, Article):
        return not_found(request)
    whole_body = policy.can_read_bodies(request.user)
    visible = policy.visible
    claims = list(
        visible(Claim.objects.filter(article=article), request.user)
        .select_related("speaker_person", "speaker_organization")
        .defer("search_vector")
    )
    for claim in claims:
        claim.article = article  # one article: no query per claim for it
    context: dict[str, Any] = {"title": str(article), "article": article, "claims": claims, "whole_body": whole_body}
    if whole_body:
        figures = list(visible(Figure.objects.filter(article=article), request.user).select_related("measure"))
        roles = list(
            visible(Role.objects.filter(article=article), request.user).select_related("person", "organization")
        )
        mentions = list(
            visible(Mention.objects.filter(article=article), request.user).select_related("person", "organization")
        )
        context["body"] = highlighted_body(article, article_highlights(article, claims, figures, roles, mentions))
    else:
        context["passages"] = [(claim, passage_in_context(claim, whole_body=False)) for claim in claims]
    context["api_url"] = reverse("article-detail", kwargs={"pk": article.pk})
    return _page(request, "article.html", context)
