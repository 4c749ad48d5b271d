"""Writes that touch several rows or models, and the quote anchoring they share.

Every anchored record (claim, figure, mention, role) is created from its article and the
exact text of its passage; `anchor_quote` finds where that text sits in the body. The
text is matched character for character: nothing is trimmed or normalised, and offsets
that disagree with the text are refused rather than corrected.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pghistory
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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
) -> tuple[Article, bool]:
    """Store an article's text, or find the article that already has exactly this text.

    Returns (article, created). A body already stored resolves to the existing article,
    whose metadata is left as it was.
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
    attribution: dict[str, Any] = {}
    if attribution_exact is not None:
        found = anchor_quote(
            article=article, exact=attribution_exact, start=attribution_start, field="attribution_exact"
        )
        attribution = {
            "attribution_start": found.start,
            "attribution_end": found.end,
            "attribution_exact": found.exact,
        }
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
    implied_low, implied_high = Figure.implied_bounds(qualifier, value)
    figure = Figure(
        article=article,
        qualifier=qualifier,
        value=value,
        low=implied_low if low is None else low,
        high=implied_high if high is None else high,
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
