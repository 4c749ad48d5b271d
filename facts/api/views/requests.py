"""/article-requests/{id}/: where the import of an article from a URL stands (a background job)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from facts.api.serializers.sources import ArticleRequestSerializer
from facts.models import ArticleRequest


@extend_schema_view(
    retrieve=extend_schema(
        summary="Where an import from a URL stands",
        description="`POST /articles/` with a `url` answers 202 with this record, its Location here. Poll it: "
        "`queued`, `running`, then `done` (with `article`, and `created` false when the text was already "
        "stored) or `failed` (with `error`: an address that is not public, a page too large or too slow, "
        "not HTML, or without article text).",
    )
)
class ArticleRequestViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An import from a URL: read-only; created by `POST /articles/` with a `url`."""

    queryset = ArticleRequest.objects.select_related("article")
    serializer_class = ArticleRequestSerializer
    filter_backends: list = []
    lookup_value_regex = r"[0-9]+"
