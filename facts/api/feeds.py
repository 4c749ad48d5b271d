"""Atom feeds of newly reviewed claims: all of them, a person's, a measure's (Django's syndication framework).

A feed reader subscribed to /api/v1/feeds/reviews.atom (or a person's, or a measure's) sees
each review verdict as an entry: the verdict and the claim's words as its title, the
reviewer's note and who made the claim as its summary, the claim as its link. The newest
FEED_SIZE reviews, newest first.

The feeds obey the read policy (facts/access.py) like the API: under `signed-in` an anonymous
request is answered 401 (a feed reader can send a token, as the API's clients do); under
`reviewed` only reviews of claims anonymous readers see, about people and measures they see.
An entry's author (who reviewed) is given to editors only, as in the API.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from rest_framework import exceptions
from rest_framework.request import Request

from facts import access
from facts.api.authentication import TokenAuthentication
from facts.editors import sees_internals
from facts.models import Measure, Person, Review

FEED_SIZE = 50
LARGEST_ID = 2**63 - 1


def _claim_words(review: Review, length: int = 100) -> str:
    exact = review.claim.exact
    return exact if len(exact) <= length else f"{exact[: length - 1]}…"


class ReviewsFeed(Feed):
    """Every claim review, newest first."""

    feed_type = Atom1Feed
    title = "Factbase: newly reviewed claims"
    subtitle = "Editors' verdicts on claims, newest first."
    request: HttpRequest

    @classmethod
    def as_view(cls) -> Callable[..., HttpResponse]:
        """A view that answers each request with a feed of its own (which keeps the request, for ids)."""

        def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            return cls()(request, **kwargs)

        return view

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        try:
            signed_in = TokenAuthentication().authenticate(Request(request))
        except exceptions.APIException as refused:  # a wrong token (401), or too many of them (429)
            return JsonResponse({"detail": str(refused.detail)}, status=refused.status_code)
        if signed_in is not None:
            request.user = signed_in[0]
        if not access.can_read_at_all(request.user):
            response = JsonResponse({"detail": access.SIGN_IN_TO_READ}, status=401)
            response["WWW-Authenticate"] = "Token"
            return response
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("claimreview-list")

    def reviews(self) -> QuerySet[Review]:
        return (
            Review.objects.filter(claim__article__withdrawn_at=None)
            .visible_to(self.request.user)
            .select_related("claim", "claim__speaker_person", "claim__speaker_organization", "claim__article")
            .select_related("reviewer")
            .order_by("-reviewed_at", "-id")
        )

    def items(self, obj: Any = None) -> list[Review]:
        return list(self.reviews()[:FEED_SIZE])

    def item_title(self, review: Review) -> str:
        return f"{review.get_status_display().capitalize()}: “{_claim_words(review)}”"

    def item_description(self, review: Review) -> str:
        speaker = review.claim.speaker
        who = getattr(speaker, "name", speaker) or "the article itself"
        note = f" {review.note}" if review.note else ""
        return f"Said by {who}.{note}"

    def item_link(self, review: Review) -> str:
        return reverse("claim-detail", kwargs={"pk": review.claim_id})

    def item_guid(self, review: Review) -> str:
        # An entry's id is an absolute IRI (RFC 4287): the claim's URL, and which review of it.
        return self.request.build_absolute_uri(f"{self.item_link(review)}#review-{review.pk}")

    def item_pubdate(self, review: Review) -> Any:
        return review.reviewed_at

    def item_updateddate(self, review: Review) -> Any:
        return review.reviewed_at

    def item_author_name(self, review: Review) -> str | None:
        if not sees_internals(self.request):
            return None  # who reviewed is for editors only (facts/editors.py)
        return review.reviewer.username if review.reviewer else None


class RecordReviewsFeed(ReviewsFeed):
    """The reviews about one record (a person, a measure): `model`, how its title reads and where it links."""

    model: type[Person] | type[Measure]
    about: str  # "by {name}", "about {name}"
    link_view: str

    def get_object(self, request: HttpRequest, pk: str) -> Any:
        return get_object_or_404(self.model.objects.visible_to(request.user), pk=_id(pk))

    def title(self, record: Any) -> str:  # type: ignore[override]
        return f"Factbase: newly reviewed claims {self.about.format(name=record.name)}"

    def link(self, record: Any) -> str:  # type: ignore[override]
        return reverse(self.link_view, kwargs={"pk": record.pk})


class PersonReviewsFeed(RecordReviewsFeed):
    """The reviews of what one person said."""

    model, about, link_view = Person, "by {name}", "person-claims"

    def items(self, person: Person | None = None) -> list[Review]:
        return list(self.reviews().filter(claim__speaker_person=person)[:FEED_SIZE])


class MeasureReviewsFeed(RecordReviewsFeed):
    """The reviews of claims that give a figure of one measure."""

    model, about, link_view = Measure, "about {name}", "measure-comparison"

    def items(self, measure: Measure | None = None) -> list[Review]:
        if measure is None:  # (the base class's signature; get_object always finds one or is 404)
            return []
        claims = Measure.objects.filter(pk=measure.pk).values("figures__claim")
        return list(self.reviews().filter(claim__in=claims)[:FEED_SIZE])


def _id(pk: str) -> int:
    """A path id as a number a database id can be (404 beyond: Postgres would refuse it)."""
    if int(pk) > LARGEST_ID:
        raise Http404("No such record.")
    return int(pk)
