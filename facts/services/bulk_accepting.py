"""Accepting a selection of proposals at once, as the editors' bulk action does: pending ones only,
with a dry run that tells what accepting would create before anything is."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max

from facts.models import Measure, Organization, Person, Proposal
from facts.services.accepting import KIND_ORDER, RejectedActor, proposal_accept_noting


@dataclass
class BulkAcceptance:
    """What accepting a selection did (or, for a dry run, would do)."""

    accepted: list[tuple[Proposal, models.Model]] = field(default_factory=list)
    left_pending: list[tuple[Proposal, str]] = field(default_factory=list)
    """Pending proposals not accepted because they need an actor an editor rejected, with why."""
    already_accepted: int = 0
    rejected: int = 0
    notes: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)
    new_organizations: list[str] = field(default_factory=list)
    new_measures: list[str] = field(default_factory=list)


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, so that everything it wrote is rolled back."""

    def __init__(self, result: BulkAcceptance) -> None:
        super().__init__("dry run")
        self.result = result


def _newest_pk(model: type[models.Model]) -> int:
    return model._default_manager.aggregate(newest=Max("pk"))["newest"] or 0


@transaction.atomic
def _accept_pending(proposals: list[Proposal], user: User | AnonymousUser | None, dry_run: bool) -> BulkAcceptance:
    result = BulkAcceptance()
    pending = []
    for proposal in proposals:
        if proposal.status == Proposal.Status.ACCEPTED:
            result.already_accepted += 1
        elif proposal.status == Proposal.Status.REJECTED:
            result.rejected += 1
        else:
            pending.append(proposal)
    newest = {model: _newest_pk(model) for model in (Person, Organization, Measure)}
    for proposal in sorted(pending, key=lambda p: (p.article_id, KIND_ORDER[p.kind], p.start, p.end)):
        try:
            with transaction.atomic():  # a savepoint: a refused proposal leaves nothing behind
                acceptance = proposal_accept_noting(proposal=proposal, user=user)
        except RejectedActor as refusal:
            result.left_pending.append((proposal, " ".join(refusal.messages)))
            continue
        except ValidationError as error:
            raise ValidationError(f"Proposal {proposal.pk} ({proposal}) could not be accepted: {error}") from error
        result.accepted.append((proposal, acceptance.record))
        result.notes.extend(acceptance.notes)
    result.new_people = list(Person.objects.filter(pk__gt=newest[Person]).values_list("name", flat=True))
    result.new_organizations = list(
        Organization.objects.filter(pk__gt=newest[Organization]).values_list("name", flat=True)
    )
    result.new_measures = list(Measure.objects.filter(pk__gt=newest[Measure]).values_list("name", flat=True))
    if dry_run:
        raise _DryRun(result)
    return result


def proposals_accept_pending(
    *, proposals: list[Proposal], user: User | AnonymousUser | None, dry_run: bool = False
) -> BulkAcceptance:
    """Accept the pending proposals of a selection, all or none; count the reviewed ones, never touch them.

    An already accepted or rejected proposal is left as it is (a rejected one can still be
    accepted on its own page). A pending one that needs an actor an editor rejected stays
    pending, with the reason. Any other refusal accepts nothing (ValidationError). With
    `dry_run`, everything is done in a transaction that is rolled back: the result says what
    accepting would record and create, and nothing is stored.
    """
    try:
        return _accept_pending(proposals, user, dry_run)
    except _DryRun as done:
        return done.result
