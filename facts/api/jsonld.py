"""Exports in the vocabularies other tools read.

- W3C Web Annotation (https://www.w3.org/TR/annotation-model/): every recorded passage of
  an article as an Annotation whose target carries a TextQuoteSelector (exact, prefix,
  suffix) and a TextPositionSelector (start, end), so Hypothesis-style tools can anchor it.
  Its target's source is the article's own web address (`source_url`) when known, so a tool
  can anchor it on the publisher's page; the API's article URL otherwise. Its creator is this
  Factbase (software: the records do not say which editor or extractor run made each, and
  editors' names are not for readers).
- schema.org ClaimReview (https://schema.org/ClaimReview): an editor's verdict on a claim,
  the format fact-check search engines and aggregators read.
"""

from typing import TYPE_CHECKING, Any, TypedDict

from django.http import HttpRequest
from rest_framework.reverse import reverse

from facts.api.offsets import Utf16Offsets
from facts.models import Article, Claim, Figure, Mention, Review, Role

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# How each review status reads as a rating: schema.org leaves the scale to the publisher.
RATINGS: dict[str, tuple[int, str]] = {
    Claim.ReviewStatus.VERIFIED: (5, "True"),
    Claim.ReviewStatus.DISPUTED: (3, "Disputed"),
    Claim.ReviewStatus.UNVERIFIABLE: (2, "Unverifiable"),
    Claim.ReviewStatus.FALSE: (1, "False"),
    Claim.ReviewStatus.RETRACTED: (1, "Retracted by its source"),
}


def wikidata_url(wikidata_id: str) -> str:
    """The Wikidata entity URI of an item (its concept URI, the form linked data uses for sameAs)."""
    return f"https://www.wikidata.org/entity/{wikidata_id}"


def _url(view_name: str, pk: int, request: HttpRequest | None) -> str:
    return reverse(view_name, kwargs={"pk": pk}, request=request)


def _selectors(record: Any, utf16: Utf16Offsets | None) -> list[dict[str, Any]]:
    start, end = record.start, record.end
    if utf16 is not None:  # offsets=utf16 (facts/api/offsets.py)
        start, end = utf16(record.article_id, start), utf16(record.article_id, end)
    return [
        {"type": "TextQuoteSelector", "exact": record.exact, "prefix": record.prefix, "suffix": record.suffix},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def _describe(record: Any) -> str:
    if isinstance(record, Claim):
        speaker = record.speaker
        who = speaker if isinstance(speaker, str) else getattr(speaker, "name", None) or "the article"
        return f"{record.get_kind_display()} by {who}"
    if isinstance(record, Figure):
        measure = record.measure.name if record.measure else "unassigned measure"
        return f"figure ({record.get_qualifier_display()}) of {measure}"
    if isinstance(record, Mention):
        return f"mention of {record.actor.name}"
    if isinstance(record, Role):
        return f"role of {record.holder.name}: {record.title}"
    raise TypeError(record)


def article_annotations(
    article: Article, records: list[Any], request: HttpRequest | None, utf16: Utf16Offsets | None = None
) -> dict[str, Any]:
    """An AnnotationPage with one Annotation per passage recorded from the article (`utf16`: offsets=utf16)."""
    api_url = _url("article-detail", article.pk, request)
    source = article.url or api_url
    creator = {"id": reverse("api-root", request=request), "type": "Software", "name": "Factbase"}
    items = []
    for record in records:
        kind = record._meta.model_name
        record_url = _url(f"{kind}-detail", record.pk, request)
        items.append(
            {
                "id": f"{record_url}#annotation",
                "type": "Annotation",
                "motivation": "describing" if kind != "mention" else "identifying",
                "creator": creator,
                "created": record.created_at.isoformat(),
                "modified": record.updated_at.isoformat(),
                "body": [
                    {"type": "TextualBody", "purpose": "tagging", "value": kind},
                    {"type": "TextualBody", "purpose": "describing", "value": _describe(record)},
                    {"type": "SpecificResource", "purpose": "linking", "source": record_url},
                ],
                "target": {"source": source, "selector": _selectors(record, utf16)},
            }
        )
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": _url("article-annotations", article.pk, request),
        "type": "AnnotationPage",
        "partOf": {"id": api_url, "type": "AnnotationCollection", "total": len(items)},
        "startIndex": 0,
        "items": items,
    }


class ClaimReviews(TypedDict):
    """What ClaimReviewViewSet's queryset prefetches into each claim (Prefetch to_attr)."""

    reviews_newest_first: list[Review]


def claim_review(claim: "WithAnnotations[Claim, ClaimReviews]", request: HttpRequest | None) -> dict[str, Any]:
    """The claim's latest review as a schema.org ClaimReview.

    Expects `claim.reviews_newest_first` prefetched (see ClaimReviewViewSet).
    """
    review = claim.reviews_newest_first[0] if claim.reviews_newest_first else None
    rating, label = RATINGS[claim.review_status]
    speaker = claim.speaker
    if speaker is None:
        author: dict[str, Any] = {"@type": "Organization", "name": claim.article.publisher or "the article"}
    elif isinstance(speaker, str):
        author = {"@type": "Organization", "name": speaker}
    else:
        author = {"@type": "Person" if claim.speaker_person_id else "Organization", "name": speaker.name}
        if speaker.wikidata_id:
            author["sameAs"] = wikidata_url(speaker.wikidata_id)
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": _url("article-detail", claim.article_id, request),
        "headline": claim.article.title,
        "publisher": claim.article.publisher,
        "datePublished": claim.article.published_on.isoformat() if claim.article.published_on else None,
    }
    if claim.article.url:
        appearance["url"] = claim.article.url
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": _url("claim-detail", claim.pk, request) + "#review",
        "url": _url("claim-detail", claim.pk, request),
        "claimReviewed": claim.exact,
        "datePublished": review.reviewed_at.date().isoformat() if review else None,
        "author": {"@type": "Organization", "name": "Factbase"},
        "reviewBody": review.note if review else "",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
        },
        "itemReviewed": {"@type": "Claim", "author": author, "appearance": appearance},
    }
