"""How records look over HTTP, and what a client may send.

Reads: every anchored record carries its `passage` ({article, start, end, exact, prefix,
suffix}) and links to related resources. Writes: anchored records are created from the
article and the exact quote (offsets optional) through facts.services, so the API, the
admin and the seed loader refuse the same input with the same message. Text is kept
exactly as sent: DRF's CharField trims whitespace by default, which would shift offsets
and break quotes, so every CharField here has trim_whitespace=False. Unknown and read-only
fields are refused rather than ignored, so a typo never passes silently.
"""

from collections.abc import Mapping
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.reverse import reverse

from facts import services
from facts.api import representations
from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Person, Proposal, Review, Role

MAX_OFFSET = 2**31 - 1
PASSAGE_INPUT_FIELDS = ("article", "exact", "start", "end", "prefix", "suffix")


class ExactTextField(serializers.CharField):
    """Text taken exactly as sent: never trimmed, and only ever from a JSON string.

    DRF's CharField would trim whitespace and turn a number into text; either would
    silently change what a client meant to quote.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def text_field(**kwargs: Any) -> ExactTextField:
    return ExactTextField(**kwargs)


class StrictModelSerializer(serializers.ModelSerializer):
    """Keeps text exactly as sent and refuses fields it does not accept."""

    def build_standard_field(self, field_name: str, model_field: models.Field) -> tuple[type, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializers.CharField:
            field_class = ExactTextField
        elif issubclass(field_class, serializers.CharField):
            kwargs["trim_whitespace"] = False
        if issubclass(field_class, serializers.CharField) and model_field.null:
            # Unknown is null; an empty string would be a second spelling of it.
            kwargs["allow_blank"] = False
        return field_class, kwargs

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            refuse_unexpected_fields(self, data)
        return super().to_internal_value(data)


def refuse_unexpected_fields(serializer: serializers.Serializer, data: Mapping) -> None:
    writable = sorted(name for name, field in serializer.fields.items() if not field.read_only)
    accepted = ", ".join(writable) or "none"
    errors = {}
    for name in data:
        field = serializer.fields.get(name)
        if field is None:
            errors[name] = [f"Unknown field. The fields you can send here are: {accepted}."]
        elif field.read_only:
            errors[name] = [
                getattr(serializer, "read_only_reasons", {}).get(
                    name, f"Read-only field. The fields you can send here are: {accepted}."
                )
            ]
    if errors:
        raise serializers.ValidationError(errors)


# Read side -------------------------------------------------------------------------------


class FastReadMixin:
    """A read serializer whose output facts/api/representations.py builds directly.

    `represent` returns the fields of the serializer's Meta (the same JSON DRF's fields would
    make, checked by tests/api/test_representations.py); fields a subclass adds on top (a
    detail serializer's nested lists) are filled in the generic way after them.
    """

    represented_fields: tuple[str, ...] = ()
    """The fields `represent` writes (its class's Meta.fields); a subclass's other fields are generic."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "represent" in cls.__dict__:
            cls.represented_fields = tuple(cls.Meta.fields)
        cls.generic_fields = tuple(name for name in cls.Meta.fields if name not in cls.represented_fields)

    def represent(self, instance: Any, links: representations.Links) -> dict[str, Any]:
        raise NotImplementedError

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = self.represent(instance, representations.links_for(self.context))
        if not self.generic_fields:
            # The declared fields are never built: DRF would copy and introspect them per request.
            return data
        fields = self.fields
        for field in (fields[name] for name in self.generic_fields):
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            data[field.field_name] = None if check_for_none is None else field.to_representation(attribute)
        return data


class PassageSerializer(serializers.Serializer):
    """Where a record sits: W3C TextPositionSelector (start, end) + TextQuoteSelector."""

    article = serializers.HyperlinkedRelatedField(view_name="article-detail", read_only=True)
    start = serializers.IntegerField(read_only=True, help_text="Offset of the first character, in code points.")
    end = serializers.IntegerField(read_only=True, help_text="Offset just past the last character.")
    exact = serializers.CharField(read_only=True, help_text="The text itself: body[start:end].")
    prefix = serializers.CharField(read_only=True, help_text="Up to 32 characters just before.")
    suffix = serializers.CharField(read_only=True, help_text="Up to 32 characters just after.")


class AttributionSerializer(serializers.Serializer):
    """The words attributing a claim (“added Mr. Flake”), a passage of the same article."""

    start = serializers.IntegerField(source="attribution_start", read_only=True)
    end = serializers.IntegerField(source="attribution_end", read_only=True)
    exact = serializers.CharField(source="attribution_exact", read_only=True)

    def to_representation(self, instance: Claim) -> dict[str, Any] | None:
        if instance.attribution_exact is None:
            return None
        return super().to_representation(instance)


class ArticleSummarySerializer(serializers.HyperlinkedModelSerializer):
    # The model's own `url` field is the article's web address: `source_url` here.
    url = serializers.HyperlinkedIdentityField(view_name="article-detail")
    source_url = serializers.URLField(source="url", read_only=True, allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "url", "title", "publisher", "published_on", "source_url"]


class ActorSummarySerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        fields = ["id", "url", "name"]


class PersonSummarySerializer(ActorSummarySerializer):
    class Meta(ActorSummarySerializer.Meta):
        model = Person


class OrganizationSummarySerializer(ActorSummarySerializer):
    class Meta(ActorSummarySerializer.Meta):
        model = Organization


class MeasureSummarySerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "url", "name", "unit"]


class SpeakerSerializer(serializers.Serializer):
    """Who made a statement or gave a figure; null for the article's own voice."""

    type = serializers.ChoiceField(choices=["person", "organization", "group"], read_only=True)
    id = serializers.IntegerField(read_only=True, allow_null=True, help_text="Null for an unnamed group.")
    url = serializers.URLField(read_only=True, allow_null=True, help_text="Null for an unnamed group.")
    name = serializers.CharField(read_only=True)

    def to_representation(self, record: Any) -> dict[str, Any] | None:
        request = self.context.get("request")
        for kind, actor, view_name in (
            ("person", record.speaker_person, "person-detail"),
            ("organization", record.speaker_organization, "organization-detail"),
        ):
            if actor is not None:
                url = reverse(view_name, kwargs={"pk": actor.pk}, request=request)
                return {"type": kind, "id": actor.pk, "url": url, "name": actor.name}
        if record.speaker_group is not None:
            return {"type": "group", "id": None, "url": None, "name": record.speaker_group}
        return None


class HolderSerializer(SpeakerSerializer):
    """The person or organization a mention names or a role belongs to."""

    type = serializers.ChoiceField(choices=["person", "organization"], read_only=True)

    def to_representation(self, record: Any) -> dict[str, Any]:
        request = self.context.get("request")
        if record.person_id is not None:
            url = reverse("person-detail", kwargs={"pk": record.person_id}, request=request)
            return {"type": "person", "id": record.person_id, "url": url, "name": record.person.name}
        url = reverse("organization-detail", kwargs={"pk": record.organization_id}, request=request)
        return {"type": "organization", "id": record.organization_id, "url": url, "name": record.organization.name}


class ClaimSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    passage = PassageSerializer(source="*", read_only=True)
    attribution = AttributionSerializer(source="*", read_only=True, allow_null=True)
    speaker = SpeakerSerializer(source="*", read_only=True, allow_null=True)
    article = ArticleSummarySerializer(read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "kind",
            "passage",
            "attribution",
            "speaker",
            "article",
            "review_status",
            "created_at",
            "updated_at",
        ]

    def represent(self, claim: Claim, links: representations.Links) -> dict[str, Any]:
        return representations.claim(claim, links)


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Review
        fields = ["status", "note", "reviewer", "reviewed_at"]


class ClaimDetailSerializer(ClaimSerializer):
    reviews = ReviewSerializer(many=True, read_only=True)
    figures = serializers.HyperlinkedRelatedField(many=True, read_only=True, view_name="figure-detail")

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "figures", "reviews"]


class FigureSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    value = serializers.DecimalField(
        max_digits=30, decimal_places=6, read_only=True, allow_null=True, normalize_output=True
    )
    low = serializers.DecimalField(
        max_digits=30,
        decimal_places=6,
        read_only=True,
        allow_null=True,
        normalize_output=True,
        help_text="The lowest value the figure allows; null when open.",
    )
    high = serializers.DecimalField(
        max_digits=30,
        decimal_places=6,
        read_only=True,
        allow_null=True,
        normalize_output=True,
        help_text="The highest value the figure allows; null when open.",
    )
    passage = PassageSerializer(source="*", read_only=True)
    speaker = SpeakerSerializer(source="*", read_only=True, allow_null=True)
    article = ArticleSummarySerializer(read_only=True)
    measure = MeasureSummarySerializer(read_only=True, allow_null=True)
    claim = serializers.HyperlinkedRelatedField(view_name="claim-detail", read_only=True, allow_null=True)

    class Meta:
        model = Figure
        fields = [
            "id",
            "url",
            "passage",
            "qualifier",
            "value",
            "low",
            "high",
            "unit",
            "measure",
            "place",
            "period",
            "speaker",
            "claim",
            "article",
            "created_at",
            "updated_at",
        ]

    def represent(self, figure: Figure, links: representations.Links) -> dict[str, Any]:
        return representations.figure(figure, links)


class MentionSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    passage = PassageSerializer(source="*", read_only=True)
    names = HolderSerializer(source="*", read_only=True)

    class Meta:
        model = Mention
        fields = ["id", "url", "passage", "names", "created_at", "updated_at"]

    def represent(self, mention: Mention, links: representations.Links) -> dict[str, Any]:
        return representations.mention(mention, links)


class RoleSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    passage = PassageSerializer(source="*", read_only=True)
    holder = HolderSerializer(source="*", read_only=True)
    affiliation = OrganizationSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Role
        fields = ["id", "url", "passage", "holder", "title", "affiliation", "created_at", "updated_at"]

    def represent(self, role: Role, links: representations.Links) -> dict[str, Any]:
        return representations.role(role, links)


class ArticleSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="article-detail")
    source_url = serializers.URLField(source="url", read_only=True, allow_null=True)
    length = serializers.SerializerMethodField(help_text="Length of the body in code points.")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "source_url",
            "language",
            "published_on",
            "sha256",
            "length",
            "created_at",
            "updated_at",
        ]

    def get_length(self, article: Article) -> int:
        return article.body_length if hasattr(article, "body_length") else len(article.body)

    def represent(self, article: Article, links: representations.Links) -> dict[str, Any]:
        return representations.article(article, links)


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its text and every fact recorded from it, each with its passage."""

    claims = ClaimSerializer(many=True, read_only=True)
    figures = FigureSerializer(many=True, read_only=True)
    mentions = MentionSerializer(many=True, read_only=True)
    roles = RoleSerializer(many=True, read_only=True)
    annotations = serializers.HyperlinkedIdentityField(view_name="article-annotations", read_only=True)
    proposals = serializers.SerializerMethodField(help_text="The extractor's proposals for this article (a list).")

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            *("body", "claims", "figures", "mentions", "roles", "annotations", "proposals"),
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_proposals(self, article: Article) -> str:
        url = reverse("proposal-list", request=self.context.get("request"))
        return f"{url}?article={article.pk}"


class ActorSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    aliases = serializers.ListField(child=text_field(max_length=300), required=False)

    class Meta:
        fields = ["id", "url", "name", "aliases", "created_at", "updated_at"]

    def represent(self, actor: Person | Organization, links: representations.Links) -> dict[str, Any]:
        return representations.actor(actor, f"{actor._meta.model_name}-detail", links)


class PersonSerializer(ActorSerializer):
    class Meta(ActorSerializer.Meta):
        model = Person


class OrganizationSerializer(ActorSerializer):
    class Meta(ActorSerializer.Meta):
        model = Organization


class ActorDetailSerializer(serializers.Serializer):
    """Links to everything recorded about a person or organization, across articles."""

    roles = RoleSerializer(many=True, read_only=True)
    claims = serializers.SerializerMethodField(help_text="Their claims across all articles (paginated).")
    figures = serializers.SerializerMethodField(help_text="The figures they gave across all articles.")
    mentions = serializers.SerializerMethodField(help_text="Where articles name them.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, actor: Person | Organization) -> str:
        return self._link(actor, "claims")

    @extend_schema_field(OpenApiTypes.URI)
    def get_figures(self, actor: Person | Organization) -> str:
        return self._link(actor, "figures")

    @extend_schema_field(OpenApiTypes.URI)
    def get_mentions(self, actor: Person | Organization) -> str:
        return self._link(actor, "mentions")

    def _link(self, actor: Person | Organization, action: str) -> str:
        name = actor._meta.model_name
        return reverse(f"{name}-{action}", kwargs={"pk": actor.pk}, request=self.context.get("request"))


class PersonDetailSerializer(PersonSerializer, ActorDetailSerializer):
    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "roles", "claims", "figures", "mentions"]


class OrganizationDetailSerializer(OrganizationSerializer, ActorDetailSerializer):
    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "roles", "claims", "figures", "mentions"]


class MeasureSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    comparison = serializers.HyperlinkedIdentityField(view_name="measure-comparison", read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "url", "name", "description", "unit", "comparison", "created_at", "updated_at"]

    def represent(self, measure: Measure, links: representations.Links) -> dict[str, Any]:
        return representations.measure(measure, links)


RECORD_VIEWS = {
    "person": "person-detail",
    "organization": "organization-detail",
    "mention": "mention-detail",
    "role": "role-detail",
    "claim": "claim-detail",
    "figure": "figure-detail",
}


class ProposalRecordSerializer(serializers.Serializer):
    """What accepting a proposal created (or found already recorded); null until then."""

    type = serializers.ChoiceField(choices=list(RECORD_VIEWS), read_only=True)
    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)

    def to_representation(self, proposal: Proposal) -> dict[str, Any] | None:
        field = Proposal.RECORD_FIELDS[proposal.kind]
        pk = getattr(proposal, f"{field}_id")
        if pk is None:
            return None
        url = reverse(RECORD_VIEWS[field], kwargs={"pk": pk}, request=self.context.get("request"))
        return {"type": field, "id": pk, "url": url}


class ProposalSerializer(serializers.HyperlinkedModelSerializer):
    passage = PassageSerializer(source="*", read_only=True)
    article = ArticleSummarySerializer(read_only=True)
    data = serializers.JSONField(
        read_only=True,
        help_text="The proposed values, by kind. person/organization: name, aliases, match (a stored record "
        "with that name). mention: actor, name. role: holder {type, name}, title, affiliation. claim: kind, "
        "speaker {type, name} or null, attribution {start, end, exact} or null. figure: qualifier, value, low, "
        "high, unit, noun (the counted noun phrase), speaker, claim (the span of the statement it sits in). "
        "Every kind: rule, the pattern that found it.",
    )
    edits = serializers.JSONField(read_only=True, help_text="The corrections the editor made when accepting.")
    record = ProposalRecordSerializer(source="*", read_only=True, allow_null=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Proposal
        fields = [
            *("id", "url", "kind", "status", "confidence", "extractor_version", "passage", "data", "edits"),
            *("record", "article", "reviewed_by", "reviewed_at", "created_at", "updated_at"),
        ]


class ProposalAcceptSerializer(serializers.Serializer):
    """Optional corrections to a proposal, applied as it is accepted."""

    edits = serializers.DictField(
        required=False,
        help_text="Fields of `data` to correct before the record is made. person/organization: name, aliases, id "
        "(an existing record). mention: actor, name, id. role: holder, title, affiliation. claim: kind, speaker "
        "({type, name} or {type, id}, or null for the article's own voice), attribution. figure: qualifier, value, "
        "low, high, unit, measure (an id), place, period, speaker. Any kind with a passage: exact and start, to "
        "record it on a corrected passage.",
    )

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            refuse_unexpected_fields(self, data)
        return super().to_internal_value(data)


class ProposalIdsSerializer(serializers.Serializer):
    """Proposals to accept together, by id."""

    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_OFFSET),
        min_length=1,
        max_length=500,
        help_text="The ids of the proposals to accept (up to 500); all are accepted, or none.",
    )

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            refuse_unexpected_fields(self, data)
        return super().to_internal_value(data)


class ExtractionResultSerializer(serializers.Serializer):
    """The proposals an article has from the current extractor, after running it."""

    extractor_version = serializers.CharField(read_only=True)
    created = serializers.IntegerField(read_only=True, help_text="How many proposals this run added.")
    proposals = ProposalSerializer(many=True, read_only=True)


# Write side ------------------------------------------------------------------------------


class AnchoredWriteSerializer(StrictModelSerializer):
    """Input for a record that sits on a passage: the article and the exact quote.

    Offsets are optional: the quote is found in the article body. `start` (or a `prefix`
    / `suffix`) picks one occurrence of a quote that appears several times. Once saved,
    the passage never changes: those fields are refused on update.
    """

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.defer("search_vector"))
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

    class Meta:
        # Uniqueness and check constraints are validated by the model (full_clean) in the
        # services; DRF's own unique-together validator would make the optional offsets required.
        validators: list = []

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None:
            for name in PASSAGE_INPUT_FIELDS:
                fields[name].read_only = True
        return fields

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        return services.record_update(instance=instance, changes=validated_data)


class SpeakerInputMixin(serializers.Serializer):
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

    class Meta(AnchoredWriteSerializer.Meta):
        model = Claim
        fields = [
            *PASSAGE_INPUT_FIELDS,
            "kind",
            "speaker_person",
            "speaker_organization",
            "speaker_group",
            "attribution_exact",
            "attribution_start",
        ]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["attribution_exact"].read_only = True
            fields["attribution_start"].read_only = True
        return fields

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


class ArticleWriteSerializer(StrictModelSerializer):
    """An article's text (on create only) and its metadata (editable)."""

    source_url = serializers.URLField(
        source="url", max_length=2000, required=False, allow_null=True, help_text="Where the article was published."
    )
    body = text_field(help_text="The text exactly as received. It never changes once stored.")

    read_only_reasons = {
        "body": "An article's body never changes once stored; create the corrected text as a new article.",
    }

    class Meta:
        model = Article
        fields = ["body", "title", "publisher", "source_url", "language", "published_on"]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["body"].read_only = True
        return fields

    def create(self, validated_data: dict[str, Any]) -> Article:
        article, created = services.article_ingest(**validated_data)
        self.created = created
        return article

    def update(self, instance: Article, validated_data: dict[str, Any]) -> Article:
        return services.record_update(instance=instance, changes=validated_data)


class ActorWriteSerializer(StrictModelSerializer):
    aliases = serializers.ListField(child=text_field(max_length=300), required=False)

    class Meta:
        fields = ["name", "aliases"]

    def create(self, validated_data: dict[str, Any]) -> Any:
        return services.record_create(model=self.Meta.model, values=validated_data)

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        return services.record_update(instance=instance, changes=validated_data)


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
    note = text_field(required=False, allow_blank=True)

    class Meta:
        model = Review
        fields = ["status", "note"]
