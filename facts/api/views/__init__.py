"""The API's resources, a module per group of routes (facts/api/urls.py maps each route to its viewset).

- articles.py: /articles/ (with /annotations/ and /extract/)
- claims.py: /claims/ (with /review/), /claim-reviews/
- figures.py: /figures/, /measures/ (with /comparison/)
- mentions.py: /mentions/, /roles/
- actors.py: /people/, /organizations/ (with /claims/, /figures/, /mentions/)
- proposals.py: /proposals/ (with /accept/, /reject/)

ViewSets are declarations. What they share is elsewhere: FactViewSet in base.py, its
machinery in facts/api/mixins.py (list querysets are QuerySet methods: `Claim.objects.for_api()`), and
the OpenAPI prose in facts/api/docs.py.
"""

from facts.api.views.actors import ActorViewSet, OrganizationViewSet, PersonViewSet
from facts.api.views.articles import ArticleViewSet
from facts.api.views.base import FactViewSet
from facts.api.views.claims import ClaimReviewViewSet, ClaimViewSet
from facts.api.views.figures import FigureViewSet, MeasureViewSet
from facts.api.views.mentions import MentionViewSet, RoleViewSet
from facts.api.views.proposals import ProposalViewSet

__all__ = [
    "ActorViewSet",
    "ArticleViewSet",
    "ClaimReviewViewSet",
    "ClaimViewSet",
    "FactViewSet",
    "FigureViewSet",
    "MeasureViewSet",
    "MentionViewSet",
    "OrganizationViewSet",
    "PersonViewSet",
    "ProposalViewSet",
    "RoleViewSet",
]
