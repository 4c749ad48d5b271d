"""Creating and changing one record: the anchored facts (claims, figures, mentions, roles) from
their quotes, and the plain records (people, organizations, measures, an article's metadata)."""

from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Person, Role
from facts.services.anchoring import anchor_attribution, anchor_quote

Record = TypeVar("Record", bound=models.Model)


def save_validated(instance: Record) -> Record:
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
    summary: str = "",
) -> Claim:
    """Record a claim from its quote (and optionally the words that attribute it, and an editor's summary)."""
    anchor = anchor_quote(article=article, exact=exact, start=start, end=end, prefix=prefix, suffix=suffix)
    attribution = anchor_attribution(article=article, exact=attribution_exact, start=attribution_start)
    claim = Claim(
        article=article,
        kind=kind,
        summary=summary,
        **anchor.as_fields(),
        **attribution,
        **_speaker_fields(speaker_person, speaker_organization, speaker_group),
    )
    return save_validated(claim)


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
    return save_validated(figure)


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
    return save_validated(Mention(article=article, person=person, organization=organization, **anchor.as_fields()))


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
    return save_validated(role)


@transaction.atomic
def record_create(*, model: type[Record], values: dict[str, Any]) -> Record:
    """Create a record that sits on no passage (a person, an organization, a measure) from its values."""
    instance = model(**values)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def record_update(*, instance: Record, changes: dict[str, Any]) -> Record:
    """Apply an editor's changes to a stored record, validate the result and save it.

    A figure whose qualifier or value changes while neither bound is given gets the bounds its
    qualifier implies (`Figure.implied_bounds`), as on create. A passage never changes: the
    callers offer only the record's own fields, and the database refuses a moved passage.
    """
    if isinstance(instance, Figure):
        changes = _with_implied_bounds(instance, changes)
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _with_implied_bounds(figure: Figure, changes: dict[str, Any]) -> dict[str, Any]:
    if not {"qualifier", "value"} & set(changes) or {"low", "high"} & set(changes):
        return changes
    qualifier = changes.get("qualifier", figure.qualifier)
    value = changes.get("value", figure.value)
    low, high = Figure.implied_bounds(qualifier, value)
    return {**changes, "low": low, "high": high}
