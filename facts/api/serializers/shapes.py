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


def _optional_url(help_text: str) -> serializers.URLField:
    return serializers.URLField(required=False, help_text=help_text)


ClaimAuthorSerializer = shape(
    "ClaimAuthorSerializer",
    "Who made the claim: a schema.org Person or Organization (named ones only).",
    {
        "@type": _text("Person or Organization."),
        "name": _text(),
        "url": _optional_url("Its public page here; absent for the article's publisher."),
        "sameAs": _optional_url("Its Wikidata entity, when its Wikidata ID is recorded."),
    },
)
ReviewAuthorSerializer = shape(
    "ReviewAuthorSerializer",
    "Who publishes the fact check: the organization set by FACTBASE_PUBLISHER_NAME, _URL and _LOGO_URL.",
    {
        "@type": _text("Organization."),
        "name": _text(),
        "url": _optional_url("Its home page."),
        "logo": _optional_url("Its logo."),
    },
)
RatingSerializer = shape(
    "RatingSerializer",
    "The verdict as a schema.org Rating: 1 (false), 3 (disputed) or 5 (verified); unverifiable and retracted "
    "claims have words only, no number (DESCRIPTION, ClaimReview).",
    {
        "@type": _text("Rating."),
        "ratingValue": serializers.IntegerField(required=False, min_value=1, max_value=5),
        "bestRating": serializers.IntegerField(required=False, help_text="5, with ratingValue."),
        "worstRating": serializers.IntegerField(required=False, help_text="1, with ratingValue."),
        "alternateName": _text(
            "The verdict in words: Verified, Disputed, False, Unverifiable, Retracted by its source."
        ),
    },
)
PublisherSerializer = shape(
    "PublisherSerializer", "An article's publisher.", {"@type": _text("Organization."), "name": _text()}
)
AppearanceSerializer = shape(
    "AppearanceSerializer",
    "The article the claim appeared in, as a schema.org CreativeWork.",
    {
        "@type": _text("CreativeWork."),
        "@id": serializers.URLField(read_only=True, help_text="The article in this API."),
        "url": serializers.URLField(read_only=True, help_text="Where it was published if known, else its public page."),
        "headline": _text(required=False),
        "publisher": PublisherSerializer(required=False),
        "datePublished": serializers.DateField(required=False),
    },
)
ItemReviewedSerializer = shape(
    "ItemReviewedSerializer",
    "The claim reviewed: who made it, where and when it appeared.",
    {
        "@type": _text("Claim."),
        "author": ClaimAuthorSerializer(
            required=False,
            help_text="A named person or organization, or the article's publisher for its own voice; absent for an "
            "unnamed group and for the voice of an article whose publisher is unknown.",
        ),
        "creditText": _text("An unnamed group, in the article's words (“some activists”).", required=False),
        "datePublished": serializers.DateField(required=False, help_text="The article's publication date, if known."),
        "appearance": AppearanceSerializer(),
    },
)


class ClaimReviewSerializer(DeclaredFieldsSerializer):
    """A claim's latest review verdict as schema.org ClaimReview (JSON-LD)."""

    declared = {
        "@context": _text("https://schema.org"),
        "@type": _text("ClaimReview."),
        "@id": serializers.URLField(read_only=True),
        "url": serializers.URLField(read_only=True, help_text="The claim's public page, which hosts the fact check."),
        "claimReviewed": _text(
            "The editor's summary of the claim, else the claim's words in quotation marks, shortened to 75 "
            "characters at a word boundary with an ellipsis."
        ),
        "datePublished": serializers.DateField(required=False, help_text="The day of the latest review."),
        "author": ReviewAuthorSerializer(required=False, help_text="Absent while FACTBASE_PUBLISHER_NAME is unset."),
        "reviewBody": _text("The latest review's public note, when it has one.", required=False),
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
