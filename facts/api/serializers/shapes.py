"""The shapes of responses built outside a model serializer: typed for the schema and for CSV.

The comparison (facts/api/comparison.py), the W3C Web Annotations and schema.org ClaimReview
exports (facts/api/jsonld.py), a list's facets and total (facts/api/listing.py) and the change
feed (facts/api/changes.py) are built as plain dicts. These serializers describe them, so the
schema has a typed component for each (and a generated client a model), and a CSV of them has
fixed columns (facts/api/exports.py). JSON-LD's keys (`@context`, `@type`) are not Python
names, so those serializers declare their fields in `declared` instead of as attributes.
"""

import copy
from typing import Any

from rest_framework import serializers

from facts.api import jsonld
from facts.api.changes import RESOURCE_NAMES as CHANGE_RESOURCES
from facts.api.serializers.read import FigureSerializer, MeasureSerializer


def _decimal(help_text: str) -> serializers.CharField:
    return serializers.CharField(read_only=True, allow_null=True, help_text=help_text)


class SpreadSerializer(serializers.Serializer):
    """The range of the values reported for a measure, as decimal strings."""

    lowest = _decimal("The lowest bound or value any figure gives.")
    highest = _decimal("The highest bound or value any figure gives.")
    lowest_central_estimate = _decimal("The lowest central estimate, to two decimals.")
    highest_central_estimate = _decimal("The highest central estimate, to two decimals.")


class ComparedFigureSerializer(FigureSerializer):
    """A figure of a comparison: the figure, with its central estimate."""

    central_estimate = _decimal("Its value, or the geometric mean of its bounds (its low bound without a high).")

    class Meta(FigureSerializer.Meta):
        fields = [*FigureSerializer.Meta.fields, "central_estimate"]


class ComparisonSerializer(serializers.Serializer):
    """A measure's figures side by side, their spread, and whether the sources disagree."""

    measure = MeasureSerializer(read_only=True)
    figure_count = serializers.IntegerField(read_only=True, help_text="How many figures count the measure.")
    truncated = serializers.BooleanField(read_only=True, help_text="Whether there were more figures than listed.")
    spread = SpreadSerializer(read_only=True)
    tolerance = serializers.CharField(read_only=True, help_text="How many times apart estimates may be.")
    disagreement_ratio = _decimal("The highest central estimate divided by the lowest.")
    sources_disagree = serializers.BooleanField(
        read_only=True, help_text="Whether the central estimates differ by more than the tolerance."
    )
    figures = ComparedFigureSerializer(many=True, read_only=True)


class DeclaredFieldsSerializer(serializers.Serializer):
    """A read-only shape whose field names are given as a dict (`declared`), not as attributes."""

    declared: dict[str, Any] = {}

    def get_fields(self) -> dict[str, serializers.Field]:
        # Each instance binds its own copies, as DRF does with the fields declared as attributes.
        return copy.deepcopy(type(self).declared)


def shape(name: str, doc: str, fields: dict[str, Any]) -> type[DeclaredFieldsSerializer]:
    """A DeclaredFieldsSerializer class named `name` (its schema component) with these fields."""
    return type(name, (DeclaredFieldsSerializer,), {"__doc__": doc, "declared": fields, "__module__": __name__})


def _text(help_text: str = "", **kwargs: Any) -> serializers.CharField:
    # Read-only fields are required in the schema (always in the output); a field that may be
    # missing (required=False) is left writable, which these shapes never are in practice.
    kwargs.setdefault("read_only", kwargs.get("required", True))
    return serializers.CharField(help_text=help_text, **kwargs)


def _thing(name: str, doc: str) -> type[DeclaredFieldsSerializer]:
    return shape(name, doc, {"@type": _text("Person or Organization."), "name": _text()})


ClaimAuthorSerializer = _thing("ClaimAuthorSerializer", "Who made the claim (schema.org Person or Organization).")
ReviewAuthorSerializer = _thing("ReviewAuthorSerializer", "Who reviewed it: the publisher of this service.")
RatingSerializer = shape(
    "RatingSerializer",
    "The verdict as a schema.org Rating, 1 (false) to 5 (verified).",
    {
        "@type": _text("Rating."),
        "ratingValue": serializers.IntegerField(read_only=True),
        "bestRating": serializers.IntegerField(read_only=True),
        "worstRating": serializers.IntegerField(read_only=True),
        "alternateName": _text("The verdict in words: True, Disputed, Unverifiable, False, Retracted by its source."),
    },
)
AppearanceSerializer = shape(
    "AppearanceSerializer",
    "The article the claim appeared in, as a schema.org CreativeWork.",
    {
        "@type": _text("CreativeWork."),
        "@id": serializers.URLField(read_only=True, help_text="The article in this API."),
        "headline": _text(allow_null=True),
        "publisher": _text(allow_null=True),
        "datePublished": serializers.DateField(read_only=True, allow_null=True),
        "url": serializers.URLField(required=False, help_text="Where it was published, if known."),
    },
)
ItemReviewedSerializer = shape(
    "ItemReviewedSerializer",
    "The claim reviewed: who made it and where it appeared.",
    {"@type": _text("Claim."), "author": ClaimAuthorSerializer(read_only=True), "appearance": AppearanceSerializer()},
)


class ClaimReviewSerializer(DeclaredFieldsSerializer):
    """A claim's latest review verdict as schema.org ClaimReview (JSON-LD)."""

    declared = {
        "@context": _text("https://schema.org"),
        "@type": _text("ClaimReview."),
        "@id": serializers.URLField(read_only=True),
        "url": serializers.URLField(read_only=True, help_text="The claim in this API."),
        "claimReviewed": _text("The claim's exact words."),
        "datePublished": serializers.DateField(read_only=True, allow_null=True, help_text="The day of the review."),
        "author": ReviewAuthorSerializer(read_only=True),
        "reviewBody": _text("The reviewer's note."),
        "reviewRating": RatingSerializer(read_only=True),
        "itemReviewed": ItemReviewedSerializer(read_only=True),
    }

    def to_representation(self, claim: Any) -> dict[str, Any]:
        return jsonld.claim_review(claim, self.context.get("request"))


SelectorSerializer = shape(
    "SelectorSerializer",
    "Where the annotation sits: a TextQuoteSelector (exact, prefix, suffix) or a TextPositionSelector "
    "(start, end; code points, or UTF-16 code units with offsets=utf16).",
    {
        "type": _text("TextQuoteSelector or TextPositionSelector."),
        "exact": _text(required=False),
        "prefix": _text(required=False),
        "suffix": _text(required=False),
        "start": serializers.IntegerField(required=False),
        "end": serializers.IntegerField(required=False),
    },
)
AnnotationBodySerializer = shape(
    "AnnotationBodySerializer",
    "A TextualBody (tagging: the kind of record; describing: what it is) or a SpecificResource (linking: "
    "the record in this API).",
    {
        "type": _text("TextualBody or SpecificResource."),
        "purpose": _text("tagging, describing or linking."),
        "value": _text(required=False),
        "source": serializers.URLField(required=False),
    },
)
TargetSerializer = shape(
    "TargetSerializer",
    "The article (source) and the passage in it (selector).",
    {"source": serializers.URLField(read_only=True), "selector": SelectorSerializer(many=True, read_only=True)},
)
AnnotationSerializer = shape(
    "AnnotationSerializer",
    "One recorded passage as a W3C Web Annotation.",
    {
        "id": serializers.URLField(read_only=True),
        "type": _text("Annotation."),
        "motivation": _text("describing, or identifying for a mention."),
        "created": serializers.DateTimeField(read_only=True),
        "modified": serializers.DateTimeField(read_only=True),
        "body": AnnotationBodySerializer(many=True, read_only=True),
        "target": TargetSerializer(read_only=True),
    },
)
AnnotationCollectionSerializer = shape(
    "AnnotationCollectionSerializer",
    "All the annotations of the article.",
    {
        "id": serializers.URLField(read_only=True),
        "type": _text("AnnotationCollection."),
        "total": serializers.IntegerField(read_only=True),
    },
)
AnnotationPageSerializer = shape(
    "AnnotationPageSerializer",
    "Every passage recorded from an article, as W3C Web Annotations (JSON-LD).",
    {
        "@context": _text("http://www.w3.org/ns/anno.jsonld"),
        "id": serializers.URLField(read_only=True),
        "type": _text("AnnotationPage."),
        "partOf": AnnotationCollectionSerializer(read_only=True),
        "startIndex": serializers.IntegerField(read_only=True),
        "items": AnnotationSerializer(many=True, read_only=True),
    },
)


# ("label" is also an attribute of every DRF field, so it is declared, not an attribute.)
DeletedSerializer = shape(
    "DeletedSerializer",
    "What a deletion removed: its label and the record's last stored values.",
    {
        "label": _text("Its name, title or exact text."),
        "record": serializers.DictField(read_only=True, help_text="Every field as it was last stored."),
    },
)


class ChangeSerializer(serializers.Serializer):
    """One change: when, what was done, to which record."""

    position = serializers.CharField(read_only=True, help_text="This event's place in the feed (an `after`).")
    time = serializers.DateTimeField(read_only=True, help_text="When the transaction that made it began.")
    action = serializers.ChoiceField(
        choices=["insert", "update", "delete", "merge"], read_only=True, help_text="merge: others merged into it."
    )
    resource = serializers.ChoiceField(choices=CHANGE_RESOURCES, read_only=True)
    id = serializers.IntegerField(read_only=True, help_text="The record's id.")
    url = serializers.URLField(read_only=True, help_text="The record (404 once deleted).")
    deleted = DeletedSerializer(read_only=True, allow_null=True, help_text="For a deletion, what was deleted.")


class ChangesPageSerializer(serializers.Serializer):
    """A page of the change feed."""

    results = ChangeSerializer(many=True, read_only=True)
    next = serializers.URLField(
        read_only=True, help_text="Poll this for the changes after these; it is the same URL when there were none."
    )
