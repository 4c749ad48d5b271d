"""Routes of the API, version 1: /api/v1/<plural-kebab-case>/."""

from rest_framework.routers import DefaultRouter

from facts.api import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("figures", views.FigureViewSet, basename="figure")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("mentions", views.MentionViewSet, basename="mention")
router.register("roles", views.RoleViewSet, basename="role")
router.register("claim-reviews", views.ClaimReviewViewSet, basename="claimreview")
router.register("proposals", views.ProposalViewSet, basename="proposal")

urlpatterns = router.urls
