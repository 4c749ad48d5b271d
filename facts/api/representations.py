"""The read serializers' output, built directly: the same JSON as DRF's generic fields, faster.

DRF's generic `to_representation` walks every declared field of every nested serializer for
every record and reverses every hyperlink through the URL resolver; for a page of 100
claims that is most of the request's time. The read serializers (facts/api/serializers/) build
their dicts with the functions here instead: each URL pattern is reversed once per request
(`Links`) and the values are converted exactly as DRF's fields convert them.
tests/api/test_representations.py checks each serializer against DRF's generic output.
"""

from datetime import date, datetime, tzinfo
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from rest_framework.reverse import reverse

from facts.api.offsets import Utf16Offsets, converter_for
from facts.numbers import decimal_text

# A stand-in primary key: reversed once, then split around to make every record's URL.
_PK = "2718281828459045"


class Links:
    """Absolute URLs of records for one request, as DRF's `reverse` would build them."""

    def __init__(self, request: Any, format: str | None = None, utf16: Utf16Offsets | None = None) -> None:
        self.request = request
        self.format = format
        self.utf16 = utf16  # with offsets=utf16: converts passages' offsets (facts/api/offsets.py)
        self.templates: dict[tuple[str, bool], tuple[str, str] | None] = {}
        self.timezone: tzinfo = timezone.get_current_timezone()

    def __call__(self, view_name: str, pk: Any, with_format: bool = True) -> str:
        """The URL of record `pk` of `view_name`; `with_format` as hyperlinked fields do."""
        key = (view_name, with_format)
        template: tuple[str, str] | Literal[False] | None = self.templates.get(key, False)
        if template is False:
            url = reverse(
                view_name, kwargs={"pk": _PK}, request=self.request, format=self.format if with_format else None
            )
            parts = url.split(_PK)
            template = self.templates[key] = (parts[0], parts[1]) if len(parts) == 2 else None
        if template is None:  # the stand-in occurs elsewhere in the URL: reverse this one
            return reverse(
                view_name, kwargs={"pk": pk}, request=self.request, format=self.format if with_format else None
            )
        return f"{template[0]}{pk}{template[1]}"

    def datetime(self, value: datetime | None) -> str | None:
        """As DRF's DateTimeField: ISO 8601 in the current time zone, UTC written as Z."""
        if not value:
            return None
        text = value.astimezone(self.timezone).isoformat() if timezone.is_aware(value) else value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


def links_for(context: dict[str, Any]) -> Links:
    """The request's Links, made once and kept in the serializer context shared by nested serializers."""
    links = context.get("_links")
    if links is None:
        links = context["_links"] = Links(context.get("request"), context.get("format"), converter_for(context))
    return links


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def passage(record: Any, links: Links) -> dict[str, Any]:
    start, end = record.start, record.end
    if links.utf16 is not None:
        start, end = links.utf16(record.article_id, start), links.utf16(record.article_id, end)
    return {
        "article": links("article-detail", record.article_id),
        "start": start,
        "end": end,
        "exact": record.exact,
        "prefix": record.prefix,
        "suffix": record.suffix,
    }


def attribution(claim: Any, links: Links) -> dict[str, Any] | None:
    if claim.attribution_exact is None:
        return None
    start, end = claim.attribution_start, claim.attribution_end
    if links.utf16 is not None:
        start, end = links.utf16(claim.article_id, start), links.utf16(claim.article_id, end)
    return {"start": start, "end": end, "exact": claim.attribution_exact}


def speaker(record: Any, links: Links) -> dict[str, Any] | None:
    if record.speaker_person_id is not None:
        actor = record.speaker_person
        return {"type": "person", "id": actor.pk, "url": links("person-detail", actor.pk, False), "name": actor.name}
    if record.speaker_organization_id is not None:
        actor = record.speaker_organization
        url = links("organization-detail", actor.pk, False)
        return {"type": "organization", "id": actor.pk, "url": url, "name": actor.name}
    if record.speaker_group is not None:
        return {"type": "group", "id": None, "url": None, "name": record.speaker_group}
    return None


def holder(record: Any, links: Links) -> dict[str, Any]:
    if record.person_id is not None:
        url = links("person-detail", record.person_id, False)
        return {"type": "person", "id": record.person_id, "url": url, "name": record.person.name}
    url = links("organization-detail", record.organization_id, False)
    return {"type": "organization", "id": record.organization_id, "url": url, "name": record.organization.name}


def article_summary(article: Any, links: Links) -> dict[str, Any] | None:
    if article is None:
        return None
    return {
        "id": article.pk,
        "url": links("article-detail", article.pk),
        "title": article.title,
        "publisher": article.publisher,
        "published_on": iso_date(article.published_on),
        "source_url": article.url,
    }


def actor_summary(actor: Any, view_name: str, links: Links) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"id": actor.pk, "url": links(view_name, actor.pk), "name": actor.name}


def measure_summary(measure: Any, links: Links) -> dict[str, Any] | None:
    if measure is None:
        return None
    return {"id": measure.pk, "url": links("measure-detail", measure.pk), "name": measure.name, "unit": measure.unit}


def claim(record: Any, links: Links) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": links("claim-detail", record.pk),
        "kind": record.kind,
        "passage": passage(record, links),
        "attribution": attribution(record, links),
        "speaker": speaker(record, links),
        "article": article_summary(record.article, links),
        "review_status": record.review_status,
        "created_at": links.datetime(record.created_at),
        "updated_at": links.datetime(record.updated_at),
    }


def figure(record: Any, links: Links) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": links("figure-detail", record.pk),
        "passage": passage(record, links),
        "qualifier": record.qualifier,
        "value": decimal_text(record.value),
        "low": decimal_text(record.low),
        "high": decimal_text(record.high),
        "unit": record.unit,
        "measure": measure_summary(record.measure, links),
        "place": record.place,
        "period": record.period,
        "speaker": speaker(record, links),
        "claim": None if record.claim_id is None else links("claim-detail", record.claim_id),
        "article": article_summary(record.article, links),
        "created_at": links.datetime(record.created_at),
        "updated_at": links.datetime(record.updated_at),
    }


def mention(record: Any, links: Links) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": links("mention-detail", record.pk),
        "passage": passage(record, links),
        "names": holder(record, links),
        "created_at": links.datetime(record.created_at),
        "updated_at": links.datetime(record.updated_at),
    }


def role(record: Any, links: Links) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": links("role-detail", record.pk),
        "passage": passage(record, links),
        "holder": holder(record, links),
        "title": record.title,
        "affiliation": actor_summary(record.affiliation, "organization-detail", links),
        "created_at": links.datetime(record.created_at),
        "updated_at": links.datetime(record.updated_at),
    }


def article(record: Any, links: Links) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": links("article-detail", record.pk),
        "title": record.title,
        "publisher": record.publisher,
        "source_url": record.url,
        "language": record.language,
        "published_on": iso_date(record.published_on),
        "sha256": record.sha256,
        "length": record.body_length if hasattr(record, "body_length") else len(record.body),
        "extraction": extraction(record, links),
        "created_at": links.datetime(record.created_at),
        "updated_at": links.datetime(record.updated_at),
    }


def extraction(article: Any, links: Links) -> dict[str, Any] | None:
    """An article's extraction state (joined in by its queryset), or None if never asked for."""
    try:
        state = article.extraction
    except ObjectDoesNotExist:
        return None
    return {
        "status": state.status,
        "proposals": state.proposals,
        "error": state.error,
        "updated_at": links.datetime(state.updated_at),
    }


def actor(record: Any, view_name: str, links: Links) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": links(view_name, record.pk),
        "name": record.name,
        "aliases": list(record.aliases),
        "created_at": links.datetime(record.created_at),
        "updated_at": links.datetime(record.updated_at),
    }


def measure(record: Any, links: Links) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": links("measure-detail", record.pk),
        "name": record.name,
        "description": record.description,
        "unit": record.unit,
        "comparison": links("measure-comparison", record.pk),
        "created_at": links.datetime(record.created_at),
        "updated_at": links.datetime(record.updated_at),
    }
