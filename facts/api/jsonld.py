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

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse as django_reverse
from rest_framework.reverse import reverse

from facts.api.offsets import Utf16Offsets
from facts.models import Article, Claim, Figure, Mention, Organization, Person, Review, Role
from facts.models.claims import SUMMARY_RECOMMENDED_LENGTH, shorten_at_word

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# How each verdict reads as a schema.org Rating (the scale is the publisher's to define; it is
# documented in facts/api/DESCRIPTION.md, "ClaimReview"). A truth scale from 1 (false) to 5
# (verified), 3 disputed, 2 and 4 unused so far. "Unverifiable" and "retracted" say nothing about
# truth, so they get no number, only their words: a retracted claim is not a false one.
BEST_RATING, WORST_RATING = 5, 1
RATINGS: dict[str, tuple[int | None, str]] = {
    Claim.ReviewStatus.VERIFIED: (5, "Verified"),
    Claim.ReviewStatus.DISPUTED: (3, "Disputed"),
    Claim.ReviewStatus.FALSE: (1, "False"),
    Claim.ReviewStatus.UNVERIFIABLE: (None, "Unverifiable"),
    Claim.ReviewStatus.RETRACTED: (None, "Retracted by its source"),
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


def claim_reviewed(claim: Claim) -> str:
    """The ClaimReview's `claimReviewed`: the editor's summary, else the claim's own words shortened.

    The fallback is the article's words in quotation marks, cut at a word boundary with an ellipsis,
    so no reader takes it for a summary someone wrote.
    """
    if claim.summary:
        return claim.summary
    return f"“{shorten_at_word(claim.exact, SUMMARY_RECOMMENDED_LENGTH - 2)}”"


def public_url(view_name: str, pk: int, request: HttpRequest | None) -> str:
    """A public page's address (facts/public/urls.py), absolute when there is a request."""
    path = django_reverse(f"public:{view_name}", kwargs={"pk": pk})
    return request.build_absolute_uri(path) if request is not None else path


def publisher() -> dict[str, Any] | None:
    """The organization publishing the fact checks (settings FACTBASE_PUBLISHER_*), or None when unnamed."""
    if not settings.FACTBASE_PUBLISHER_NAME:
        return None
    organization = {"@type": "Organization", "name": settings.FACTBASE_PUBLISHER_NAME}
    if settings.FACTBASE_PUBLISHER_URL:
        organization["url"] = settings.FACTBASE_PUBLISHER_URL
    if settings.FACTBASE_PUBLISHER_LOGO_URL:
        organization["logo"] = settings.FACTBASE_PUBLISHER_LOGO_URL
    return organization


def claim_author(claim: Claim, request: HttpRequest | None) -> dict[str, Any]:
    """Who made the claim, as the Claim's properties: `author` for a named person or organization.

    An unnamed group (“some activists”) is neither a Person nor an Organization: it gets no
    `author`, and its words are kept as `creditText`. The article's own voice is the article's
    publisher's, when known; otherwise there is no author.
    """
    actor: Person | Organization
    if claim.speaker_person is not None:
        actor, kind, page = claim.speaker_person, "Person", "person"
    elif claim.speaker_organization is not None:
        actor, kind, page = claim.speaker_organization, "Organization", "organization"
    elif claim.speaker_group is not None:
        return {"creditText": claim.speaker_group}
    elif claim.article.publisher:
        return {"author": {"@type": "Organization", "name": claim.article.publisher}}
    else:
        return {}
    author = {"@type": kind, "name": actor.name, "url": public_url(page, actor.pk, request)}
    if actor.wikidata_id:
        author["sameAs"] = wikidata_url(actor.wikidata_id)
    return {"author": author}


def _appearance(article: Article, request: HttpRequest | None) -> dict[str, Any]:
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": _url("article-detail", article.pk, request),
        # Where it was published when known, else its public page here.
        "url": article.url or public_url("article", article.pk, request),
    }
    if article.title:
        appearance["headline"] = article.title
    if article.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.published_on:
        appearance["datePublished"] = article.published_on.isoformat()
    return appearance


def _rating(status: str) -> dict[str, Any]:
    value, label = RATINGS[status]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    if value is not None:
        rating |= {"ratingValue": value, "bestRating": BEST_RATING, "worstRating": WORST_RATING}
    return rating


def claim_review(claim: "WithAnnotations[Claim, ClaimReviews]", request: HttpRequest | None) -> dict[str, Any]:
    """The claim's latest review as a schema.org ClaimReview, as Google's fact-check guide asks for it.

    Expects `claim.reviews_newest_first` prefetched (see ClaimReviewViewSet). Properties whose
    value is unknown are left out, never given as null.
    """
    review = claim.reviews_newest_first[0] if claim.reviews_newest_first else None
    page = public_url("claim", claim.pk, request)
    item: dict[str, Any] = {
        "@type": "Claim",
        **claim_author(claim, request),
        "appearance": _appearance(claim.article, request),
    }
    if claim.article.published_on:
        item["datePublished"] = claim.article.published_on.isoformat()
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{page}#review",
        "url": page,
        "claimReviewed": claim_reviewed(claim),
        "reviewRating": _rating(claim.review_status),
        "itemReviewed": item,
    }
    author = publisher()
    if author is not None:
        document["author"] = author
    if review is not None:
        document["datePublished"] = review.reviewed_at.date().isoformat()
        if review.note:
            document["reviewBody"] = review.note
    return document
