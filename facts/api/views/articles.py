"""/articles/: stored texts, their W3C Web Annotations export, and queueing the extractor's run on one.

A corrected text is the article's next version (`versions/`, facts/api/views/versions.py).
Deleting an article withdraws it: it and its facts leave every list and read, nothing is
destroyed, and `POST /articles/{id}/restore/` brings it back.
"""

import hashlib
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length
from drf_spectacular.utils import extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from facts import services
from facts.api import docs, facets, filters, jsonld, offsets, serializers
from facts.api.idempotency import idempotent
from facts.api.renderers import JSONLDRenderer, JSONRenderer
from facts.api.serializers.sources import ArticleRequestSerializer
from facts.api.views.base import FactViewSet
from facts.api.views.versions import ArticleVersionsMixin
from facts.models import Article, Claim, Extraction, Figure, Mention, Role, record_etag
from facts.models.passages import carried_relations


@extend_schema_view(**docs.ARTICLES)
class ArticleViewSet(ArticleVersionsMixin, FactViewSet):
    """Articles: a list without their bodies; one with its body and every fact recorded from it."""

    # The extraction state is joined in (a LEFT JOIN, no query of its own).
    queryset = (
        Article.objects.current()
        .defer("body", "search_vector")
        .select_related("extraction")
        .annotate(body_length=Length("body"))
        .with_version_links()
    )
    # Its facts are prefetched per reader: facts_prefetches.
    detail_queryset = Article.objects.current().defer("search_vector").select_related("extraction").with_version_links()
    serializer_class = serializers.ArticleSerializer
    detail_serializer_class = serializers.ArticleDetailSerializer
    write_serializer_class = serializers.ArticleWriteSerializer
    filterset_class = filters.ArticleFilterSet
    ordering_fields = ["id", "published_on", "created_at", "updated_at"]
    ordering = ["-id"]
    facets = facets.ARTICLES
    body_search_parameters = ("q",)
    mention_parameters = ("person", "organization")

    def get_queryset(self) -> QuerySet[Article]:
        queryset = super().get_queryset()
        if self.action in ("list", "export"):
            return queryset
        return queryset.prefetch_related(*self.facts_prefetches())

    def get_detail_queryset(self) -> QuerySet[Article]:
        return super().get_detail_queryset().prefetch_related(*self.facts_prefetches())

    def facts_prefetches(self) -> list[Prefetch]:
        """The facts a single article shows: those the reader may see (facts/access.py)."""
        user = self.request.user
        claims = Claim.objects.select_related(
            "speaker_person", "speaker_organization", *carried_relations("claim")
        ).defer("search_vector", "anchoring__from_claim__search_vector")
        figures = Figure.objects.select_related(
            "measure", "speaker_person", "speaker_organization", *carried_relations("figure")
        )
        return [
            Prefetch("claims", queryset=claims.visible_to(user)),
            Prefetch("figures", queryset=figures.visible_to(user)),
            Prefetch("mentions", queryset=Mention.objects.for_api().visible_to(user)),
            Prefetch("roles", queryset=Role.objects.for_api().visible_to(user)),
        ]

    def current_etag(self, article: Article) -> str:
        # A read shows the extraction state too: a client polling with If-None-Match sees it
        # change (a PATCH with a tag read before it changed is refused, and the article read again).
        try:
            state = f"{article.extraction.status}@{article.extraction.updated_at.isoformat()}"
        except Extraction.DoesNotExist:
            state = "none"
        digest = hashlib.sha256(f"{record_etag(article)}|{state}".encode()).hexdigest()
        return f'"{digest[:40]}"'

    @docs.ARTICLE_ANNOTATIONS
    @action(detail=True, renderer_classes=[JSONLDRenderer, JSONRenderer], pagination_class=None, filter_backends=[])
    def annotations(self, request: Request, pk: str | None = None) -> Response:
        user = request.user
        article = get_object_or_404(Article.objects.current().visible_to(user).defer("body", "search_vector"), pk=pk)
        records = [
            *Claim.objects.filter(article=article)
            .visible_to(user)
            .select_related("speaker_person", "speaker_organization")
            .defer("search_vector"),
            *Figure.objects.filter(article=article).visible_to(user).select_related("measure"),
            *Mention.objects.for_api().filter(article=article).visible_to(user),
            *Role.objects.for_api().filter(article=article).visible_to(user),
        ]
        records.sort(key=lambda record: (record.start, record.end))
        utf16 = offsets.converter_for(self.get_serializer_context())
        return Response(jsonld.article_annotations(article, records, request, utf16))

    @docs.ARTICLE_EXTRACT
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def extract(self, request: Request, pk: str | None = None) -> Response:
        article = get_object_or_404(Article.objects.current().defer("body", "search_vector"), pk=pk)
        extraction = services.extraction_enqueue(article=article)
        data = serializers.ExtractionSerializer(extraction, context=self.get_serializer_context()).data
        location = reverse("article-detail", kwargs={"pk": article.pk}, request=request)
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": location})

    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if "url" not in request.data:
            return super().create.__wrapped__(self, request, *args, **kwargs)  # type: ignore[attr-defined]
        # A page to fetch: recorded, its fetch queued as a job, answered 202 with where it stands.
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        article_request = services.article_request_create(
            url=data.pop("fetch_url"), source_url=data.pop("url", None), given=services.GivenMetadata(**data)
        )
        body = ArticleRequestSerializer(article_request, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": str(body["url"])})

    def perform_destroy(self, instance: Article) -> None:
        # Withdrawn, not deleted: the body and every fact recorded from it are kept.
        services.article_withdraw(article=instance)

    @docs.ARTICLE_RESTORE
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def restore(self, request: Request, pk: str | None = None) -> Response:
        article = get_object_or_404(Article.objects.select_for_update(of=("self",)).defer("search_vector"), pk=pk)
        services.article_restore(article=article)
        return self.respond_with_record(article)
