"""Ingestion through the app one record at a time: facts.services' writes, and the API's POSTs (test client).

Each function writes the generated records (bench/ingestion.py) and is timed by its caller in a
transaction that is rolled back.
"""

from decimal import Decimal
from typing import Any

from bench.common import HOST
from bench.workloads import API


def _ref(model: Any, pk: int | None) -> Any:
    """An unsaved instance standing for the row `pk` (enough for a foreign key), or None."""
    return model(pk=pk) if pk else None


def _service_claim(article: Any, claim: dict[str, Any]) -> Any:
    from facts import services
    from facts.models import Organization, Person

    return services.claim_create(
        article=article,
        exact=claim["exact"],
        kind=claim["kind"],
        start=claim["start"],
        speaker_person=_ref(Person, claim["speaker_person_id"]),
        speaker_organization=_ref(Organization, claim["speaker_organization_id"]),
        speaker_group=claim["speaker_group"],
        attribution_exact=claim["attribution_exact"],
        attribution_start=claim["attribution_start"],
    )


def _service_figure(article: Any, figure: dict[str, Any], claims_by_generated_id: dict[int, Any]) -> None:
    from facts import services
    from facts.models import Measure, Organization, Person

    services.figure_create(
        article=article,
        exact=figure["exact"],
        qualifier=figure["qualifier"],
        start=figure["start"],
        value=figure["value"],
        low=figure["low"],
        high=figure["high"],
        unit=figure["unit"],
        place=figure["place"],
        period=figure["period"],
        measure=_ref(Measure, figure["measure_id"]),
        claim=claims_by_generated_id.get(figure["claim_id"]),
        speaker_person=_ref(Person, figure["speaker_person_id"]),
        speaker_organization=_ref(Organization, figure["speaker_organization_id"]),
        speaker_group=figure["speaker_group"],
    )


def through_services(records: dict[str, list[dict[str, Any]]]) -> None:
    """Every article, then its claims and figures, through article_ingest, claim_create and figure_create."""
    from facts import services

    claims_by_generated_id: dict[int, Any] = {}
    figures: dict[int, list[dict[str, Any]]] = {}
    for record in records["facts_figure"]:
        figures.setdefault(record["article_id"], []).append(record)
    claims: dict[int, list[dict[str, Any]]] = {}
    for record in records["facts_claim"]:
        claims.setdefault(record["article_id"], []).append(record)
    for record in records["facts_article"]:
        article, _ = services.article_ingest(
            body=record["body"],
            title=record["title"],
            publisher=record["publisher"],
            url=record["url"],
            language=record["language"],
            published_on=record["published_on"],
        )
        for claim in claims.get(record["id"], []):
            claims_by_generated_id[claim["id"]] = _service_claim(article, claim)
        for figure in figures.get(record["id"], []):
            _service_figure(article, figure, claims_by_generated_id)


def api_client(token: str) -> Any:
    """A test client signed in with the editor's token."""
    from django.test import Client

    return Client(HTTP_HOST=HOST, HTTP_AUTHORIZATION=f"Token {token}")


def _post(client: Any, path: str, data: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"{API}{path}/", data, content_type="application/json")
    if response.status_code != 201:
        raise RuntimeError(f"POST {path}: {response.status_code} {response.content[:300]!r}")
    return response.json()


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _api_claim(claim: dict[str, Any], article_id: int) -> dict[str, Any]:
    """The POST /claims/ body for a generated claim: only the fields it has."""
    sent = {"article": article_id, "exact": claim["exact"], "kind": claim["kind"], "start": claim["start"]}
    for name in ("speaker_person", "speaker_organization"):
        if claim[f"{name}_id"]:
            sent[name] = claim[f"{name}_id"]
    if claim["speaker_group"]:
        sent["speaker_group"] = claim["speaker_group"]
    if claim["attribution_exact"]:
        sent["attribution_exact"] = claim["attribution_exact"]
        sent["attribution_start"] = claim["attribution_start"]
    return sent


def _api_figure(figure: dict[str, Any], article_id: int, claim_ids: dict[int, int]) -> dict[str, Any]:
    """The POST /figures/ body for a generated figure: only the fields it has, its claim by its new id."""
    sent = {
        "article": article_id,
        "exact": figure["exact"],
        "start": figure["start"],
        "qualifier": figure["qualifier"],
        "unit": figure["unit"],
        "place": figure["place"],
    }
    for name in ("value", "low", "high"):
        if figure[name] is not None:
            sent[name] = _plain(figure[name])
    for name in ("speaker_person", "speaker_organization", "measure"):
        if figure[f"{name}_id"]:
            sent[name] = figure[f"{name}_id"]
    if figure["speaker_group"]:
        sent["speaker_group"] = figure["speaker_group"]
    if figure["claim_id"]:
        sent["claim"] = claim_ids[figure["claim_id"]]
    return sent


def through_api(records: dict[str, list[dict[str, Any]]], client: Any) -> None:
    """Every article, then its claims and figures, one POST each."""
    claim_ids: dict[int, int] = {}
    for record in records["facts_article"]:
        article = _post(
            client,
            "articles",
            {
                "body": record["body"],
                "title": record["title"],
                "publisher": record["publisher"],
                "source_url": record["url"],
                "language": record["language"],
                "published_on": record["published_on"],
            },
        )
        for claim in (c for c in records["facts_claim"] if c["article_id"] == record["id"]):
            claim_ids[claim["id"]] = _post(client, "claims", _api_claim(claim, article["id"]))["id"]
        for figure in (f for f in records["facts_figure"] if f["article_id"] == record["id"]):
            _post(client, "figures", _api_figure(figure, article["id"], claim_ids))
