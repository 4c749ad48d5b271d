"""/people/ and /organizations/: who speaks and who is named, with what they said across articles."""

from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponseBase
from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request

from facts import access
from facts.api import docs, facets, filters, serializers
from facts.api.exports import stream_csv
from facts.api.listing import FORMAT_PARAMETER, page_parameters, refuse_unknown_parameters
from facts.api.offsets import OFFSETS_PARAMETER, preload
from facts.api.pagination import CursorPagination
from facts.api.views.base import FactViewSet
from facts.models import Actor, Claim, Figure, Mention, Organization, Person, Role


class ActorViewSet(FactViewSet):
    """People and organizations: the same shape, and the same cross-article sub-resources."""

    queryset: QuerySet[Person] | QuerySet[Organization]  # each subclass lists one kind of actor
    csv_serializer_class: type | None = None  # the records' serializer, for a sub-resource's CSV
    ordering_fields = ["name", "id", "created_at", "updated_at"]
    ordering = ["name"]
    # Mentions are not reviewed: under FACTBASE_READ_ACCESS=reviewed anonymous readers get 403 for them.
    action_models = {"mentions": Mention}
    mention_parameters = ("article",)
    mention_facets = ("article",)  # facets.PEOPLE and ORGANIZATIONS count articles through mentions

    @docs.ACTOR_CLAIMS
    @action(detail=True, filter_backends=[], pagination_class=CursorPagination)
    def claims(self, request: Request, pk: str | None = None) -> HttpResponseBase:
        return self.across_articles(pk, Claim.objects.for_api().by_speaker, serializers.ClaimSerializer)

    @docs.ACTOR_FIGURES
    @action(detail=True, filter_backends=[], pagination_class=CursorPagination)
    def figures(self, request: Request, pk: str | None = None) -> HttpResponseBase:
        return self.across_articles(pk, Figure.objects.for_api().by_speaker, serializers.FigureSerializer)

    @docs.ACTOR_MENTIONS
    @action(detail=True, filter_backends=[], pagination_class=CursorPagination)
    def mentions(self, request: Request, pk: str | None = None) -> HttpResponseBase:
        return self.across_articles(pk, Mention.objects.for_api().naming, serializers.MentionSerializer)

    def across_articles(
        self, pk: str | None, records_of: Callable[[Actor], QuerySet], serializer_class: type
    ) -> HttpResponseBase:
        """A cursor page of the actor's records (`records_of(actor)`), newest first; 404 if there is no such actor."""
        refuse_unknown_parameters(self.request, [FORMAT_PARAMETER, OFFSETS_PARAMETER, *page_parameters(self)])
        user = self.request.user
        actor = get_object_or_404(self.queryset.model.objects.visible_to(user).only("id"), pk=pk)
        records = access.visible(records_of(actor), user)
        self.csv_serializer_class = serializer_class
        if self.exports_whole_list(self.request):
            return stream_csv(self, records.order_by("-id"), ["-id"], serializer_class)
        paginator = CursorPagination()
        page = paginator.paginate_queryset(records, self.request)
        context = self.get_serializer_context()
        preload(context, page or [])
        data = serializer_class(page, many=True, context=context).data
        return paginator.get_paginated_response(data)

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.action in ("list", "export"):
            return queryset
        return queryset.prefetch_related(self.roles_prefetch())

    def get_detail_queryset(self) -> QuerySet:
        return super().get_detail_queryset().prefetch_related(self.roles_prefetch())

    def roles_prefetch(self) -> Prefetch:
        """The roles a single record shows: those the reader may see (none, for anonymous readers under `reviewed`)."""
        return Prefetch("roles", queryset=Role.objects.for_api().visible_to(self.request.user))


# (No docstring: the schema describes the two actions documented without one by ActorViewSet's.)
@extend_schema_view(**docs.PEOPLE)
class PersonViewSet(ActorViewSet):
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    detail_serializer_class = serializers.PersonDetailSerializer
    write_serializer_class = serializers.PersonWriteSerializer
    filterset_class = filters.PersonFilterSet
    facets = facets.PEOPLE


# (No docstring, as for PersonViewSet.)
@extend_schema_view(**docs.ORGANIZATIONS)
class OrganizationViewSet(ActorViewSet):
    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    detail_serializer_class = serializers.OrganizationDetailSerializer
    write_serializer_class = serializers.OrganizationWriteSerializer
    filterset_class = filters.OrganizationFilterSet
    facets = facets.ORGANIZATIONS
