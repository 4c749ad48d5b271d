"""Versions of an article: submitting a corrected text, the latest version, a diff; confirming a fuzzy match.

`ArticleVersionsMixin` adds `/articles/{id}/versions/` (GET the chain, POST a correction),
`/articles/{id}/latest/` and `/articles/{id}/diff/?from=<id>` to the article viewset;
`ConfirmAnchoringMixin` adds `/<facts>/{id}/confirm-anchoring/` to claims, figures, mentions, roles.
"""

import difflib
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from facts import access, services
from facts.api import serializers
from facts.api.exceptions import Conflict
from facts.api.representations import links_for
from facts.api.schema import BAD_QUERY, CONFLICT, NOT_FOUND, WRITE_ERRORS
from facts.models import Article, CarriedFact
from facts.services.reanchoring import changed_ranges

# Refusals that are about the article's state, not the text sent: 409, as other conflicts.
CONFLICT_CODES = {"withdrawn", "not_latest", "conflict"}


ARTICLE_VERSIONS = extend_schema(
    summary="List the versions of an article's text, or submit a corrected text",
    description="GET: every version of this article's text, first to last (each as in the article list). "
    "POST (an editor): store a corrected text as the next version; the article sent must be the latest "
    "version and not withdrawn (else 409), and the text must differ from its body and from every stored "
    "text (else 400). Metadata left out is the previous version's. Every claim, figure, mention and role "
    "of the previous version is carried to the new one, its passage re-anchored: each carried record's "
    "`anchoring` says `exact`, `moved` or `fuzzy` (confirm it with `confirm-anchoring`); a record not found "
    "stays on the old version, its `carried_onward` `orphaned`. The old version never changes.",
    request=serializers.ArticleVersionWriteSerializer,
    responses={
        200: serializers.ArticleSerializer(many=True),
        201: serializers.ArticleDetailSerializer,
        404: NOT_FOUND,
        409: CONFLICT,
        **WRITE_ERRORS,
    },
)

ARTICLE_LATEST = extend_schema(
    summary="The latest version of an article",
    description="The latest version (not withdrawn) of the text this article is a version of: the one no "
    "current correction replaces.",
    responses={200: serializers.ArticleDetailSerializer, 404: NOT_FOUND},
)

ARTICLE_DIFF = extend_schema(
    summary="What changed between two versions of an article",
    description="The changed ranges of the two bodies (offsets in code points; `from_*` in the `from` version, "
    "`to_*` in this one), from a diff by words, and the same as a unified diff of lines. They are the texts "
    "themselves: under FACTBASE_READ_ACCESS=reviewed only signed-in readers get them (403 otherwise).",
    parameters=[
        OpenApiParameter(
            "from",
            OpenApiTypes.INT,
            description="Another version of the same text (an article id); the previous version when left out.",
        )
    ],
    responses={200: serializers.ArticleDiffSerializer, 400: BAD_QUERY, 404: NOT_FOUND},
)


def confirm_anchoring_docs(detail: type[drf_serializers.Serializer]) -> dict[str, Any]:
    """The documentation of a fact viewset's `confirm-anchoring`, answered with `detail` (for extend_schema_view)."""
    return {
        "confirm_anchoring": extend_schema(
            summary="Confirm a fuzzy re-anchoring",
            description="An editor confirms that this record's passage, found approximately in a corrected text, "
            "is the fact recorded on the previous version; a claim then takes the previous version's verdict. "
            "Only a record carried `fuzzy`, not yet confirmed, can be confirmed (else 400). Needs an editor's "
            "token.",
            request=None,
            responses={200: detail, 404: NOT_FOUND, **WRITE_ERRORS},
        )
    }


class ArticleVersionsMixin:
    """The version operations of the article viewset (a FactViewSet)."""

    @ARTICLE_VERSIONS
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def versions(self, request: Request, pk: str | None = None) -> Response:
        view: Any = self
        if request.method == "GET":
            # The versions the reader may see (facts/access.py), of an article they may see.
            readable = Article.objects.current().visible_to(request.user)
            article = get_object_or_404(readable.only("pk", "first_version_id"), pk=pk)
            listed = (
                view.queryset.filter(pk__in=article.versions().values("pk"))
                .visible_to(request.user)
                .order_by("version")
            )
            data = serializers.ArticleSerializer(listed, many=True, context=view.get_serializer_context()).data
            return Response(data)
        article = get_object_or_404(Article.objects.defer("search_vector"), pk=pk)
        serializer = serializers.ArticleVersionWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        if "source_url" in values:
            values["url"] = values.pop("source_url")
        try:
            version = services.article_version_create(article=article, **values)
        except ValidationError as error:
            if CONFLICT_CODES & {e.code for e in _flat(error)}:
                raise Conflict({"detail": " ".join(e.message % (e.params or {}) for e in _flat(error))}) from error
            raise
        return view.respond_with_record(version, status.HTTP_201_CREATED)

    @ARTICLE_LATEST
    @action(detail=True, filter_backends=[], pagination_class=None)
    def latest(self, request: Request, pk: str | None = None) -> Response:
        view: Any = self
        readable = Article.objects.current().visible_to(request.user)
        article = get_object_or_404(readable.only("pk", "first_version_id"), pk=pk)
        # The latest version not withdrawn that the reader may see (this one at least is).
        latest = (
            article.versions().filter(withdrawn_at=None).visible_to(request.user).values_list("pk", flat=True).last()
        )
        return view.respond_with_record(Article(pk=latest))

    @ARTICLE_DIFF
    @action(detail=True, filter_backends=[], pagination_class=None)
    def diff(self, request: Request, pk: str | None = None) -> Response:
        view: Any = self
        if not access.can_read_everything(request.user):
            # The differences are the texts themselves, which only signed-in readers see under `reviewed`.
            raise PermissionDenied(access.hidden_from_anonymous("Differences between article texts"))
        article = get_object_or_404(Article.objects.current().defer("search_vector"), pk=pk)
        other = _other_version(article, request.query_params.get("from"))
        links = links_for(view.get_serializer_context())
        return Response(
            {
                "from_version": _summary(other, links),
                "to_version": _summary(article, links),
                "changes": changed_ranges(other.body, article.body),
                "unified": "".join(
                    difflib.unified_diff(
                        other.body.splitlines(keepends=True),
                        article.body.splitlines(keepends=True),
                        fromfile=f"version {other.version} (article {other.pk})",
                        tofile=f"version {article.version} (article {article.pk})",
                    )
                ),
            }
        )


def _summary(article: Article, links: Any) -> dict[str, Any]:
    return {"id": article.pk, "url": links("article-detail", article.pk), "version": article.version}


def _flat(error: ValidationError) -> list[ValidationError]:
    if hasattr(error, "error_dict"):
        return [e for errors in error.error_dict.values() for e in errors]
    return error.error_list


def _other_version(article: Article, given: str | None) -> Article:
    """The version to compare with: `from`, which must be another version of the same text, else the previous one."""
    if given is None:
        if article.previous_version_id is None:
            raise BadRequest({"from": [f"Article {article.pk} is a first version: give from=<another version's id>."]})
        return Article.objects.defer("search_vector").get(pk=article.previous_version_id)
    if not given.isdigit() or len(given) > 18:
        raise BadRequest({"from": ["Give the id of another version of this article (a whole number)."]})
    other = article.versions().defer("search_vector").filter(pk=int(given)).first()
    if other is None or other.pk == article.pk:
        raise BadRequest(
            {"from": [f"Article {given} is not another version of article {article.pk}; see its versions/."]}
        )
    return other


class ConfirmAnchoringMixin:
    """`POST /<facts>/{id}/confirm-anchoring/`: an editor confirms a fuzzy match (a fact viewset)."""

    @action(detail=True, methods=["post"], url_path="confirm-anchoring", filter_backends=[], pagination_class=None)
    def confirm_anchoring(self, request: Request, pk: str | None = None) -> Response:
        view: Any = self
        model: type[Model] = view.queryset.model
        record = get_object_or_404(_current(model._default_manager.all()).only("pk"), pk=pk)
        carried = CarriedFact.objects.filter(**{f"to_{model._meta.model_name}": record}).first()
        if carried is None:
            raise BadRequest({"detail": f"This {model._meta.verbose_name} was not carried from a previous version."})
        services.carried_fact_confirm(carried=carried, user=request.user if request.user.is_authenticated else None)
        return view.respond_with_record(record)


def _current(queryset: QuerySet) -> QuerySet:
    return queryset.filter(article__withdrawn_at=None)
