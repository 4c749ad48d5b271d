"""Accepting and rejecting proposals: an editor's verdict turns a proposal into a record, or not."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from facts.models import Actor, Article, Claim, Figure, Measure, Mention, Organization, Passage, Person, Proposal, Role
from facts.numbers import parse_decimal
from facts.services.anchoring import Anchor, anchor_quote
from facts.services.records import claim_create, figure_create, mention_create, role_create

ActorT = TypeVar("ActorT", bound=Actor)
PassageT = TypeVar("PassageT", bound=Passage)

# Keyed by str: a proposal's `kind` as stored is a plain str (each Kind is one too).
KIND_ORDER: dict[str, int] = {
    Proposal.Kind.PERSON: 0,
    Proposal.Kind.ORGANIZATION: 1,
    Proposal.Kind.MENTION: 2,
    Proposal.Kind.ROLE: 3,
    Proposal.Kind.CLAIM: 4,
    Proposal.Kind.FIGURE: 5,
}
"""The order proposals are accepted in together: actors, then what names them, then claims,
then the figures that sit in those claims."""

EDITABLE: dict[str, set[str]] = {
    Proposal.Kind.PERSON: {"name", "aliases", "id"},
    Proposal.Kind.ORGANIZATION: {"name", "aliases", "id"},
    Proposal.Kind.MENTION: {"actor", "name", "id", "exact", "start"},
    Proposal.Kind.ROLE: {"holder", "title", "affiliation", "exact", "start"},
    Proposal.Kind.CLAIM: {"kind", "speaker", "attribution", "exact", "start"},
    Proposal.Kind.FIGURE: {
        *("qualifier", "value", "low", "high", "unit", "measure", "place", "period", "speaker", "exact", "start"),
    },
}
"""What an editor may correct when accepting, per kind (see `proposal_accept`)."""


class RejectedActor(ValidationError):
    """A proposal names a person or organization an editor rejected in the same article, and
    accepting it would need that actor created (a mention or role cannot do without its actor)."""


@dataclass
class Acceptance:
    """A proposal accepted: its record, and what the editor should know about how it was made."""

    record: models.Model
    notes: list[str] = field(default_factory=list)


def _is_rejected(proposal: Proposal, kind: str, name: object) -> bool:
    """Whether an editor rejected `name` as a new person (or organization) in this proposal's article,
    and accepting would create it: no stored one has that name or alias."""
    if kind not in (Proposal.Kind.PERSON, Proposal.Kind.ORGANIZATION) or not isinstance(name, str):
        return False
    model: type[Person] | type[Organization] = Person if kind == Proposal.Kind.PERSON else Organization
    rejected = Proposal.objects.filter(
        article_id=proposal.article_id, kind=kind, status=Proposal.Status.REJECTED, data__name=name
    )
    return rejected.exists() and not model.objects.filter(Q(name=name) | Q(aliases__contains=[name])).exists()


def _refuse_rejected(proposal: Proposal, field_name: str, kind: str, name: object) -> None:
    """Refuse to create an actor an editor rejected, unless the editor corrected this very field."""
    if field_name not in proposal.edits and _is_rejected(proposal, kind, name):
        raise RejectedActor(
            f"“{name}” was rejected as a {kind} in this article, so this {proposal.kind} (which needs the {kind}) "
            f"was not accepted: accept the {kind} proposal first, or correct the name."
        )


def _actor(model: type[ActorT], name: object, *, aliases: list[str] | None = None, pk: Any = None) -> ActorT:
    """The person or organization with this id, or with this name or alias; created when none has it.

    Aliases of more than one word (“Mr. Flake”) are kept; a single word (“Flake”) is too
    ambiguous across articles to identify anyone.
    """
    label = model._meta.verbose_name
    if pk is not None:
        found = model._default_manager.filter(pk=pk).first()
        if found is None:
            raise ValidationError({"edits": f"There is no {label} with id {pk}."})
        return found
    if not isinstance(name, str) or not name.strip():
        raise ValidationError({"edits": f"Give the {label}'s name."})
    candidates = list(model._default_manager.filter(Q(name=name) | Q(aliases__contains=[name])).order_by("pk")[:5])
    if len(candidates) > 1:
        listed = ", ".join(f"{c.name} (id {c.pk})" for c in candidates)
        raise ValidationError(
            {"edits": f"Several {model._meta.verbose_name_plural} are called “{name}”: {listed}. Give the id."}
        )
    kept = [a for a in dict.fromkeys(aliases or []) if a != name and " " in a]
    if candidates:
        actor = candidates[0]
        new_aliases = [a for a in kept if a != actor.name and a not in actor.aliases]
        if new_aliases:
            actor.aliases = [*actor.aliases, *new_aliases]
            actor.full_clean()
            actor.save()
        return actor
    actor = model(name=name, aliases=kept)
    actor.full_clean()
    actor.save()
    return actor


class _Holder(TypedDict, total=False):
    """The person or organization a mention names or a role belongs to, as the services take it."""

    person: Person
    organization: Organization


def _holder(actor: Person | Organization) -> _Holder:
    return {"person": actor} if isinstance(actor, Person) else {"organization": actor}


def _speaker_of(value: Any, proposal: Proposal | None = None, notes: list[str] | None = None) -> dict[str, Any]:
    """Speaker fields from a proposed speaker: {type, name} or {type, id}, or None (the article).

    A proposed (not corrected) speaker an editor rejected as a person or organization of the
    article is kept as a group in the text's words, so that no one is created against the verdict.
    """
    if value is None:
        return {}
    if (
        proposal is not None
        and isinstance(value, dict)
        and value.get("id") is None
        and "speaker" not in proposal.edits
        and _is_rejected(proposal, str(value.get("type")), value.get("name"))
    ):
        if notes is not None:
            notes.append(
                f"“{value['name']}” was rejected as a {value['type']} in this article, so the speaker is recorded "
                "as an unnamed group in those words; choose a speaker on the record if that is wrong."
            )
        return {"speaker_group": value["name"]}
    if not isinstance(value, dict) or value.get("type") not in ("person", "organization", "group"):
        raise ValidationError({"edits": "A speaker is null, or {type: person|organization|group, name (or id)}."})
    if value["type"] == "group":
        if not isinstance(value.get("name"), str) or not value["name"]:
            raise ValidationError({"edits": "A group speaker needs its words as `name`."})
        return {"speaker_group": value["name"]}
    model: type[Person] | type[Organization] = Person if value["type"] == "person" else Organization
    actor = _actor(model, value.get("name"), pk=value.get("id"))
    return {f"speaker_{value['type']}": actor}


def _decimal(value: Any, field: str) -> Decimal | None:
    try:
        return parse_decimal(value)
    except (InvalidOperation, TypeError):
        raise ValidationError({"edits": f"{field} must be a decimal number, not {value!r}."}) from None


def _existing_record(model: type[PassageT], article: Article, start: int, end: int) -> PassageT | None:
    return model._default_manager.filter(article=article, start=start, end=end).first()


def _anchor(proposal: Proposal, values: dict[str, Any]) -> Anchor:
    """The passage to record: the proposal's, or the one the editor corrected it to."""
    if "exact" in values or "start" in values:
        return anchor_quote(
            article=proposal.article, exact=values.get("exact", proposal.exact), start=values.get("start")
        )
    return Anchor(proposal.start, proposal.end, proposal.exact, proposal.prefix, proposal.suffix)


def _accept_actor(proposal: Proposal, values: dict[str, Any], notes: list[str]) -> Person | Organization:
    model: type[Person] | type[Organization] = Person if proposal.kind == Proposal.Kind.PERSON else Organization
    aliases = values.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValidationError({"edits": "aliases is a list of names."})
    pk = values.get("id")
    if pk is None and "name" not in proposal.edits and values.get("match"):
        # The stored record the proposal matched by name or alias, if it still exists.
        match = model.objects.filter(pk=values["match"]["id"]).first()
        if match is not None:
            return _actor(model, match.name, aliases=[values["name"], *aliases])
    return _actor(model, values.get("name"), aliases=aliases, pk=pk)


def _accept_mention(proposal: Proposal, values: dict[str, Any], notes: list[str]) -> Mention:
    anchor = _anchor(proposal, values)
    existing = _existing_record(Mention, proposal.article, anchor.start, anchor.end)
    if existing is not None:
        return existing
    kind = values.get("actor")
    if kind not in ("person", "organization"):
        raise ValidationError({"edits": "actor is “person” or “organization”."})
    model: type[Person] | type[Organization] = Person if kind == "person" else Organization
    if values.get("id") is None:
        _refuse_rejected(proposal, "name", kind, values.get("name"))
    actor = _actor(model, values.get("name"), pk=values.get("id"))
    return mention_create(article=proposal.article, exact=anchor.exact, start=anchor.start, **_holder(actor))


def _accept_role(proposal: Proposal, values: dict[str, Any], notes: list[str]) -> Role:
    anchor = _anchor(proposal, values)
    existing = _existing_record(Role, proposal.article, anchor.start, anchor.end)
    if existing is not None:
        return existing
    holder = values.get("holder")
    if not isinstance(holder, dict) or holder.get("type") not in ("person", "organization"):
        raise ValidationError({"edits": "holder is {type: person|organization, name (or id)}."})
    model: type[Person] | type[Organization] = Person if holder["type"] == "person" else Organization
    if holder.get("id") is None:
        _refuse_rejected(proposal, "holder", holder["type"], holder.get("name"))
    actor = _actor(model, holder.get("name"), pk=holder.get("id"))
    proposed = values.get("affiliation")
    affiliation = None
    if "affiliation" not in proposal.edits and _is_rejected(proposal, "organization", proposed):
        notes.append(f"“{proposed}” was rejected as an organization in this article, so the role has no affiliation.")
    elif isinstance(proposed, dict):
        affiliation = _actor(Organization, proposed.get("name"), pk=proposed.get("id"))
    elif proposed is not None:
        affiliation = _actor(Organization, proposed)
    return role_create(
        article=proposal.article,
        exact=anchor.exact,
        start=anchor.start,
        title=values.get("title") or "",
        affiliation=affiliation,
        **_holder(actor),
    )


def _accept_claim(proposal: Proposal, values: dict[str, Any], notes: list[str]) -> Claim:
    anchor = _anchor(proposal, values)
    existing = _existing_record(Claim, proposal.article, anchor.start, anchor.end)
    if existing is not None:
        return existing
    attribution = values.get("attribution")
    if attribution is not None and (not isinstance(attribution, dict) or "exact" not in attribution):
        raise ValidationError({"edits": "attribution is null or {exact, start}."})
    kind: Any = values.get("kind")  # as proposed or corrected; claim_create refuses what is not a kind
    return claim_create(
        article=proposal.article,
        exact=anchor.exact,
        start=anchor.start,
        kind=kind,
        attribution_exact=attribution["exact"] if attribution else None,
        attribution_start=attribution.get("start") if attribution else None,
        **_speaker_of(values.get("speaker"), proposal, notes),
    )


def _accept_figure(proposal: Proposal, values: dict[str, Any], notes: list[str]) -> Figure:
    anchor = _anchor(proposal, values)
    existing = _existing_record(Figure, proposal.article, anchor.start, anchor.end)
    if existing is not None:
        return existing
    article = proposal.article
    claim = None
    if values.get("claim"):
        claim = Claim.objects.filter(
            article=article, start=values["claim"]["start"], end=values["claim"]["end"]
        ).first()
    measure = None
    if values.get("measure") is not None:
        measure = Measure.objects.filter(pk=values["measure"]).first()
        if measure is None:
            raise ValidationError({"edits": f"There is no measure with id {values['measure']}."})
    elif values.get("noun"):
        # A measure named exactly as the counted noun phrase; otherwise editors assign one.
        named = list(Measure.objects.filter(name__iexact=values["noun"]["exact"])[:2])
        measure = named[0] if len(named) == 1 else None
    qualifier: Any = values.get("qualifier")  # as proposed or corrected; figure_create refuses what is not one
    value = _decimal(values.get("value"), "value")
    low, high = _decimal(values.get("low"), "low"), _decimal(values.get("high"), "high")
    corrected = set(proposal.edits)
    if (
        {"qualifier", "value"} & corrected
        and not {"low", "high"} & corrected
        and qualifier not in (Figure.Qualifier.RANGE, Figure.Qualifier.VAGUE)
    ):
        # A corrected qualifier or value implies its bounds again (range and vague keep theirs).
        low, high = Figure.implied_bounds(qualifier, value)
    return figure_create(
        article=article,
        exact=anchor.exact,
        start=anchor.start,
        qualifier=qualifier,
        value=value,
        low=low,
        high=high,
        unit=values.get("unit") or "",
        measure=measure,
        place=values.get("place") or "",
        period=values.get("period") or "",
        claim=claim,
        **_speaker_of(values.get("speaker"), proposal, notes),
    )


ACCEPT: dict[str, Callable[[Proposal, dict[str, Any], list[str]], models.Model]] = {
    Proposal.Kind.PERSON: _accept_actor,
    Proposal.Kind.ORGANIZATION: _accept_actor,
    Proposal.Kind.MENTION: _accept_mention,
    Proposal.Kind.ROLE: _accept_role,
    Proposal.Kind.CLAIM: _accept_claim,
    Proposal.Kind.FIGURE: _accept_figure,
}


@transaction.atomic
def proposal_accept(
    *, proposal: Proposal, edits: dict[str, Any] | None = None, user: User | AnonymousUser | None
) -> models.Model:
    """Accept a proposal and return its record (`proposal_accept_noting` tells how it was made)."""
    return proposal_accept_noting(proposal=proposal, edits=edits, user=user).record


@transaction.atomic
def proposal_accept_noting(
    *, proposal: Proposal, edits: dict[str, Any] | None = None, user: User | AnonymousUser | None
) -> Acceptance:
    """Accept a proposal: record what it proposes (with the editor's corrections) and return it.

    The record is made by the same services as every other write (claim_create,
    figure_create, mention_create, role_create), so it is anchored and checked the same
    way. Speakers, holders and affiliations are found by name or alias among the stored
    people and organizations, or created when none has the name. A figure gets the measure
    named exactly as its counted noun phrase, if one is; otherwise editors assign one. When
    the passage is already recorded (by an editor, or by accepting an earlier extractor
    version's proposal), that record is linked instead of a second one. Accepting an
    accepted proposal again returns its record and creates nothing. `edits` may correct the
    fields listed in EDITABLE for the proposal's kind.

    What an editor rejected stays rejected: a proposed speaker rejected as a new person or
    organization of the article becomes a group in the text's words (and a note says so); a
    mention or role that would need a rejected actor created is refused (RejectedActor). Values
    the editor corrected are taken as given.
    """
    proposal = Proposal.objects.select_for_update().select_related("article").get(pk=proposal.pk)
    edits = dict(edits or {})
    unknown = sorted(set(edits) - EDITABLE[proposal.kind])
    if unknown:
        allowed = ", ".join(sorted(EDITABLE[proposal.kind]))
        raise ValidationError(
            {"edits": f"Cannot correct {', '.join(unknown)} on a {proposal.kind} proposal; the fields are: {allowed}."}
        )
    if proposal.status == Proposal.Status.ACCEPTED:
        record = proposal.record
        if edits:
            raise ValidationError(
                {"edits": "This proposal is already accepted; correct the record it created instead."}
            )
        if record is None:
            raise ValidationError(
                "This proposal was accepted, but the record it created has since been deleted; record it again "
                "by hand if it is wanted."
            )
        return Acceptance(record)
    proposal.edits = edits
    notes: list[str] = []
    record = ACCEPT[proposal.kind](proposal, {**proposal.data, **edits}, notes)
    proposal.status = Proposal.Status.ACCEPTED
    proposal.reviewed_by = user if user is not None and user.is_authenticated else None
    proposal.reviewed_at = timezone.now()
    setattr(proposal, Proposal.RECORD_LINKS[proposal.kind], record)
    proposal.full_clean(validate_unique=False)
    proposal.save()
    return Acceptance(record, notes)


@transaction.atomic
def proposals_accept(*, proposals: list[Proposal], user: User | AnonymousUser | None) -> list[models.Model]:
    """Accept several proposals, all or none: actors first, then mentions, roles, claims and
    the figures inside those claims, so each can link to what the earlier ones created."""
    ordered = sorted(proposals, key=lambda p: (p.article_id, KIND_ORDER[p.kind], p.start, p.end))
    records = []
    for proposal in ordered:
        try:
            records.append(proposal_accept(proposal=proposal, user=user))
        except ValidationError as error:
            raise ValidationError(f"Proposal {proposal.pk} ({proposal}) could not be accepted: {error}") from error
    return records


@transaction.atomic
def proposal_reject(*, proposal: Proposal, user: User | AnonymousUser | None) -> Proposal:
    """Reject a proposal: it stays, marked rejected with who and when, and records nothing.

    An accepted proposal cannot be rejected (delete or correct the record it created); a
    rejected one can still be accepted later.
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == Proposal.Status.ACCEPTED:
        raise ValidationError(
            "This proposal is already accepted; delete or correct the record it created instead of rejecting it."
        )
    if proposal.status == Proposal.Status.REJECTED:
        return proposal
    proposal.status = Proposal.Status.REJECTED
    proposal.reviewed_by = user if user is not None and user.is_authenticated else None
    proposal.reviewed_at = timezone.now()
    proposal.full_clean(validate_unique=False)
    proposal.save()
    return proposal
