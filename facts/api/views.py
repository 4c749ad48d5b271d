"""The API's resources. ViewSets are declarations; the shared behaviour is in FactViewSet.

Every list runs a fixed number of queries whatever its page size (tests pin them), and is
cursor-paginated. Every record has an ETag; PUT, PATCH and DELETE need a matching If-Match.
"""

from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from facts import services
from facts.api import filters, jsonld, serializers
from facts.api.comparison import compare_measure
from facts.api.exceptions import PreconditionFailed, PreconditionRequired
from facts.api.filters import RankedOrderingFilter
from facts.api.idempotency import idempotent
from facts.api.pagination import CursorPagination
from facts.api.renderers import JSONLDRenderer, JSONRenderer
from facts.api.schema import (
    ARTICLE_CREATE_EXAMPLES,
    BAD_QUERY,
    CLAIM_CREATE_EXAMPLES,
    COMPARISON_EXAMPLE,
    CONDITIONAL_WRITE_ERRORS,
    FIGURE_CREATE_EXAMPLES,
    IDEMPOTENCY_KEY,
    IF_MATCH,
    IF_NONE_MATCH,
    NOT_FOUND,
    PROPOSAL_ACCEPT_EXAMPLES,
    REVIEW_EXAMPLES,
    WRITE_ERRORS,
)
from facts.extraction import EXTRACTOR_VERSION
from facts.models import (
    Article,
    Claim,
    Figure,
    Measure,
    Mention,
    Organization,
    Person,
    Proposal,
    Review,
    Role,
    record_etag,
)

UNSAFE_METHODS = ("PUT", "PATCH", "DELETE")


class FactViewSet(viewsets.ModelViewSet):
    """Reads for everyone, writes for editors, with ETags and If-Match on every record.

    Subclasses declare `queryset` (for lists), `detail_queryset`, `serializer_class`
    (list items), `detail_serializer_class` and `write_serializer_class`.
    """

    detail_queryset: QuerySet | None = None
    writing = False
    detail_serializer_class: type | None = None
    write_serializer_class: type | None = None
    filter_backends = [DjangoFilterBackend, RankedOrderingFilter]
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        # A write runs in one transaction: all or nothing, and the row an update or delete
        # checked its If-Match against stays locked until it is done. Reads need none.
        self.writing = request.method not in ("GET", "HEAD", "OPTIONS")
        if not self.writing:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code >= 400:
                # A refused write leaves nothing behind.
                transaction.set_rollback(True)
            return response

    def get_queryset(self) -> QuerySet:
        if self.action == "list" or self.detail_queryset is None:
            queryset = super().get_queryset()
        else:
            queryset = self.detail_queryset.all()
        if self.writing and self.request.method in UNSAFE_METHODS:
            # Lock the row until the transaction ends, so the If-Match check and the write
            # are one step: of two writers holding the same ETag, exactly one wins.
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def get_serializer_class(self) -> type:
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        if self.action == "list":
            return self.serializer_class
        return self.detail_serializer_class or self.serializer_class

    def get_object(self) -> Any:
        instance = super().get_object()
        # (OPTIONS asks get_object as if for PUT, to describe it: no write, nothing to check.)
        if self.writing and self.request.method in UNSAFE_METHODS:
            self.check_if_match(instance)
        return instance

    def check_if_match(self, instance: Any) -> None:
        sent = self.request.headers.get("If-Match")
        if not sent:
            raise PreconditionRequired(
                "Send the ETag from your last read of this record in an If-Match header (GET it to get its "
                "ETag); this guards against overwriting a change someone else made in between."
            )
        current = record_etag(instance)
        if current not in [tag.strip() for tag in sent.split(",")] and sent.strip() != "*":
            raise PreconditionFailed(
                f"The record has changed since you read it (its ETag is now {current}). Read it again, "
                "re-apply your change and send the new ETag."
            )

    def respond_with_record(self, instance: Any, status_code: int = status.HTTP_200_OK) -> Response:
        instance = self.detail_queryset_or_default().get(pk=instance.pk)
        serializer_class = self.detail_serializer_class or self.serializer_class
        data = serializer_class(instance, context=self.get_serializer_context()).data
        headers = {"ETag": record_etag(instance)}
        if status_code == status.HTTP_201_CREATED:
            headers["Location"] = str(data["url"])
        return Response(data, status=status_code, headers=headers)

    def detail_queryset_or_default(self) -> QuerySet:
        return (self.detail_queryset if self.detail_queryset is not None else self.queryset).all()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        etag = record_etag(instance)
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag
        return response

    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = serializer.save()
        return self.respond_with_record(instance, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        return self.respond_with_record(serializer.save())

    def paginated(self, queryset: QuerySet, serializer_class: type) -> Response:
        """A cursor page of another resource's records (newest first), for sub-resources."""
        paginator = CursorPagination()
        page = paginator.paginate_queryset(queryset, self.request)
        data = serializer_class(page, many=True, context=self.get_serializer_context()).data
        return paginator.get_paginated_response(data)


# Querysets shared by several resources. Article bodies stay in the database except where
# the article itself is shown; generated search vectors are never fetched.
ARTICLE_SUMMARY = ("article__body", "article__search_vector")
CLAIMS = Claim.objects.select_related("article", "speaker_person", "speaker_organization").defer(
    "search_vector", *ARTICLE_SUMMARY
)
FIGURES = Figure.objects.select_related("article", "measure", "speaker_person", "speaker_organization").defer(
    *ARTICLE_SUMMARY
)
MENTIONS = Mention.objects.select_related("person", "organization")
ROLES = Role.objects.select_related("person", "organization", "affiliation")
PROPOSALS = Proposal.objects.select_related("article", "reviewed_by").defer(*ARTICLE_SUMMARY)


def _docs(
    resource: str,
    plural: str,
    *,
    item: type,
    detail: type | None = None,
    filters_note: str = "",
    create_summary: str = "",
    create_description: str = "",
    create_examples: list | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Summaries, descriptions and responses (errors included) of the standard operations."""
    detail = detail or item
    a = "an" if resource[0] in "aeiou" else "a"
    return {
        "list": extend_schema(
            summary=f"List {plural}",
            description=f"{plural.capitalize()}, a cursor page at a time (`next` follows). {filters_note} "
            "Add `format=csv` (or Accept: text/csv) for CSV.",
            responses={200: item(many=True), 400: BAD_QUERY},
        ),
        "retrieve": extend_schema(
            summary=f"Get one {resource}",
            description=f"The {resource}, with an ETag header to send back as If-Match when changing it.",
            parameters=[IF_NONE_MATCH],
            responses={200: detail, 304: OpenApiResponse(description="Not modified."), 404: NOT_FOUND},
        ),
        "create": extend_schema(
            summary=create_summary or f"Create {a} {resource}",
            description=create_description or f"Store a new {resource}. Needs an editor's token.",
            parameters=[IDEMPOTENCY_KEY],
            examples=create_examples or [],
            responses={201: detail, **WRITE_ERRORS},
        ),
        "update": extend_schema(
            summary=f"Replace {a} {resource}'s editable fields",
            description=f"Send every editable field of the {resource}, with If-Match set to the ETag you read. "
            "Fields that cannot change (a passage, an article's body) are refused, not ignored.",
            parameters=[IF_MATCH],
            responses={200: detail, **CONDITIONAL_WRITE_ERRORS},
        ),
        "partial_update": extend_schema(
            summary=f"Change some of {a} {resource}'s fields",
            description=f"Send only the fields to change, with If-Match set to the ETag you read. A stale ETag "
            f"(the {resource} changed meanwhile) gets 412 and changes nothing.",
            parameters=[IF_MATCH],
            responses={200: detail, **CONDITIONAL_WRITE_ERRORS},
        ),
        "destroy": extend_schema(
            summary=f"Delete {a} {resource}",
            description=f"Needs If-Match. Refused with 409, naming them, while other records depend on the {resource}.",
            parameters=[IF_MATCH],
            responses={204: None, **CONDITIONAL_WRITE_ERRORS},
        ),
        **overrides,
    }


ANCHORED_WRITE_NOTE = (
    "Send the article id and the exact quote; offsets are optional. The quote is found in the article body "
    "character for character (nothing is trimmed or normalised). A quote that is not there, or that occurs "
    "more than once with nothing (`start`, `prefix`, `suffix`) to choose, is refused with the reason and the "
    "candidate offsets. Once saved, the passage never changes."
)


@extend_schema_view(
    **_docs(
        "article",
        "articles",
        item=serializers.ArticleSerializer,
        detail=serializers.ArticleDetailSerializer,
        filters_note="Search bodies and titles with `q`.",
        create=extend_schema(
            summary="Store an article's text",
            description="The body is stored exactly as sent and never changes. Sending a body that is already stored "
            "is idempotent: the answer is 200 with the existing article (its metadata unchanged; PATCH it to edit) "
            "instead of 201 with a new one. Either way the Location header is the article's URL.",
            parameters=[IDEMPOTENCY_KEY],
            examples=ARTICLE_CREATE_EXAMPLES,
            responses={
                201: serializers.ArticleDetailSerializer,
                200: serializers.ArticleDetailSerializer,
                **WRITE_ERRORS,
            },
        ),
    )
)
class ArticleViewSet(FactViewSet):
    queryset = Article.objects.defer("body", "search_vector").annotate(body_length=Length("body"))
    detail_queryset = Article.objects.defer("search_vector").prefetch_related(
        Prefetch(
            "claims",
            queryset=Claim.objects.select_related("speaker_person", "speaker_organization").defer("search_vector"),
        ),
        Prefetch(
            "figures", queryset=Figure.objects.select_related("measure", "speaker_person", "speaker_organization")
        ),
        Prefetch("mentions", queryset=MENTIONS),
        Prefetch("roles", queryset=ROLES),
    )
    serializer_class = serializers.ArticleSerializer
    detail_serializer_class = serializers.ArticleDetailSerializer
    write_serializer_class = serializers.ArticleWriteSerializer
    filterset_class = filters.ArticleFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]
    ordering = ["-id"]

    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = serializer.save()
        response = self.respond_with_record(article, status.HTTP_201_CREATED)
        if not serializer.created:
            response.status_code = status.HTTP_200_OK
        return response

    @extend_schema(
        summary="An article's passages as W3C Web Annotations",
        description="Every claim, figure, mention and role of the article as a W3C Web Annotation (JSON-LD), "
        "its target carrying a TextQuoteSelector and a TextPositionSelector, so annotation tools can anchor it.",
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
    )
    @action(detail=True, renderer_classes=[JSONLDRenderer, JSONRenderer], pagination_class=None, filter_backends=[])
    def annotations(self, request: Request, pk: str | None = None) -> Response:
        article = get_object_or_404(Article.objects.defer("body", "search_vector"), pk=pk)
        records = [
            *Claim.objects.filter(article=article)
            .select_related("speaker_person", "speaker_organization")
            .defer("search_vector"),
            *Figure.objects.filter(article=article).select_related("measure"),
            *MENTIONS.filter(article=article),
            *ROLES.filter(article=article),
        ]
        records.sort(key=lambda record: (record.start, record.end))
        return Response(jsonld.article_annotations(article, records, request))

    @extend_schema(
        summary="Propose facts for an article",
        description="Run the extractor on the article: it proposes people, organizations, roles, direct quotes "
        "with their speakers, attributed paraphrases and figures, each with its exact passage, for editors to "
        "accept or reject (`/proposals/`). Idempotent: what this extractor version already proposed is not "
        "proposed again, and reviews are left as they are. Returns every proposal the article has from this "
        "extractor version, and how many this run added. Needs an editor's token.",
        request=None,
        responses={200: serializers.ExtractionResultSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def extract(self, request: Request, pk: str | None = None) -> Response:
        article = get_object_or_404(Article.objects.select_for_update(of=("self",)).defer("search_vector"), pk=pk)
        before = article.proposals.filter(extractor_version=EXTRACTOR_VERSION).count()
        proposals = services.article_extract(article=article)
        proposals = list(PROPOSALS.filter(pk__in=[p.pk for p in proposals]).order_by("start", "end", "kind"))
        data = serializers.ExtractionResultSerializer(
            {"extractor_version": EXTRACTOR_VERSION, "created": len(proposals) - before, "proposals": proposals},
            context=self.get_serializer_context(),
        ).data
        return Response(data)


@extend_schema_view(
    **_docs(
        "claim",
        "claims",
        item=serializers.ClaimSerializer,
        detail=serializers.ClaimDetailSerializer,
        filters_note="Filter by article, speaker, kind, review status, dates; search the quoted text with `q`.",
        create_description=ANCHORED_WRITE_NOTE,
        create_examples=CLAIM_CREATE_EXAMPLES,
        create_summary="Record a claim by its quote",
    )
)
class ClaimViewSet(FactViewSet):
    queryset = CLAIMS
    detail_queryset = CLAIMS.prefetch_related(
        Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        Prefetch("figures", queryset=Figure.objects.only("id", "claim_id")),
    )
    serializer_class = serializers.ClaimSerializer
    detail_serializer_class = serializers.ClaimDetailSerializer
    write_serializer_class = serializers.ClaimWriteSerializer
    filterset_class = filters.ClaimFilterSet
    ordering_fields = ["id", "start", "created_at", "updated_at"]
    ordering = ["-id"]

    @extend_schema(
        summary="Review a claim",
        description="Record an editor's verdict (status and note); it becomes the claim's review status, and the "
        "reviewer and date are recorded. Returns the claim with its reviews, newest first.",
        request=serializers.ReviewWriteSerializer,
        parameters=[IDEMPOTENCY_KEY],
        examples=REVIEW_EXAMPLES,
        responses={201: serializers.ClaimDetailSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    @idempotent
    def review(self, request: Request, pk: str | None = None) -> Response:
        claim = get_object_or_404(Claim.objects.select_for_update(of=("self",)).defer("search_vector"), pk=pk)
        serializer = serializers.ReviewWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.claim_review(claim=claim, reviewer=request.user, **serializer.validated_data)
        return self.respond_with_record(claim, status.HTTP_201_CREATED)


@extend_schema_view(
    **_docs(
        "figure",
        "figures",
        item=serializers.FigureSerializer,
        filters_note="Filter by article, measure, qualifier, speaker, value range (`value_min`, `value_max`), dates.",
        create_description=ANCHORED_WRITE_NOTE + " Bounds the qualifier implies (more_than n: low n) may be left out.",
        create_examples=FIGURE_CREATE_EXAMPLES,
        create_summary="Record a figure by its quote",
    )
)
class FigureViewSet(FactViewSet):
    queryset = FIGURES
    serializer_class = serializers.FigureSerializer
    write_serializer_class = serializers.FigureWriteSerializer
    filterset_class = filters.FigureFilterSet
    ordering_fields = ["id", "start", "created_at", "updated_at"]
    ordering = ["-id"]


@extend_schema_view(
    **_docs(
        "mention",
        "mentions",
        item=serializers.MentionSerializer,
        filters_note="Filter by article, person or organization.",
        create_summary="Record a mention by its quote",
        create_description=ANCHORED_WRITE_NOTE,
    )
)
class MentionViewSet(FactViewSet):
    queryset = MENTIONS
    serializer_class = serializers.MentionSerializer
    write_serializer_class = serializers.MentionWriteSerializer
    filterset_class = filters.MentionFilterSet
    ordering_fields = ["id", "start"]
    ordering = ["-id"]


@extend_schema_view(
    **_docs(
        "role",
        "roles",
        item=serializers.RoleSerializer,
        filters_note="Filter by article, holder, affiliation or title.",
        create_summary="Record a stated role by its quote",
        create_description=ANCHORED_WRITE_NOTE,
    )
)
class RoleViewSet(FactViewSet):
    queryset = ROLES
    serializer_class = serializers.RoleSerializer
    write_serializer_class = serializers.RoleWriteSerializer
    filterset_class = filters.RoleFilterSet
    ordering_fields = ["id", "start"]
    ordering = ["-id"]


class ActorViewSet(FactViewSet):
    """People and organizations: the same shape, and the same cross-article sub-resources."""

    ordering_fields = ["name", "id", "created_at"]
    ordering = ["name"]
    speaker_field = ""
    holder_field = ""

    @extend_schema(
        summary="Their claims across all articles",
        description="Every claim they made, in any article, newest first, with its passage.",
        responses={200: serializers.ClaimSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
    )
    @action(detail=True, filter_backends=[], pagination_class=CursorPagination)
    def claims(self, request: Request, pk: str | None = None) -> Response:
        actor = get_object_or_404(self.queryset.model.objects.only("id"), pk=pk)
        return self.paginated(CLAIMS.filter(**{self.speaker_field: actor}), serializers.ClaimSerializer)

    @extend_schema(
        summary="The figures they gave across all articles",
        responses={200: serializers.FigureSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
    )
    @action(detail=True, filter_backends=[], pagination_class=CursorPagination)
    def figures(self, request: Request, pk: str | None = None) -> Response:
        actor = get_object_or_404(self.queryset.model.objects.only("id"), pk=pk)
        return self.paginated(FIGURES.filter(**{self.speaker_field: actor}), serializers.FigureSerializer)

    @extend_schema(
        summary="Where articles name them",
        responses={200: serializers.MentionSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
    )
    @action(detail=True, filter_backends=[], pagination_class=CursorPagination)
    def mentions(self, request: Request, pk: str | None = None) -> Response:
        actor = get_object_or_404(self.queryset.model.objects.only("id"), pk=pk)
        return self.paginated(MENTIONS.filter(**{self.holder_field: actor}), serializers.MentionSerializer)


@extend_schema_view(
    **_docs(
        "person",
        "people",
        item=serializers.PersonSerializer,
        detail=serializers.PersonDetailSerializer,
        filters_note="Search names and aliases with `q`.",
    )
)
class PersonViewSet(ActorViewSet):
    queryset = Person.objects.all()
    detail_queryset = Person.objects.prefetch_related(Prefetch("roles", queryset=ROLES))
    serializer_class = serializers.PersonSerializer
    detail_serializer_class = serializers.PersonDetailSerializer
    write_serializer_class = serializers.PersonWriteSerializer
    filterset_class = filters.PersonFilterSet
    speaker_field = "speaker_person"
    holder_field = "person"


@extend_schema_view(
    **_docs(
        "organization",
        "organizations",
        item=serializers.OrganizationSerializer,
        detail=serializers.OrganizationDetailSerializer,
        filters_note="Search names and aliases with `q`.",
    )
)
class OrganizationViewSet(ActorViewSet):
    queryset = Organization.objects.all()
    detail_queryset = Organization.objects.prefetch_related(Prefetch("roles", queryset=ROLES))
    serializer_class = serializers.OrganizationSerializer
    detail_serializer_class = serializers.OrganizationDetailSerializer
    write_serializer_class = serializers.OrganizationWriteSerializer
    filterset_class = filters.OrganizationFilterSet
    speaker_field = "speaker_organization"
    holder_field = "organization"


@extend_schema_view(
    **_docs("measure", "measures", item=serializers.MeasureSerializer, filters_note="Filter by name or unit.")
)
class MeasureViewSet(FactViewSet):
    queryset = Measure.objects.all()
    serializer_class = serializers.MeasureSerializer
    write_serializer_class = serializers.MeasureWriteSerializer
    filterset_class = filters.MeasureFilterSet
    ordering_fields = ["name", "id", "created_at"]
    ordering = ["name"]

    @extend_schema(
        summary="Compare a measure across articles",
        description="Every figure of the measure, in the order its articles were published (unknown dates last, "
        "then by when the article was stored), with who gave each value and the exact passage; the spread of the "
        "reported values; and whether the sources disagree (their central estimates differ by more than the "
        "`tolerance` factor, default 2). A figure's central estimate is its value, or for a range or vague figure "
        "the geometric mean of its bounds (its low bound when it has no high).",
        examples=[COMPARISON_EXAMPLE],
        responses={200: OpenApiTypes.OBJECT, 400: BAD_QUERY, 404: NOT_FOUND},
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def comparison(self, request: Request, pk: str | None = None) -> Response:
        measure = get_object_or_404(Measure, pk=pk)
        return Response(compare_measure(measure, request, self.get_serializer_context()))


@extend_schema_view(
    list=extend_schema(
        operation_id="claim_reviews_list",
        summary="Reviewed claims as schema.org ClaimReview",
        description="Every claim with a review verdict (not unreviewed), as schema.org ClaimReview JSON-LD, newest "
        "first, a cursor page at a time.",
        responses={200: OpenApiTypes.OBJECT, 400: BAD_QUERY},
    ),
    retrieve=extend_schema(
        summary="One reviewed claim as schema.org ClaimReview",
        description="The claim's latest review verdict as schema.org ClaimReview JSON-LD; 404 while unreviewed.",
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
    ),
)
class ClaimReviewViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = (
        Claim.objects.exclude(review_status=Claim.ReviewStatus.UNREVIEWED)
        .select_related("article", "speaker_person", "speaker_organization")
        .defer("search_vector", *ARTICLE_SUMMARY)
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.order_by("-reviewed_at", "-id"), to_attr="reviews_newest_first")
        )
    )
    renderer_classes = [JSONLDRenderer, JSONRenderer, BrowsableAPIRenderer]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"
    ordering = ["-id"]

    def get_serializer_class(self) -> type:
        return ClaimReviewSerializer


class ClaimReviewSerializer(drf_serializers.BaseSerializer):
    def to_representation(self, claim: Claim) -> dict[str, Any]:
        return jsonld.claim_review(claim, self.context.get("request"))


def not_found(request: Any, exception: Exception | None = None) -> Any:
    """404 for a URL that matches no route: JSON under /api/, Django's page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found: no such resource or record."}, status=404)
    return page_not_found(request, exception)


def server_error(request: Any) -> Any:
    """500, should anything still escape: JSON under /api/, Django's page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import server_error as default_server_error

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Something went wrong on our side; it has been logged."}, status=500)
    return default_server_error(request)


@extend_schema_view(
    list=extend_schema(
        summary="List proposals",
        description="What the extractor proposed, a cursor page at a time (`next` follows), newest first: candidate "
        "people, organizations, mentions, roles, claims (direct quotes and paraphrases) and figures, each with its "
        "passage, proposed values (`data`), confidence and status. Filter by article, kind, status, minimum "
        "confidence and extractor version. Add `format=csv` (or Accept: text/csv) for CSV.",
        responses={200: serializers.ProposalSerializer(many=True), 400: BAD_QUERY},
    ),
    retrieve=extend_schema(
        summary="Get one proposal",
        description="The proposal, with what accepting it created (`record`) once accepted.",
        responses={200: serializers.ProposalSerializer, 404: NOT_FOUND},
    ),
)
class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposals are made by the extractor and reviewed with the actions below; never edited directly."""

    queryset = PROPOSALS
    serializer_class = serializers.ProposalSerializer
    filterset_class = filters.ProposalFilterSet
    ordering_fields = ["id", "confidence", "start", "created_at"]
    ordering = ["-id"]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        # An accept or reject is one transaction: all of it, or nothing.
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def _respond(self, proposals: list[Proposal], many: bool = False) -> Response:
        fresh = {p.pk: p for p in PROPOSALS.filter(pk__in=[p.pk for p in proposals])}
        ordered = [fresh[p.pk] for p in proposals]
        context = self.get_serializer_context()
        if many:
            return Response({"proposals": serializers.ProposalSerializer(ordered, many=True, context=context).data})
        return Response(serializers.ProposalSerializer(ordered[0], context=context).data)

    @extend_schema(
        summary="Accept a proposal",
        description="Record what the proposal proposes: a person or organization (found by name or alias, or "
        "created), a mention, a role, a claim or a figure, made through the same checks as every other write. "
        "Send corrections in `edits` to accept it as corrected; they are kept on the proposal. Speakers are found "
        "among stored people and organizations by name or alias, or created. Accepting an accepted proposal again "
        "returns it unchanged and creates nothing. Needs an editor's token.",
        request=serializers.ProposalAcceptSerializer,
        examples=PROPOSAL_ACCEPT_EXAMPLES,
        responses={200: serializers.ProposalSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def accept(self, request: Request, pk: str | None = None) -> Response:
        proposal = get_object_or_404(Proposal.objects.only("id"), pk=pk)
        serializer = serializers.ProposalAcceptSerializer(data=request.data)  # no body: an empty QueryDict, no edits
        serializer.is_valid(raise_exception=True)
        services.proposal_accept(proposal=proposal, edits=serializer.validated_data.get("edits"), user=request.user)
        return self._respond([proposal])

    @extend_schema(
        summary="Reject a proposal",
        description="Mark the proposal rejected, with who and when; nothing is recorded. Rejecting it again changes "
        "nothing; an accepted proposal cannot be rejected (correct or delete the record it created instead). "
        "Needs an editor's token.",
        request=None,
        responses={200: serializers.ProposalSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def reject(self, request: Request, pk: str | None = None) -> Response:
        proposal = get_object_or_404(Proposal.objects.only("id"), pk=pk)
        services.proposal_reject(proposal=proposal, user=request.user)
        return self._respond([proposal])

    @extend_schema(
        operation_id="proposals_accept_many",
        summary="Accept several proposals",
        description="Accept every listed proposal, as they were proposed, all or none: people and organizations "
        "first, then mentions, roles, claims, and the figures inside those claims. A proposal that cannot be "
        "accepted refuses the whole request (400, naming it). Already accepted ones are left as they are. Needs "
        "an editor's token.",
        request=serializers.ProposalIdsSerializer,
        responses={
            200: inline_serializer("AcceptedProposals", {"proposals": serializers.ProposalSerializer(many=True)}),
            **WRITE_ERRORS,
        },
    )
    @action(detail=False, methods=["post"], url_path="accept", filter_backends=[], pagination_class=None)
    def accept_many(self, request: Request) -> Response:
        serializer = serializers.ProposalIdsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = list(dict.fromkeys(serializer.validated_data["ids"]))
        found = Proposal.objects.in_bulk(ids)
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise drf_serializers.ValidationError({"ids": [f"No proposal with id {', '.join(map(str, missing))}."]})
        proposals = [found[pk] for pk in ids]
        services.proposals_accept(proposals=proposals, user=request.user)
        return self._respond(proposals, many=True)
