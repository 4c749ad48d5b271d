"""Versions of an article over HTTP: a correction sent, how each carried fact was re-anchored, a diff.

The nested `anchoring` and `carried_onward` parts are built by facts/api/representations.py on
both read paths; the fields here describe them for the schema.
"""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from facts.api import representations
from facts.api.serializers.fields import StrictInputMixin, text_field
from facts.models import Article, CarriedFact


class FromPassageSerializer(serializers.Serializer):
    """The passage the fact had on the previous version."""

    article = serializers.URLField(read_only=True)
    start = serializers.IntegerField(read_only=True)
    end = serializers.IntegerField(read_only=True)
    exact = serializers.CharField(read_only=True)


class AnchoringSerializer(serializers.Serializer):
    """How a fact was carried from the previous version of its article: null for a fact recorded on this one.

    `exact`: the same text where the diff of the bodies puts it; `moved`: the same text found once
    elsewhere; `fuzzy`: approximate text (similarity ≥ 0.70), which an editor confirms
    (`confirm-anchoring`) before a claim's verdict carries.
    """

    status = serializers.ChoiceField(choices=CarriedFact.Status.choices, read_only=True)
    similarity = serializers.FloatField(read_only=True, help_text="How alike the old and new texts are, 0–1.")
    needs_confirmation = serializers.BooleanField(read_only=True, help_text="A fuzzy match no editor confirmed yet.")
    confirmed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    from_record = serializers.URLField(read_only=True, help_text="The fact on the previous version.")
    from_passage = FromPassageSerializer(read_only=True)

    # None for a fact recorded on its article (the field is allow_null), as SpeakerSerializer's.
    def to_representation(self, record: Any) -> dict[str, Any] | None:  # type: ignore[override]
        return representations.anchoring(record, _view_name(record), representations.links_for(self.context))


class CarriedOnwardSerializer(serializers.Serializer):
    """Where the fact went in the next version of its article: null while its article is the latest version.

    `orphaned`: not found in the corrected text, so it stays on this version only (`to_record` null).
    """

    status = serializers.ChoiceField(choices=CarriedFact.Status.choices, read_only=True)
    to_record = serializers.URLField(read_only=True, allow_null=True, help_text="Its copy on the next version.")

    def to_representation(self, record: Any) -> dict[str, Any] | None:  # type: ignore[override]
        return representations.carried_onward(record, _view_name(record), representations.links_for(self.context))


def _view_name(record: Any) -> str:
    return f"{record._meta.model_name}-detail"


class CarriedFields(serializers.Serializer):
    """The fields of a claim, figure, mention or role that say how it moved between its article's versions."""

    anchoring = AnchoringSerializer(source="*", read_only=True, allow_null=True)
    carried_onward = CarriedOnwardSerializer(source="*", read_only=True, allow_null=True)


class VersionLinksFields(serializers.Serializer):
    """An article's place among the versions of its text."""

    version = serializers.IntegerField(read_only=True, help_text="1 for a first text, 2 for its correction, …")
    previous_version: serializers.HyperlinkedRelatedField[Article] = serializers.HyperlinkedRelatedField(
        view_name="article-detail", read_only=True, allow_null=True, help_text="The version this text corrects."
    )
    next_version = serializers.SerializerMethodField(help_text="The version that corrects this text; null if none.")
    latest_version = serializers.SerializerMethodField(help_text="The latest version of this text (maybe this one).")

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_next_version(self, article: Article) -> str | None:
        return representations.article_versions(article, representations.links_for(self.context))["next_version"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_latest_version(self, article: Article) -> str:
        return representations.article_versions(article, representations.links_for(self.context))["latest_version"]


class ArticleVersionWriteSerializer(StrictInputMixin, serializers.Serializer):
    """A corrected text of an article: its next version. Metadata left out is the previous version's."""

    body = text_field(help_text="The corrected text, exactly as received. It must differ from the current body.")
    title = text_field(required=False, max_length=500)
    publisher = text_field(required=False, max_length=200)
    source_url = serializers.URLField(required=False, max_length=2000, help_text="Where the corrected text is.")
    language = text_field(required=False, max_length=35)
    published_on = serializers.DateField(required=False)


class DiffChangeSerializer(serializers.Serializer):
    """One changed range: text of the `from` version (`from_start`–`from_end`) replaced by text of the other."""

    op = serializers.ChoiceField(choices=["replace", "delete", "insert"], read_only=True)
    from_start = serializers.IntegerField(read_only=True)
    from_end = serializers.IntegerField(read_only=True)
    to_start = serializers.IntegerField(read_only=True)
    to_end = serializers.IntegerField(read_only=True)
    removed = serializers.CharField(read_only=True)
    added = serializers.CharField(read_only=True)


class VersionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)
    version = serializers.IntegerField(read_only=True)


class ArticleDiffSerializer(serializers.Serializer):
    """What changed between two versions of an article's text, in code points, and as a unified diff by lines."""

    from_version = VersionSummarySerializer(read_only=True)
    to_version = VersionSummarySerializer(read_only=True)
    changes = DiffChangeSerializer(many=True, read_only=True)
    unified = serializers.CharField(read_only=True, help_text="The same changes as a unified diff of lines.")
