"""Routes of the API, version 1: /api/v1/<plural-kebab-case>/, each to its viewset in facts/api/views/."""

from collections.abc import Callable
from typing import Any

from django.urls import path, re_path
from rest_framework.routers import APIRootView, DefaultRouter

from facts.api.feeds import MeasureReviewsFeed, PersonReviewsFeed, ReviewsFeed
from facts.api.views.actors import OrganizationViewSet, PersonViewSet
from facts.api.views.articles import ArticleViewSet
from facts.api.views.changes import ChangeFeedView
from facts.api.views.claims import ClaimReviewViewSet, ClaimViewSet
from facts.api.views.figures import FigureViewSet, MeasureViewSet
from facts.api.views.mentions import MentionViewSet, RoleViewSet
from facts.api.views.proposals import ProposalViewSet
from facts.api.views.requests import ArticleRequestViewSet


class FactbaseRoot(APIRootView):
    """News articles and the facts reported in them (claims, figures, people, organizations), each with the
    exact passage it comes from. The schema is at /api/schema/, its documentation at /api/docs/ and
    /api/redoc/; /api/v1/changes/ is the feed of every change, /api/v1/feeds/reviews.atom the reviews."""

    def get_view_name(self) -> str:
        return "Factbase API"


class FactbaseRouter(DefaultRouter):
    """DefaultRouter whose root page names Factbase and lists the change feed with the resources."""

    APIRootView = FactbaseRoot

    def get_api_root_view(self, api_urls: Any = None) -> Callable[..., Any]:
        resources = {prefix: self.routes[0].name.format(basename=basename) for prefix, _, basename in self.registry}
        return self.APIRootView.as_view(api_root_dict={**resources, "changes": "changes"})


router = FactbaseRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("article-requests", ArticleRequestViewSet, basename="article-request")
router.register("claims", ClaimViewSet, basename="claim")
router.register("figures", FigureViewSet, basename="figure")
router.register("measures", MeasureViewSet, basename="measure")
router.register("people", PersonViewSet, basename="person")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("mentions", MentionViewSet, basename="mention")
router.register("roles", RoleViewSet, basename="role")
router.register("claim-reviews", ClaimReviewViewSet, basename="claimreview")
router.register("proposals", ProposalViewSet, basename="proposal")

urlpatterns = [
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    path("feeds/reviews.atom", ReviewsFeed.as_view(), name="reviews-feed"),
    re_path(r"^feeds/people/(?P<pk>[0-9]+)/reviews\.atom$", PersonReviewsFeed.as_view(), name="person-reviews-feed"),
    re_path(
        r"^feeds/measures/(?P<pk>[0-9]+)/reviews\.atom$", MeasureReviewsFeed.as_view(), name="measure-reviews-feed"
    ),
    *router.urls,
]
