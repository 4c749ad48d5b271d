"""Proposals over HTTP: what the extractor proposed, and what an editor sends to accept them."""

import json
from typing import Any

from django.contrib.auth.models import User
from rest_framework import serializers
from rest_framework.reverse import reverse

from facts.api.serializers.fields import MAX_OFFSET, EditorsOnlyFieldsMixin, StrictInputMixin
from facts.api.serializers.read import ArticleSummarySerializer, PassageSerializer
from facts.editors import EDITORS_ONLY
from facts.models import Proposal

# Each kind of record accepting a proposal can make, and the route of its detail.
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

    # None until accepted (the field is allow_null): DRF takes any value from a nested serializer,
    # the stubs' Serializer.to_representation only a dict.
    def to_representation(self, proposal: Proposal) -> dict[str, Any] | None:  # type: ignore[override]
        field = Proposal.RECORD_LINKS[proposal.kind]
        pk = getattr(proposal, f"{field}_id")
        if pk is None:
            return None
        url = reverse(RECORD_VIEWS[field], kwargs={"pk": pk}, request=self.context.get("request"))
        return {"type": field, "id": pk, "url": url}


class ProposalSerializer(EditorsOnlyFieldsMixin, serializers.HyperlinkedModelSerializer):
    passage = PassageSerializer(source="*", read_only=True)
    article = ArticleSummarySerializer(read_only=True)
    # The serializer metaclass moves declared fields out of the class, so this field (the proposal's
    # data) leaves Serializer.data (the serialized output) as it is; the stubs cannot tell.
    data = serializers.JSONField(  # type: ignore[assignment]
        read_only=True,
        help_text="The proposed values, by kind. person/organization: name, aliases, match (a stored record "
        "with that name). mention: actor, name. role: holder {type, name}, title, affiliation. claim: kind, "
        "speaker {type, name} or null, attribution {start, end, exact} or null. figure: qualifier, value, low, "
        "high, unit, noun (the counted noun phrase), speaker, claim (the span of the statement it sits in). "
        "Every kind: rule, the pattern that found it.",
    )
    edits = serializers.JSONField(read_only=True, help_text="The corrections the editor made when accepting.")
    record = ProposalRecordSerializer(source="*", read_only=True, allow_null=True)
    reviewed_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text=f"Who reviewed it. {EDITORS_ONLY}"
    )
    editors_only = ("reviewed_by",)

    class Meta:
        model = Proposal
        fields = [
            *("id", "url", "kind", "status", "confidence", "extractor_version", "passage", "data", "edits"),
            *("record", "article", "reviewed_by", "reviewed_at", "created_at", "updated_at"),
        ]


class ProposalAcceptSerializer(StrictInputMixin, serializers.Serializer):
    """Optional corrections to a proposal, applied as it is accepted."""

    edits = serializers.DictField(
        required=False,
        help_text="Fields of `data` to correct before the record is made. person/organization: name, aliases, id "
        "(an existing record). mention: actor, name, id. role: holder, title, affiliation. claim: kind, speaker "
        "({type, name} or {type, id}, or null for the article's own voice), attribution. figure: qualifier, value, "
        "low, high, unit, measure (an id), place, period, speaker. Any kind with a passage: exact and start, to "
        "record it on a corrected passage.",
    )

    def validate_edits(self, edits: dict[str, Any]) -> dict[str, Any]:
        # The JSON parser reads a number with a fraction as a Decimal (exactly); edits are kept as
        # JSON, where such a number is its decimal text, as `data` holds figures' values.
        return json.loads(json.dumps(edits, default=str))


class ProposalIdsSerializer(StrictInputMixin, serializers.Serializer):
    """Proposals to accept together, by id."""

    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_OFFSET),
        min_length=1,
        max_length=500,
        help_text="The ids of the proposals to accept (up to 500); all are accepted, or none.",
    )
