"""Routes of the API, version 1: /api/v1/<plural-kebab-case>/, each to its viewset in facts/api/views/."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from facts.api.feeds import MeasureReviewsFeed, PersonReviewsFeed, ReviewsFeed
from facts.api.views.actors import OrganizationViewSet, PersonViewSet
from facts.api.views.articles import ArticleViewSet
from facts.api.views.changes import ChangeFeedView
from facts.api.views.claims import ClaimReviewViewSet, ClaimViewSet
from facts.api.views.figures import FigureViewSet, MeasureViewSet
from facts.api.views.mentions import MentionViewSet, RoleViewSet
from facts.api.views.proposals import ProposalViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
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
