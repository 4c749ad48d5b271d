"""/proposals/: what the extractor proposed, for editors to accept (as proposed or corrected) or reject."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from facts import services
from facts.api import docs, facets, filters, serializers
from facts.api.listing import ExplorableListMixin, SummaryParameters
from facts.api.mixins import AtomicWritesMixin
from facts.api.ordering import StrictOrderingFilter
from facts.api.reading import ReadPolicyMixin
from facts.models import CURRENT_ARTICLE, Proposal

# The proposals the actions may review: those of articles not withdrawn, as the list shows.
CURRENT_PROPOSALS = Proposal.objects.filter(CURRENT_ARTICLE).only("id")


@extend_schema_view(**docs.PROPOSALS)
class ProposalViewSet(ReadPolicyMixin, ExplorableListMixin, AtomicWritesMixin, viewsets.ReadOnlyModelViewSet):
    """Proposals are made by the extractor and reviewed with the actions below; never edited directly."""

    queryset = Proposal.objects.for_api()
    serializer_class = serializers.ProposalSerializer
    filterset_class = filters.ProposalFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter, SummaryParameters]
    ordering_fields = ["id", "confidence", "start", "created_at", "updated_at"]
    ordering = ["-id"]
    facets = facets.PROPOSALS

    def _respond(self, proposals: list[Proposal], many: bool = False) -> Response:
        """The proposals as they now stand, in the order given: one, or a list under "proposals"."""
        fresh = {p.pk: p for p in Proposal.objects.for_api().filter(pk__in=[p.pk for p in proposals])}
        ordered = [fresh[p.pk] for p in proposals]
        context = self.get_serializer_context()
        if many:
            return Response({"proposals": serializers.ProposalSerializer(ordered, many=True, context=context).data})
        return Response(serializers.ProposalSerializer(ordered[0], context=context).data)

    @docs.PROPOSAL_ACCEPT
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def accept(self, request: Request, pk: str | None = None) -> Response:
        proposal = get_object_or_404(CURRENT_PROPOSALS, pk=pk)
        serializer = serializers.ProposalAcceptSerializer(data=request.data)  # no body: an empty QueryDict, no edits
        serializer.is_valid(raise_exception=True)
        services.proposal_accept(proposal=proposal, edits=serializer.validated_data.get("edits"), user=request.user)
        return self._respond([proposal])

    @docs.PROPOSAL_REJECT
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def reject(self, request: Request, pk: str | None = None) -> Response:
        proposal = get_object_or_404(CURRENT_PROPOSALS, pk=pk)
        services.proposal_reject(proposal=proposal, user=request.user)
        return self._respond([proposal])

    @docs.PROPOSALS_ACCEPT_MANY
    @action(detail=False, methods=["post"], url_path="accept", filter_backends=[], pagination_class=None)
    def accept_many(self, request: Request) -> Response:
        serializer = serializers.ProposalIdsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = list(dict.fromkeys(serializer.validated_data["ids"]))
        found = CURRENT_PROPOSALS.in_bulk(ids)
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise ValidationError({"ids": [f"No proposal with id {', '.join(map(str, missing))}."]})
        proposals = [found[pk] for pk in ids]
        services.proposals_accept(proposals=proposals, user=request.user)
        return self._respond(proposals, many=True)
