"""/articles/: stored texts, their W3C Web Annotations export, and queueing the extractor's run on one.

Deleting an article withdraws it: it and its facts leave every list and read, nothing is
destroyed, and `POST /articles/{id}/restore/` brings it back.
"""

import hashlib

from django.db.models import Prefetch
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
from facts.api.renderers import JSONLDRenderer, JSONRenderer
from facts.api.views.base import FactViewSet
from facts.models import Article, Claim, Extraction, Figure, Mention, Role, record_etag


@extend_schema_view(**docs.ARTICLES)
class ArticleViewSet(FactViewSet):
    """Articles: a list without their bodies; one with its body and every fact recorded from it."""

    # The extraction state is joined in (a LEFT JOIN, no query of its own).
    queryset = (
        Article.objects.current()
        .defer("body", "search_vector")
        .select_related("extraction")
        .annotate(body_length=Length("body"))
    )
    detail_queryset = (
        Article.objects.current()
        .defer("search_vector")
        .select_related("extraction")
        .prefetch_related(
            Prefetch(
                "claims",
                queryset=Claim.objects.select_related("speaker_person", "speaker_organization").defer("search_vector"),
            ),
            Prefetch(
                "figures", queryset=Figure.objects.select_related("measure", "speaker_person", "speaker_organization")
            ),
            Prefetch("mentions", queryset=Mention.objects.for_api()),
            Prefetch("roles", queryset=Role.objects.for_api()),
        )
    )
    serializer_class = serializers.ArticleSerializer
    detail_serializer_class = serializers.ArticleDetailSerializer
    write_serializer_class = serializers.ArticleWriteSerializer
    filterset_class = filters.ArticleFilterSet
    ordering_fields = ["id", "published_on", "created_at", "updated_at"]
    ordering = ["-id"]
    facets = facets.ARTICLES

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
        article = get_object_or_404(Article.objects.current().defer("body", "search_vector"), pk=pk)
        records = [
            *Claim.objects.filter(article=article)
            .select_related("speaker_person", "speaker_organization")
            .defer("search_vector"),
            *Figure.objects.filter(article=article).select_related("measure"),
            *Mention.objects.for_api().filter(article=article),
            *Role.objects.for_api().filter(article=article),
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

    def perform_destroy(self, instance: Article) -> None:
        # Withdrawn, not deleted: the body and every fact recorded from it are kept.
        services.article_withdraw(article=instance)

    @docs.ARTICLE_RESTORE
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def restore(self, request: Request, pk: str | None = None) -> Response:
        article = get_object_or_404(Article.objects.select_for_update(of=("self",)).defer("search_vector"), pk=pk)
        services.article_restore(article=article)
        return self.respond_with_record(article)
