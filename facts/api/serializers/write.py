"""Write serializers: what a client may send to create or change a record.

Anchored records are created from the article and the exact quote (offsets optional)
through facts.services, so the API, the admin and the seed loader refuse the same input
with the same message. These serializers only check the shape of the input: creating and
updating are the services' (record_create, record_update, claim_create, ...), which
validate the model and save it.
"""

from typing import Any

from django.db import models
from rest_framework import serializers

from facts import services
from facts.api.serializers.fields import MAX_OFFSET, StrictModelSerializer, text_field
from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Passage, Person, Review, Role

PASSAGE_INPUT_FIELDS = ("article", *Passage.SPAN_FIELDS)


# (No docstring: drf-spectacular would show it on every write serializer without one of its own.)
class RecordWriteSerializer(StrictModelSerializer):
    # A record's editable fields change through services.record_update, which validates the
    # model (full_clean) before saving and keeps derived fields (a figure's bounds) in step.

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        return services.record_update(instance=instance, changes=validated_data)


class AnchoredWriteSerializer(RecordWriteSerializer):
    """Input for a record that sits on a passage: the article and the exact quote.

    Offsets are optional: the quote is found in the article body. `start` (or a `prefix`
    / `suffix`) picks one occurrence of a quote that appears several times. Once saved,
    the passage never changes: those fields are refused on update.
    """

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.current().defer("search_vector"))
    exact = text_field(help_text="The quote, exactly as in the article body.")
    start = serializers.IntegerField(
        min_value=0,
        max_value=MAX_OFFSET,
        required=False,
        allow_null=True,
        help_text="Optional: where the quote starts.",
    )
    end = serializers.IntegerField(
        min_value=1, max_value=MAX_OFFSET, required=False, allow_null=True, help_text="Optional: where it ends."
    )
    prefix = text_field(required=False, allow_blank=True, help_text="Optional: text just before the quote.")
    suffix = text_field(required=False, allow_blank=True, help_text="Optional: text just after the quote.")

    read_only_reasons = {
        name: "A saved record's passage never changes; delete the record and create it again on the right passage."
        for name in PASSAGE_INPUT_FIELDS
    }
    fixed_once_saved: tuple[str, ...] = PASSAGE_INPUT_FIELDS

    class Meta:
        # Uniqueness and check constraints are validated by the model (full_clean) in the
        # services; DRF's own unique-together validator would make the optional offsets required.
        validators: list = []


class SpeakerInputMixin(serializers.Serializer):
    """Who made a claim or gave a figure: a person, an organization or an unnamed group (at most one)."""

    speaker_person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True, help_text="A person's id."
    )
    speaker_organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True, help_text="An organization's id."
    )
    speaker_group = text_field(
        required=False,
        allow_null=True,
        max_length=300,
        help_text="An unnamed source in words (“some activists”). Give at most one speaker; none means "
        "the article's own voice.",
    )


class ClaimWriteSerializer(AnchoredWriteSerializer, SpeakerInputMixin):
    attribution_exact = text_field(
        required=False, allow_null=True, help_text="Optional: the words attributing the claim (“added Mr. Flake”)."
    )
    attribution_start = serializers.IntegerField(
        min_value=0, max_value=MAX_OFFSET, required=False, allow_null=True, help_text="Picks one occurrence of them."
    )
    # The attribution is a passage too: it never changes once saved.
    fixed_once_saved = (*PASSAGE_INPUT_FIELDS, "attribution_exact", "attribution_start")

    class Meta(AnchoredWriteSerializer.Meta):
        model = Claim
        fields = [*PASSAGE_INPUT_FIELDS, *Claim.RECORD_FIELDS]

    def create(self, validated_data: dict[str, Any]) -> Claim:
        return services.claim_create(**validated_data)


class FigureWriteSerializer(AnchoredWriteSerializer, SpeakerInputMixin):
    class Meta(AnchoredWriteSerializer.Meta):
        model = Figure
        fields = [*PASSAGE_INPUT_FIELDS, *Figure.RECORD_FIELDS]
        extra_kwargs = {
            "low": {"help_text": "Optional where the qualifier implies it (more_than n: low is n)."},
            "high": {"help_text": "Optional where the qualifier implies it (up_to n: high is n)."},
        }

    def create(self, validated_data: dict[str, Any]) -> Figure:
        return services.figure_create(**validated_data)


class MentionWriteSerializer(AnchoredWriteSerializer):
    class Meta(AnchoredWriteSerializer.Meta):
        model = Mention
        fields = [*PASSAGE_INPUT_FIELDS, "person", "organization"]

    def create(self, validated_data: dict[str, Any]) -> Mention:
        return services.mention_create(**validated_data)


class RoleWriteSerializer(AnchoredWriteSerializer):
    class Meta(AnchoredWriteSerializer.Meta):
        model = Role
        fields = [*PASSAGE_INPUT_FIELDS, "person", "organization", "title", "affiliation"]

    def create(self, validated_data: dict[str, Any]) -> Role:
        return services.role_create(**validated_data)


class ArticleWriteSerializer(RecordWriteSerializer):
    """An article's text (on create only) and its metadata (editable).

    On create, exactly one of `body` (the text), `html` (a page, its main text extracted)
    or `url` (a page fetched, then extracted). With `html` or `url`, metadata the page states
    fills the fields not sent; fields sent win.
    """

    source_url = serializers.URLField(
        source="url", max_length=2000, required=False, allow_null=True, help_text="Where the article was published."
    )
    body = text_field(required=False, help_text="The text exactly as received. It never changes once stored.")
    html = text_field(
        required=False,
        write_only=True,
        help_text="Instead of body: an HTML page. Its main text becomes the body exactly; the HTML is kept, "
        "hashed, as the article's source.",
    )
    url = serializers.URLField(
        source="fetch_url",
        max_length=2000,
        required=False,
        write_only=True,
        help_text="Instead of body: an http(s) URL of the article's page, fetched (public addresses only, "
        "5 MB and time limits, HTML only), then imported as html is.",
    )

    read_only_reasons = {
        name: "An article's body never changes once stored; submit the corrected text as its next version: "
        "POST /api/v1/articles/{id}/versions/."
        for name in ("body", "html", "url")
    }
    fixed_once_saved = ("body", "html", "url")

    class Meta:
        model = Article
        fields = ["body", "html", "url", "title", "publisher", "source_url", "language", "published_on"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None:
            given = [name for name, key in (("body", "body"), ("html", "html"), ("url", "fetch_url")) if key in attrs]
            if len(given) != 1:
                message = "Send exactly one of body (the text), html (a page) or url (a page to fetch)" + (
                    f"; you sent {' and '.join(given)}." if given else "."
                )
                raise serializers.ValidationError({"non_field_errors": [message]})
        return super().validate(attrs)

    def create(self, validated_data: dict[str, Any]) -> Article:
        html = validated_data.pop("html", None)
        fetch_url = validated_data.pop("fetch_url", None)
        if html is None and fetch_url is None:
            article, created = services.article_ingest(**validated_data)
        else:
            source_url = validated_data.pop("url", None)
            given = services.GivenMetadata(**validated_data)
            if html is not None:
                article, created = services.article_import_html(html=html, source_url=source_url, given=given)
            else:
                # The API queues a fetch instead (ArticleViewSet.create); other callers wait for it.
                article, created = services.article_import_url_synchronously(
                    url=fetch_url, source_url=source_url, given=given
                )
        self.created = created
        return article


# People and organizations: a name and aliases. (A measure's fields differ; it shares the writes.)
class ActorWriteSerializer(RecordWriteSerializer):
    aliases = serializers.ListField(child=text_field(max_length=300), required=False)

    class Meta:
        model: type[models.Model]  # set by each subclass
        fields = ["name", "aliases", "wikidata_id"]

    def create(self, validated_data: dict[str, Any]) -> Any:
        return services.record_create(model=self.Meta.model, values=validated_data)


class PersonWriteSerializer(ActorWriteSerializer):
    class Meta(ActorWriteSerializer.Meta):
        model = Person


class OrganizationWriteSerializer(ActorWriteSerializer):
    class Meta(ActorWriteSerializer.Meta):
        model = Organization


class MeasureWriteSerializer(ActorWriteSerializer):
    class Meta:
        model = Measure
        fields = ["name", "description", "unit"]


class ReviewWriteSerializer(StrictModelSerializer):
    note = text_field(
        required=False, allow_blank=True, help_text="The verdict's public explanation (published in ClaimReview)."
    )
    internal_note = text_field(
        required=False, allow_blank=True, help_text="For editors only: never shown to readers or exported."
    )

    class Meta:
        model = Review
        fields = ["status", "note", "internal_note"]


def update_serializer(write_class: type[StrictModelSerializer]) -> type[StrictModelSerializer]:
    """The input of PUT and PATCH as the schema shows it: the write serializer less what is fixed once saved.

    On update the server makes those fields read-only and refuses them (StrictModelSerializer), so a
    client's model of the request should not have them. A serializer with none is its own.
    """
    fixed = write_class.fixed_once_saved
    if not fixed:
        return write_class

    def get_fields(self: StrictModelSerializer) -> dict[str, serializers.Field]:
        fields = write_class.get_fields(self)
        for name in fixed:
            fields.pop(name, None)
        return fields

    model: type[models.Model] = write_class.Meta.model
    attributes = {
        "get_fields": get_fields,
        "__module__": write_class.__module__,
        "__doc__": f"What may change once the {model._meta.verbose_name} is stored: everything but "
        f"{', '.join(fixed)}, which are refused.",
    }
    name = write_class.__name__.replace("WriteSerializer", "UpdateSerializer")
    return type(name, (write_class,), attributes)
