"""/claims/: what was said, by whom, where; reviewing a claim. /claim-reviews/: the verdicts as ClaimReview."""

from typing import cast

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from facts import services
from facts.api import docs, facets, filters, serializers
from facts.api.idempotency import idempotent
from facts.api.listing import ExplorableListMixin, SummaryParameters
from facts.api.ordering import StrictOrderingFilter
from facts.api.reading import ReadPolicyMixin
from facts.api.renderers import BrowsableAPIRenderer, CSVRenderer, JSONLDRenderer, JSONRenderer
from facts.api.views.base import FactViewSet
from facts.api.views.versions import ConfirmAnchoringMixin, confirm_anchoring_docs
from facts.models import CURRENT_ARTICLE, Claim, Figure, Review


@extend_schema_view(**docs.CLAIMS, **confirm_anchoring_docs(serializers.ClaimDetailSerializer))
class ClaimViewSet(ConfirmAnchoringMixin, FactViewSet):
    """Claims, each on its passage; one with its figures and reviews, and `review` to add a verdict."""

    queryset = Claim.objects.for_api()
    detail_queryset = Claim.objects.for_api().prefetch_related(
        Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        Prefetch("figures", queryset=Figure.objects.only("id", "claim_id")),
    )
    serializer_class = serializers.ClaimSerializer
    detail_serializer_class = serializers.ClaimDetailSerializer
    write_serializer_class = serializers.ClaimWriteSerializer
    filterset_class = filters.ClaimFilterSet
    ordering_fields = ["id", "article_published_on", "start", "created_at", "updated_at"]
    ordering = ["-id"]
    facets = facets.CLAIMS

    @docs.CLAIM_REVIEW
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    @idempotent
    def review(self, request: Request, pk: str | None = None) -> Response:
        claim = get_object_or_404(
            Claim.objects.filter(CURRENT_ARTICLE).select_for_update(of=("self",)).defer("search_vector"), pk=pk
        )
        serializer = serializers.ReviewWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # A write: EditorsWriteOthersRead let only a signed-in editor this far.
        reviewer = cast(User, request.user)
        services.claim_review(claim=claim, reviewer=reviewer, **serializer.validated_data)
        return self.respond_with_record(claim, status.HTTP_201_CREATED)


@extend_schema_view(**docs.CLAIM_REVIEWS)
class ClaimReviewViewSet(ReadPolicyMixin, ExplorableListMixin, viewsets.ReadOnlyModelViewSet):
    """Reviewed claims, read-only, as schema.org ClaimReview JSON-LD."""

    queryset = (
        Claim.objects.for_api()
        .exclude(review_status=Claim.ReviewStatus.UNREVIEWED)
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.order_by("-reviewed_at", "-id"), to_attr="reviews_newest_first")
        )
    )
    serializer_class = serializers.ClaimReviewSerializer
    renderer_classes = [JSONLDRenderer, JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter, SummaryParameters]
    filterset_class = filters.ClaimReviewFilterSet
    lookup_value_regex = r"[0-9]+"
    ordering_fields = ["id", "updated_at"]
    ordering = ["-id"]
    facets = facets.CLAIM_REVIEWS
