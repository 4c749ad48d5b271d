"""Writes that touch several rows or models, and the quote anchoring they share.

Every anchored record (claim, figure, mention, role) is created from its article and the
exact text of its passage; `anchor_quote` finds where that text sits in the body. The
text is matched character for character: nothing is trimmed or normalised, and offsets
that disagree with the text are refused rather than corrected.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pghistory
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from facts import extraction
from facts.models import (
    CONTEXT_LENGTH,
    MERGE_EVENT,
    Actor,
    Article,
    Claim,
    Figure,
    Measure,
    Mention,
    Organization,
    Person,
    Proposal,
    Review,
    Role,
    body_sha256,
    validate_storable_text,
)

MAX_CANDIDATES_LISTED = 10


@dataclass(frozen=True)
class Anchor:
    """A span of an article body, with the text in and around it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def as_fields(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}


def _describe_article(article: Article) -> str:
    if article.pk is None:  # not stored yet: an article of a batch (facts/batch.py)
        return f"the article (“{article}”)"
    return f"article {article.pk} (“{article}”)"


def _quote_for_message(text: str) -> str:
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")


def anchor_quote(
    *,
    article: Article,
    exact: str,
    start: int | None = None,
    end: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    field: str = "exact",
) -> Anchor:
    """Find `exact` in the article body and return its span.

    `start` (and `end`) pin an occurrence and must agree with the text; otherwise the
    quote must occur once, or `prefix`/`suffix` (text just before/after it) must pick
    one occurrence. Raises ValidationError, keyed by `field`, saying what went wrong
    and listing the candidate offsets when the quote is ambiguous.
    """
    body = article.body

    def refuse(message: str, code: str, key: str = field) -> ValidationError:
        return ValidationError({key: ValidationError(message, code=code)})

    if not exact:
        raise refuse("The quote is empty; give the exact text of the passage.", "quote_empty")
    _check_storable(field, exact)

    if start is not None or end is not None:
        start = start if start is not None else end - len(exact)
        end = end if end is not None else start + len(exact)
        if start < 0 or end <= start:
            raise refuse(
                f"The offsets {start}–{end} are not a span: start must be at least 0 and below end.",
                "bad_offsets",
                "start",
            )
        if end - start != len(exact):
            raise refuse(
                f"The offsets {start}–{end} span {end - start} characters but the quote has {len(exact)}.",
                "offsets_mismatch",
                "end",
            )
        if end > len(body):
            raise refuse(
                f"The offsets {start}–{end} run past the end of {_describe_article(article)}, "
                f"which has {len(body)} characters.",
                "offsets_out_of_range",
                "end",
            )
        if body[start:end] != exact:
            raise refuse(
                f"The text of {_describe_article(article)} at {start}–{end} is {_quote_for_message(body[start:end])}, "
                f"not the quote {_quote_for_message(exact)}.",
                "offsets_mismatch",
            )
        candidates = [start]
    else:
        candidates = find_occurrences(body, exact)
        if not candidates:
            raise refuse(
                f"The quote {_quote_for_message(exact)} does not occur in {_describe_article(article)}. "
                "Copy it exactly as it stands in the article: it is matched character for character, "
                "including spaces, quotation marks and case.",
                "quote_not_found",
            )

    if prefix:
        candidates = [s for s in candidates if body[:s].endswith(prefix)]
    if suffix:
        candidates = [s for s in candidates if body[s + len(exact) :].startswith(suffix)]
    if not candidates:
        raise refuse(
            f"The quote {_quote_for_message(exact)} occurs in {_describe_article(article)}, but not with the given "
            "prefix/suffix around it.",
            "context_mismatch",
        )
    if len(candidates) > 1:
        listed = ", ".join(f"{s}–{s + len(exact)}" for s in candidates[:MAX_CANDIDATES_LISTED])
        more = f" and {len(candidates) - MAX_CANDIDATES_LISTED} more" if len(candidates) > MAX_CANDIDATES_LISTED else ""
        raise refuse(
            f"The quote {_quote_for_message(exact)} occurs {len(candidates)} times in {_describe_article(article)}, "
            f"at {listed}{more}. Give start (one of these offsets), or a prefix or suffix, to choose one.",
            "quote_ambiguous",
        )

    chosen = candidates[0]
    chosen_end = chosen + len(exact)
    return Anchor(
        start=chosen,
        end=chosen_end,
        exact=exact,
        prefix=body[max(0, chosen - CONTEXT_LENGTH) : chosen],
        suffix=body[chosen_end : chosen_end + CONTEXT_LENGTH],
    )


def anchor_attribution(*, article: Article, exact: str | None, start: int | None = None) -> dict[str, Any]:
    """A claim's attribution fields for the words that attribute it (none when `exact` is None)."""
    if exact is None:
        return {}
    found = anchor_quote(article=article, exact=exact, start=start, field="attribution_exact")
    return {"attribution_start": found.start, "attribution_end": found.end, "attribution_exact": found.exact}


def find_occurrences(body: str, text: str) -> list[int]:
    """Every offset where `text` starts in `body`, overlapping occurrences included."""
    found = []
    position = body.find(text)
    while position != -1:
        found.append(position)
        position = body.find(text, position + 1)
    return found


def _check_storable(field: str, text: str) -> None:
    try:
        validate_storable_text(text)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from None


def _save(instance: Any) -> Any:
    """Validate and save; a constraint the database still refuses becomes a ValidationError."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        # full_clean checked every constraint; this is a concurrent write that got there first.
        raise ValidationError(
            f"The {instance._meta.verbose_name} conflicts with a record written at the same time: {error}"
        ) from error
    return instance


@transaction.atomic
def article_ingest(
    *,
    body: str,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    language: str | None = None,
    published_on: Any = None,
    extract: bool = True,
) -> tuple[Article, bool]:
    """Store an article's text, or find the article that already has exactly this text.

    Returns (article, created). A body already stored resolves to the existing article,
    whose metadata is left as it was. A newly stored article gets the extractor's
    proposals (`article_extract`) unless `extract` is False.
    """
    if body == "":
        raise ValidationError({"body": ValidationError("The article body is empty.", code="required")})
    _check_storable("body", body)
    existing = Article.objects.filter(sha256=body_sha256(body)).first()
    if existing is not None:
        return existing, False
    article = Article(
        body=body, title=title, publisher=publisher, url=url, language=language, published_on=published_on
    )
    article.full_clean()
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Another writer stored the same body between our check and our insert.
        return Article.objects.get(sha256=article.sha256), False
    if extract:
        article_extract(article=article)
    return article, True


def _speaker_fields(
    speaker_person: Person | None, speaker_organization: Organization | None, speaker_group: str | None
) -> dict[str, Any]:
    return {
        "speaker_person": speaker_person,
        "speaker_organization": speaker_organization,
        "speaker_group": speaker_group,
    }


@transaction.atomic
def claim_create(
    *,
    article: Article,
    exact: str,
    kind: str,
    start: int | None = None,
    end: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    speaker_person: Person | None = None,
    speaker_organization: Organization | None = None,
    speaker_group: str | None = None,
    attribution_exact: str | None = None,
    attribution_start: int | None = None,
) -> Claim:
    """Record a claim from its quote (and optionally the words that attribute it)."""
    anchor = anchor_quote(article=article, exact=exact, start=start, end=end, prefix=prefix, suffix=suffix)
    attribution = anchor_attribution(article=article, exact=attribution_exact, start=attribution_start)
    claim = Claim(
        article=article,
        kind=kind,
        **anchor.as_fields(),
        **attribution,
        **_speaker_fields(speaker_person, speaker_organization, speaker_group),
    )
    return _save(claim)


@transaction.atomic
def figure_create(
    *,
    article: Article,
    exact: str,
    qualifier: str,
    value: Decimal | None = None,
    low: Decimal | None = None,
    high: Decimal | None = None,
    start: int | None = None,
    end: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    unit: str = "",
    measure: Measure | None = None,
    place: str = "",
    period: str = "",
    claim: Claim | None = None,
    speaker_person: Person | None = None,
    speaker_organization: Organization | None = None,
    speaker_group: str | None = None,
) -> Figure:
    """Record a figure from its quote. Bounds a qualifier implies may be left out."""
    anchor = anchor_quote(article=article, exact=exact, start=start, end=end, prefix=prefix, suffix=suffix)
    low, high = Figure.bounds_or_implied(qualifier, value, low, high)
    figure = Figure(
        article=article,
        qualifier=qualifier,
        value=value,
        low=low,
        high=high,
        unit=unit,
        measure=measure,
        place=place,
        period=period,
        claim=claim,
        **anchor.as_fields(),
        **_speaker_fields(speaker_person, speaker_organization, speaker_group),
    )
    return _save(figure)


@transaction.atomic
def mention_create(
    *,
    article: Article,
    exact: str,
    person: Person | None = None,
    organization: Organization | None = None,
    start: int | None = None,
    end: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Mention:
    """Record where an article names a person or an organization."""
    anchor = anchor_quote(article=article, exact=exact, start=start, end=end, prefix=prefix, suffix=suffix)
    return _save(Mention(article=article, person=person, organization=organization, **anchor.as_fields()))


@transaction.atomic
def role_create(
    *,
    article: Article,
    exact: str,
    title: str,
    person: Person | None = None,
    organization: Organization | None = None,
    affiliation: Organization | None = None,
    start: int | None = None,
    end: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Role:
    """Record a role or affiliation as an article states it."""
    anchor = anchor_quote(article=article, exact=exact, start=start, end=end, prefix=prefix, suffix=suffix)
    role = Role(
        article=article,
        person=person,
        organization=organization,
        title=title,
        affiliation=affiliation,
        **anchor.as_fields(),
    )
    return _save(role)


@transaction.atomic
def claim_review(*, claim: Claim, status: str, note: str = "", reviewer: AbstractBaseUser | None = None) -> Review:
    """Record an editor's verdict on a claim and make it the claim's current status."""
    review = Review(claim=claim, status=status, note=note, reviewer=reviewer)
    review.full_clean()
    review.save()
    claim.review_status = status
    claim.save(update_fields=["review_status", "updated_at"])
    return review


# Merging duplicates ----------------------------------------------------------------------

# Every foreign key through which a fact points at a person or an organization.
PERSON_LINKS: list[tuple[type, str]] = [
    (Claim, "speaker_person"),
    (Figure, "speaker_person"),
    (Mention, "person"),
    (Role, "person"),
]
ORGANIZATION_LINKS: list[tuple[type, str]] = [
    (Claim, "speaker_organization"),
    (Figure, "speaker_organization"),
    (Mention, "organization"),
    (Role, "organization"),
    (Role, "affiliation"),
]


def _actor_merge(*, keep: Actor, duplicate: Actor, links: list[tuple[type, str]]) -> dict[str, int]:
    """Move every fact from `duplicate` onto `keep`, keep its names as aliases, delete it.

    Returns how many records moved, by "model.field". The whole merge is one history
    context, so its events (the moved facts, the kept actor's new aliases, the
    deletion, and a "merge" event on the kept actor) read as one change.
    """
    model = type(keep)
    name = model._meta.verbose_name
    if type(duplicate) is not model:
        raise ValidationError(f"A {name} can only be merged with another {name}.", code="merge_mismatch")
    if keep.pk == duplicate.pk:
        raise ValidationError(
            f"Choose two different records: a {name} cannot be merged into itself.", code="merge_self"
        )
    # Lock both rows, so a concurrent edit or merge waits for this one.
    locked = model.objects.select_for_update().in_bulk([keep.pk, duplicate.pk])
    if len(locked) != 2:
        raise ValidationError(f"The {name} to merge no longer exists.", code="merge_missing")
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]

    merge_context = {
        "merge": {"model": model._meta.label, "kept": keep.pk, "merged": duplicate.pk, "name": duplicate.name}
    }
    with pghistory.context(**merge_context):
        moved = {}
        for linked_model, field in links:
            moved[f"{linked_model._meta.model_name}.{field}"] = linked_model.objects.filter(
                **{field: duplicate}
            ).update(**{field: keep})
        names = [duplicate.name, *duplicate.aliases]
        keep.aliases = [*keep.aliases, *(n for n in dict.fromkeys(names) if n != keep.name and n not in keep.aliases)]
        duplicate.delete()
        keep.full_clean()
        keep.save()
        pghistory.create_event(keep, label=MERGE_EVENT)
    return moved


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person) -> Person:
    """Merge a duplicate person into the one kept.

    Every claim, figure, mention and role of the duplicate moves to the kept person, whose
    aliases gain the duplicate's name and aliases; the duplicate is deleted. History
    records each of these changes, and a "merge" event on the kept person.
    """
    _actor_merge(keep=keep, duplicate=duplicate, links=PERSON_LINKS)
    keep.refresh_from_db()
    return keep


@transaction.atomic
def organization_merge(*, keep: Organization, duplicate: Organization) -> Organization:
    """Merge a duplicate organization into the one kept (as `person_merge` does for people).

    Claims, figures, mentions, roles held by the duplicate and roles held at it (their
    affiliation) move to the kept organization.
    """
    _actor_merge(keep=keep, duplicate=duplicate, links=ORGANIZATION_LINKS)
    keep.refresh_from_db()
    return keep


# Proposals: what the extractor finds, and editors accept or reject -----------------------

KIND_ORDER = {
    Proposal.Kind.PERSON: 0,
    Proposal.Kind.ORGANIZATION: 1,
    Proposal.Kind.MENTION: 2,
    Proposal.Kind.ROLE: 3,
    Proposal.Kind.CLAIM: 4,
    Proposal.Kind.FIGURE: 5,
}
"""The order proposals are accepted in together: actors, then what names them, then claims,
then the figures that sit in those claims."""

EDITABLE = {
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


def _span(span: extraction.Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "exact": span.exact}


def _speaker(speaker: extraction.Speaker | None) -> dict[str, str] | None:
    return None if speaker is None else {"type": speaker.type, "name": speaker.name}


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _proposals_from(article: Article, found: extraction.Extraction) -> list[Proposal]:
    """Unsaved proposals for everything the extractor found in the article."""
    version = extraction.EXTRACTOR_VERSION
    body = article.body

    def proposal(kind: str, span: extraction.Span, data: dict[str, Any], confidence: float) -> Proposal:
        return Proposal(
            article=article,
            kind=kind,
            start=span.start,
            end=span.end,
            exact=span.exact,
            prefix=body[max(0, span.start - CONTEXT_LENGTH) : span.start],
            suffix=body[span.end : span.end + CONTEXT_LENGTH],
            data=data,
            confidence=round(min(1.0, max(0.0, confidence)), 2),
            extractor_version=version,
        )

    matches = _existing_actors(found.actors)
    proposals = []
    for actor in found.actors:
        data = {"name": actor.name, "aliases": list(actor.aliases), "rule": actor.rule}
        match = matches.get((actor.type, actor.name))
        if match is not None:
            data["match"] = {"id": match.pk, "name": match.name}
        proposals.append(proposal(actor.type, actor.first, data, actor.confidence))
    for mention in found.mentions:
        data = {"actor": mention.type, "name": mention.name, "rule": mention.rule}
        proposals.append(proposal(Proposal.Kind.MENTION, mention.span, data, mention.confidence))
    for role in found.roles:
        data = {
            "holder": _speaker(role.holder),
            "title": role.title,
            "affiliation": role.affiliation,
            "rule": role.rule,
        }
        proposals.append(proposal(Proposal.Kind.ROLE, role.span, data, role.confidence))
    for claim in found.claims:
        data = {
            "kind": claim.kind,
            "speaker": _speaker(claim.speaker),
            "attribution": _span(claim.attribution),
            "rule": claim.rule,
        }
        proposals.append(proposal(Proposal.Kind.CLAIM, claim.span, data, claim.confidence))
    for figure in found.figures:
        data = {
            "qualifier": figure.qualifier,
            "value": _number(figure.value),
            "low": _number(figure.low),
            "high": _number(figure.high),
            "unit": figure.unit,
            "noun": _span(figure.noun),
            "speaker": _speaker(figure.speaker),
            "claim": None if figure.claim is None else {"start": figure.claim.start, "end": figure.claim.end},
            "rule": figure.rule,
        }
        proposals.append(proposal(Proposal.Kind.FIGURE, figure.span, data, figure.confidence))
    return proposals


def _existing_actors(actors: tuple[extraction.ActorCandidate, ...]) -> dict[tuple[str, str], Actor]:
    """The one stored person or organization each proposed actor names (by name or alias), if any."""
    found: dict[tuple[str, str], Actor] = {}
    for kind, model in (("person", Person), ("organization", Organization)):
        proposed = {actor.name: [actor.name, *actor.aliases] for actor in actors if actor.type == kind}
        if not proposed:
            continue
        names = sorted({name for forms in proposed.values() for name in forms})
        candidates = list(model.objects.filter(Q(name__in=names) | Q(aliases__overlap=names)))
        for name, forms in proposed.items():
            named = [c for c in candidates if c.name in forms or set(c.aliases) & set(forms)]
            if len(named) == 1:
                found[(kind, name)] = named[0]
    return found


@transaction.atomic
def article_extract(*, article: Article) -> list[Proposal]:
    """Run the extractor on an article and store what it proposes; returns the article's
    proposals from this extractor version, oldest first.

    Idempotent: a proposal this version already made (same kind and span) is not made
    again, whatever its status, so re-running never undoes a review.
    """
    version = extraction.EXTRACTOR_VERSION
    existing = set(
        Proposal.objects.filter(article=article, extractor_version=version).values_list("kind", "start", "end")
    )
    new = [
        p
        for p in _proposals_from(article, extraction.extract(article.body))
        if (p.kind, p.start, p.end) not in existing
    ]
    for proposal in new:
        # Fields and the passage are checked here; the constraints (one per span and
        # version among them) by the database on insert, and the article is the one in
        # hand: no query per row, so storing proposals costs a bulk insert.
        proposal.full_clean(exclude=["article"], validate_unique=False, validate_constraints=False)
    # ignore_conflicts: a concurrent run that inserted the same proposal first wins.
    Proposal.objects.bulk_create(new, ignore_conflicts=True)
    return list(Proposal.objects.filter(article=article, extractor_version=version).order_by("start", "end", "kind"))


def _actor(model: type[Actor], name: str, *, aliases: list[str] | None = None, pk: Any = None) -> Actor:
    """The person or organization with this id, or with this name or alias; created when none has it.

    Aliases of more than one word (“Mr. Flake”) are kept; a single word (“Flake”) is too
    ambiguous across articles to identify anyone.
    """
    label = model._meta.verbose_name
    if pk is not None:
        found = model.objects.filter(pk=pk).first()
        if found is None:
            raise ValidationError({"edits": f"There is no {label} with id {pk}."})
        return found
    if not isinstance(name, str) or not name.strip():
        raise ValidationError({"edits": f"Give the {label}'s name."})
    candidates = list(model.objects.filter(Q(name=name) | Q(aliases__contains=[name])).order_by("pk")[:5])
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


def _speaker_of(value: Any) -> dict[str, Any]:
    """Speaker fields from a proposed speaker: {type, name} or {type, id}, or None (the article)."""
    if value is None:
        return {}
    if not isinstance(value, dict) or value.get("type") not in ("person", "organization", "group"):
        raise ValidationError({"edits": "A speaker is null, or {type: person|organization|group, name (or id)}."})
    if value["type"] == "group":
        if not isinstance(value.get("name"), str) or not value["name"]:
            raise ValidationError({"edits": "A group speaker needs its words as `name`."})
        return {"speaker_group": value["name"]}
    model = Person if value["type"] == "person" else Organization
    actor = _actor(model, value.get("name"), pk=value.get("id"))
    return {f"speaker_{value['type']}": actor}


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"edits": f"{field} must be a decimal number, not {value!r}."}) from None


def _existing_record(model: type[models.Model], article: Article, start: int, end: int) -> Any:
    return model.objects.filter(article=article, start=start, end=end).first()


def _anchor(proposal: Proposal, values: dict[str, Any]) -> Anchor:
    """The passage to record: the proposal's, or the one the editor corrected it to."""
    if "exact" in values or "start" in values:
        return anchor_quote(
            article=proposal.article, exact=values.get("exact", proposal.exact), start=values.get("start")
        )
    return Anchor(proposal.start, proposal.end, proposal.exact, proposal.prefix, proposal.suffix)


def _accept_actor(proposal: Proposal, values: dict[str, Any]) -> Actor:
    model = Person if proposal.kind == Proposal.Kind.PERSON else Organization
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


def _accept_mention(proposal: Proposal, values: dict[str, Any]) -> Mention:
    anchor = _anchor(proposal, values)
    existing = _existing_record(Mention, proposal.article, anchor.start, anchor.end)
    if existing is not None:
        return existing
    kind = values.get("actor")
    if kind not in ("person", "organization"):
        raise ValidationError({"edits": "actor is “person” or “organization”."})
    model = Person if kind == "person" else Organization
    actor = _actor(model, values.get("name"), pk=values.get("id"))
    return mention_create(article=proposal.article, exact=anchor.exact, start=anchor.start, **{kind: actor})


def _accept_role(proposal: Proposal, values: dict[str, Any]) -> Role:
    anchor = _anchor(proposal, values)
    existing = _existing_record(Role, proposal.article, anchor.start, anchor.end)
    if existing is not None:
        return existing
    holder = values.get("holder")
    if not isinstance(holder, dict) or holder.get("type") not in ("person", "organization"):
        raise ValidationError({"edits": "holder is {type: person|organization, name (or id)}."})
    model = Person if holder["type"] == "person" else Organization
    actor = _actor(model, holder.get("name"), pk=holder.get("id"))
    affiliation = values.get("affiliation")
    if isinstance(affiliation, dict):
        affiliation = _actor(Organization, affiliation.get("name"), pk=affiliation.get("id"))
    elif affiliation is not None:
        affiliation = _actor(Organization, affiliation)
    return role_create(
        article=proposal.article,
        exact=anchor.exact,
        start=anchor.start,
        title=values.get("title") or "",
        affiliation=affiliation,
        **{holder["type"]: actor},
    )


def _accept_claim(proposal: Proposal, values: dict[str, Any]) -> Claim:
    anchor = _anchor(proposal, values)
    existing = _existing_record(Claim, proposal.article, anchor.start, anchor.end)
    if existing is not None:
        return existing
    attribution = values.get("attribution")
    if attribution is not None and (not isinstance(attribution, dict) or "exact" not in attribution):
        raise ValidationError({"edits": "attribution is null or {exact, start}."})
    return claim_create(
        article=proposal.article,
        exact=anchor.exact,
        start=anchor.start,
        kind=values.get("kind"),
        attribution_exact=attribution["exact"] if attribution else None,
        attribution_start=attribution.get("start") if attribution else None,
        **_speaker_of(values.get("speaker")),
    )


def _accept_figure(proposal: Proposal, values: dict[str, Any]) -> Figure:
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
    qualifier = values.get("qualifier")
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
        **_speaker_of(values.get("speaker")),
    )


ACCEPT = {
    Proposal.Kind.PERSON: _accept_actor,
    Proposal.Kind.ORGANIZATION: _accept_actor,
    Proposal.Kind.MENTION: _accept_mention,
    Proposal.Kind.ROLE: _accept_role,
    Proposal.Kind.CLAIM: _accept_claim,
    Proposal.Kind.FIGURE: _accept_figure,
}


@transaction.atomic
def proposal_accept(
    *, proposal: Proposal, edits: dict[str, Any] | None = None, user: AbstractBaseUser | None
) -> models.Model:
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
        return record
    proposal.edits = edits
    record = ACCEPT[proposal.kind](proposal, {**proposal.data, **edits})
    proposal.status = Proposal.Status.ACCEPTED
    proposal.reviewed_by = user if user is not None and user.is_authenticated else None
    proposal.reviewed_at = timezone.now()
    setattr(proposal, Proposal.RECORD_FIELDS[proposal.kind], record)
    proposal.full_clean(validate_unique=False)
    proposal.save()
    return record


@transaction.atomic
def proposals_accept(*, proposals: list[Proposal], user: AbstractBaseUser | None) -> list[models.Model]:
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
def proposal_reject(*, proposal: Proposal, user: AbstractBaseUser | None) -> Proposal:
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
