"""/articles/: stored texts, their W3C Web Annotations export, and queueing the extractor's run on one."""

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
from facts.api import docs, filters, jsonld, serializers
from facts.api.querysets import MENTIONS, ROLES
from facts.api.renderers import JSONLDRenderer, JSONRenderer
from facts.api.views.base import FactViewSet
from facts.models import Article, Claim, Extraction, Figure, record_etag


@extend_schema_view(**docs.ARTICLES)
class ArticleViewSet(FactViewSet):
    """Articles: a list without their bodies; one with its body and every fact recorded from it."""

    # The extraction state is joined in (a LEFT JOIN, no query of its own).
    queryset = (
        Article.objects.defer("body", "search_vector").select_related("extraction").annotate(body_length=Length("body"))
    )
    detail_queryset = (
        Article.objects.defer("search_vector")
        .select_related("extraction")
        .prefetch_related(
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
    )
    serializer_class = serializers.ArticleSerializer
    detail_serializer_class = serializers.ArticleDetailSerializer
    write_serializer_class = serializers.ArticleWriteSerializer
    filterset_class = filters.ArticleFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]
    ordering = ["-id"]

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

    @docs.ARTICLE_EXTRACT
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def extract(self, request: Request, pk: str | None = None) -> Response:
        article = get_object_or_404(Article.objects.defer("body", "search_vector"), pk=pk)
        extraction = services.extraction_enqueue(article=article)
        data = serializers.ExtractionSerializer(extraction, context=self.get_serializer_context()).data
        location = reverse("article-detail", kwargs={"pk": article.pk}, request=request)
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": location})
