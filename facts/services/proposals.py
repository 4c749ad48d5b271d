"""Proposals: what the extractor finds in an article, stored for editors to accept or reject."""

from typing import Any

from django.db import transaction
from django.db.models import Q

from facts import extraction
from facts.models import CONTEXT_LENGTH, Actor, Article, Organization, Person, Proposal
from facts.numbers import decimal_text


def _span(span: extraction.Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "exact": span.exact}


def _speaker(speaker: extraction.Speaker | None) -> dict[str, str] | None:
    return None if speaker is None else {"type": speaker.type, "name": speaker.name}


def _actor_data(actor: extraction.ActorCandidate, match: Actor | None) -> dict[str, Any]:
    data: dict[str, Any] = {"name": actor.name, "aliases": list(actor.aliases), "rule": actor.rule}
    if match is not None:
        data["match"] = {"id": match.pk, "name": match.name}
    return data


def _figure_data(figure: extraction.FigureCandidate) -> dict[str, Any]:
    return {
        "qualifier": figure.qualifier,
        "value": decimal_text(figure.value),
        "low": decimal_text(figure.low),
        "high": decimal_text(figure.high),
        "unit": figure.unit,
        "noun": _span(figure.noun),
        "speaker": _speaker(figure.speaker),
        "claim": None if figure.claim is None else {"start": figure.claim.start, "end": figure.claim.end},
        "rule": figure.rule,
    }


def _found(found: extraction.Extraction) -> list[tuple[str, extraction.Span, dict[str, Any], float]]:
    """(kind, span, data, confidence) for everything the extractor found: actors first, figures last."""
    matches = _existing_actors(found.actors)
    items = [
        (actor.type, actor.first, _actor_data(actor, matches.get((actor.type, actor.name))), actor.confidence)
        for actor in found.actors
    ]
    for mention in found.mentions:
        data: dict[str, Any] = {"actor": mention.type, "name": mention.name, "rule": mention.rule}
        items.append((Proposal.Kind.MENTION, mention.span, data, mention.confidence))
    for role in found.roles:
        data = {"holder": _speaker(role.holder), "title": role.title, "affiliation": role.affiliation}
        items.append((Proposal.Kind.ROLE, role.span, {**data, "rule": role.rule}, role.confidence))
    for claim in found.claims:
        data = {"kind": claim.kind, "speaker": _speaker(claim.speaker), "attribution": _span(claim.attribution)}
        items.append((Proposal.Kind.CLAIM, claim.span, {**data, "rule": claim.rule}, claim.confidence))
    items.extend((Proposal.Kind.FIGURE, f.span, _figure_data(f), f.confidence) for f in found.figures)
    return items


def proposals_from(article: Article, found: extraction.Extraction) -> list[Proposal]:
    """Unsaved proposals for everything the extractor found in the article."""
    body = article.body
    return [
        Proposal(
            article=article,
            kind=kind,
            start=span.start,
            end=span.end,
            exact=span.exact,
            prefix=body[max(0, span.start - CONTEXT_LENGTH) : span.start],
            suffix=body[span.end : span.end + CONTEXT_LENGTH],
            data=data,
            confidence=round(min(1.0, max(0.0, confidence)), 2),
            extractor_version=extraction.EXTRACTOR_VERSION,
        )
        for kind, span, data, confidence in _found(found)
    ]


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
def article_extract(*, article: Article, found: extraction.Extraction | None = None) -> list[Proposal]:
    """Run the extractor on an article and store what it proposes; returns the article's
    proposals from this extractor version, oldest first. `found` is the extractor's output
    when the caller already has it (manage.py extract reads many articles at once).

    Idempotent: a proposal this version already made (same kind and span) is not made
    again, whatever its status, so re-running never undoes a review. The article's pending
    proposals from other extractor versions become superseded (their history kept); accepted
    and rejected ones, and the facts accepted from them, are left as they are.
    """
    version = extraction.EXTRACTOR_VERSION
    existing = set(
        Proposal.objects.filter(article=article, extractor_version=version).values_list("kind", "start", "end")
    )
    found = found if found is not None else extraction.extract(article.body)
    new = [p for p in proposals_from(article, found) if (p.kind, p.start, p.end) not in existing]
    for proposal in new:
        # Fields and the passage are checked here; the constraints (one per span and
        # version among them) by the database on insert, and the article is the one in
        # hand: no query per row, so storing proposals costs a bulk insert.
        proposal.full_clean(exclude=["article"], validate_unique=False, validate_constraints=False)
    # ignore_conflicts: a concurrent run that inserted the same proposal first wins.
    Proposal.objects.bulk_create(new, ignore_conflicts=True)
    proposals_supersede(article=article)
    return list(Proposal.objects.filter(article=article, extractor_version=version).order_by("start", "end", "kind"))


@transaction.atomic
def proposals_supersede(*, article: Article) -> int:
    """Mark the article's pending proposals of other extractor versions superseded; returns how many.

    One UPDATE: the history triggers record each row's change, so what was pending stays visible
    in the proposal's history.
    """
    older = Proposal.objects.pending().filter(article=article).exclude(extractor_version=extraction.EXTRACTOR_VERSION)
    return older.update(status=Proposal.Status.SUPERSEDED)
