"""Read serializers: how records look over HTTP.

Every anchored record carries its `passage` ({article, start, end, exact, prefix, suffix})
and links to related resources. The list and detail serializers build their JSON directly
(FastReadMixin, facts/api/representations.py); the small nested ones (passage, speaker,
summaries) describe those parts for the schema.

No class here has a docstring unless its schema component should show it: drf-spectacular
publishes a serializer's docstring (or the first one up its bases) as the component's
description.
"""

from typing import Any, cast

from django.contrib.auth.models import User
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from facts.api import representations
from facts.api.offsets import converter_for
from facts.api.serializers.fields import EditorsOnlyFieldsMixin, FastReadMixin, text_field
from facts.editors import EDITORS_ONLY
from facts.models import Article, Claim, Extraction, Figure, Measure, Mention, Organization, Person, Review, Role


class PassageSerializer(serializers.Serializer):
    """Where a record sits: W3C TextPositionSelector (start, end) + TextQuoteSelector."""

    article: serializers.HyperlinkedRelatedField[Article] = serializers.HyperlinkedRelatedField(
        view_name="article-detail", read_only=True
    )
    start = serializers.IntegerField(read_only=True, help_text="Offset of the first character, in code points.")
    end = serializers.IntegerField(read_only=True, help_text="Offset just past the last character.")
    exact = serializers.CharField(read_only=True, help_text="The text itself: body[start:end].")
    prefix = serializers.CharField(read_only=True, help_text="Up to 32 characters just before.")
    suffix = serializers.CharField(read_only=True, help_text="Up to 32 characters just after.")

    def to_representation(self, record: Any) -> dict[str, Any]:
        data = super().to_representation(record)
        utf16 = converter_for(self.context)  # offsets=utf16 (facts/api/offsets.py)
        if utf16 is not None:
            data["start"], data["end"] = utf16(record.article_id, record.start), utf16(record.article_id, record.end)
        return data


class AttributionSerializer(serializers.Serializer):
    """The words attributing a claim (“added Mr. Flake”), a passage of the same article."""

    start = serializers.IntegerField(source="attribution_start", read_only=True)
    end = serializers.IntegerField(source="attribution_end", read_only=True)
    exact = serializers.CharField(source="attribution_exact", read_only=True)

    # None when the claim has no attribution (the field is allow_null): DRF takes any value from
    # a nested serializer, the stubs' Serializer.to_representation only a dict.
    def to_representation(self, instance: Claim) -> dict[str, Any] | None:  # type: ignore[override]
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


class OrganizationSummarySerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "url", "name"]


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

    # None for the article's own voice (the field is allow_null), as AttributionSerializer's.
    def to_representation(self, record: Any) -> dict[str, Any] | None:  # type: ignore[override]
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


class ReviewSerializer(EditorsOnlyFieldsMixin, serializers.ModelSerializer):
    """A verdict: its status and public note for everyone; who gave it and the internal note for editors."""

    reviewer: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text=f"Who reviewed. {EDITORS_ONLY}"
    )
    internal_note = serializers.CharField(read_only=True, allow_null=True, help_text=f"{EDITORS_ONLY}")
    editors_only = ("reviewer", "internal_note")

    class Meta:
        model = Review
        fields = ["status", "note", "internal_note", "reviewer", "reviewed_at"]


class ClaimDetailSerializer(ClaimSerializer):
    reviews = ReviewSerializer(many=True, read_only=True)
    # With many=True, RelatedField.__new__ makes a ManyRelatedField: the stubs' __new__ cannot say so.
    figures = cast(
        serializers.ManyRelatedField,
        serializers.HyperlinkedRelatedField(many=True, read_only=True, view_name="figure-detail"),
    )

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
    claim: serializers.HyperlinkedRelatedField[Claim] = serializers.HyperlinkedRelatedField(
        view_name="claim-detail", read_only=True, allow_null=True
    )

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


class ExtractionSerializer(serializers.ModelSerializer):
    """Where the extractor's run on an article stands: queued, running, done or failed.

    Extraction runs in the background after an article is stored (or re-run with POST
    /articles/{id}/extract/); `proposals` is how many proposals the article has from the
    current extractor once done, `error` why it failed (or, while queued again, why the last
    attempt did).
    """

    status = serializers.ChoiceField(choices=Extraction.Status.choices, read_only=True)
    proposals = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Proposals from the current extractor, once done."
    )
    error = serializers.CharField(read_only=True, allow_null=True, help_text="Why the last attempt failed.")

    class Meta:
        model = Extraction
        fields = ["status", "proposals", "error", "updated_at"]


class ArticleSerializer(FastReadMixin, serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="article-detail")
    source_url = serializers.URLField(source="url", read_only=True, allow_null=True)
    length = serializers.SerializerMethodField(help_text="Length of the body in code points.")
    extraction = ExtractionSerializer(
        read_only=True, allow_null=True, help_text="The extractor's background run; null if never asked for."
    )

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
            "extraction",
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
