"""Proposals: candidate facts the extractor found, waiting for an editor's verdict."""

from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q

from facts.models.actors import Organization, Person
from facts.models.articles import CURRENT_ARTICLE
from facts.models.claims import Claim
from facts.models.common import ReadPolicyQuerySet, at_most_one, tracked
from facts.models.figures import Figure
from facts.models.mentions import Mention
from facts.models.passages import ARTICLE_SUMMARY, Passage
from facts.models.roles import Role


class ProposalQuerySet(ReadPolicyQuerySet):
    def for_api(self) -> Self:
        """Of articles not withdrawn, with the article (its text left out) and the reviewer joined in."""
        return self.filter(CURRENT_ARTICLE).select_related("article", "reviewed_by").defer(*ARTICLE_SUMMARY)

    def pending(self) -> Self:
        return self.filter(status=Proposal.Status.PENDING)


@tracked()
class Proposal(Passage):
    """A candidate fact the extractor found in an article, waiting for an editor's verdict.

    The passage is where the candidate sits (for a person or an organization: where the
    article first names it in full). `data` holds the proposed values, by kind:

    - person, organization: `name`, `aliases`, and `match` (an existing record with that
      name or alias, when there is exactly one);
    - mention: `actor` ("person" or "organization") and `name`;
    - role: `holder` ({type, name}), `title`, `affiliation` (an organization's name or null);
    - claim: `kind` (direct_quote or paraphrase), `speaker` ({type, name} or null) and
      `attribution` ({start, end, exact} or null);
    - figure: `qualifier`, `value`, `low`, `high` (decimal strings or null), `unit`, `noun`
      (the counted noun phrase, {start, end, exact} or null), `speaker`, `claim` ({start,
      end} of the statement it sits in, or null);

    and `rule`, the pattern that found it. A proposal never becomes a claim or a figure by
    itself: accepting it (facts.services.proposal_accept) creates the record, through the
    same services as every other write, and links it here; `edits` keeps the corrections
    the editor made on accepting. Proposals are unique per article, kind, span and
    extractor version, so running the same extractor again proposes nothing twice; when a
    newer version proposes for the article, the older versions' pending proposals become
    superseded (facts.services.article_extract).
    """

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANIZATION = "organization", "organization"
        MENTION = "mention", "mention"
        ROLE = "role", "role"
        CLAIM = "claim", "claim"
        FIGURE = "figure", "figure"

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"
        # Left pending by an older extractor version when a newer one proposed again for the
        # article (manage.py extract --all): no longer offered for review, kept with its history,
        # and still acceptable or rejectable on purpose.
        SUPERSEDED = "superseded", "superseded"

    # The link to what accepting created (or found already recorded), by kind (a stored `kind` is a plain str).
    RECORD_LINKS: ClassVar[dict[str, str]] = {
        Kind.PERSON: "person",
        Kind.ORGANIZATION: "organization",
        Kind.MENTION: "mention",
        Kind.ROLE: "role",
        Kind.CLAIM: "claim",
        Kind.FIGURE: "figure",
    }

    kind = models.CharField(max_length=20, choices=Kind.choices)
    data = models.JSONField(help_text="The proposed values (see the model's documentation for each kind).")
    edits = models.JSONField(
        default=dict, blank=True, help_text="The corrections the editor made to `data` when accepting."
    )
    confidence = models.FloatField(help_text="How sure the extractor is, from 0 to 1.")
    extractor_version = models.CharField(max_length=50)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals_reviewed"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # A deleted record leaves its proposal accepted, with the link emptied.
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    mention = models.ForeignKey(Mention, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    figure = models.ForeignKey(Figure, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")

    objects = ProposalQuerySet.as_manager()

    class Meta(Passage.Meta):
        ordering = ["article", "start", "end", "kind"]
        constraints = [
            # A passage's own checks, but not its one-record-per-span rule: several kinds, and
            # several extractor versions, can propose on the same span.
            *(c for c in Passage.Meta.constraints if not isinstance(c, models.UniqueConstraint)),
            models.UniqueConstraint(
                fields=["article", "kind", "start", "end", "extractor_version"],
                name="facts_proposal_one_per_span_and_version",
                violation_error_message="This extractor version already proposed this kind of record here.",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1),
                name="facts_proposal_confidence_range",
                violation_error_message="Confidence is between 0 and 1.",
            ),
            models.CheckConstraint(
                condition=~Q(status="pending")
                | Q(
                    reviewed_at__isnull=True,
                    person__isnull=True,
                    organization__isnull=True,
                    mention__isnull=True,
                    role__isnull=True,
                    claim__isnull=True,
                    figure__isnull=True,
                ),
                name="facts_proposal_pending_is_unreviewed",
                violation_error_message="A pending proposal has no reviewer date and no record.",
            ),
            models.CheckConstraint(
                condition=at_most_one("person", "organization", "mention", "role", "claim", "figure"),
                name="facts_proposal_one_record",
                violation_error_message="A proposal leads to one record at most.",
            ),
            models.CheckConstraint(condition=~Q(extractor_version=""), name="facts_proposal_version_not_empty"),
        ]
        indexes = [
            models.Index(fields=["article", "status"], name="facts_proposal_article_status"),
            models.Index(fields=["status", "kind"], name="facts_proposal_status_kind"),
        ]

    def __str__(self) -> str:
        text = self.exact if len(self.exact) <= 60 else f"{self.exact[:59]}…"
        return f"{self.get_kind_display()}: {text}"

    @property
    def record(self) -> models.Model | None:
        """What accepting created or found, if it still exists."""
        return getattr(self, self.RECORD_LINKS[self.kind])
