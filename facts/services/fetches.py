"""Importing an article from a URL as a background job: the request recorded, the fetch queued with it.

`article_request_create` checks the URL's form (scheme, host) at once, records an
ArticleRequest and queues its `fetch_article` job in the same transaction (procrastinate's
Django connector), so a recorded request always has its job and a rolled-back write queues
nothing. `article_request_run` is what the job does: the fetch, with every check of
facts.sources.fetching (the addresses, redirects, size, time, content type), then the import
as `article_import_html` does it; the request ends `done` with its article or `failed` with why.
`article_request_retry` queues a failed request's fetch again, as a new job (the admin's retry).

The API (`POST /api/v1/articles/` with a `url`) and the admin's "Add article from URL or HTML"
both go through `article_request_create`, so neither fetches while its client waits.
"""

import ipaddress
from datetime import date
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from procrastinate import exceptions as queue_errors

from facts.models import ArticleRequest
from facts.services.extractions import JobQueueUnavailable
from facts.services.sources import GivenMetadata, article_import_html
from facts.sources.fetching import (
    FetchRefused,
    Target,
    allowed_networks,
    check_address,
    check_url,
    fetch_url,
)


class ArticleRequestFailed(Exception):
    """The page could not be imported (refused, failed or without text); running again would not help."""


@transaction.atomic
def article_request_create(
    *, url: str, source_url: str | None = None, given: GivenMetadata | None = None
) -> ArticleRequest:
    """Record a request to import the page at `url` and queue its fetch; ValidationError on `url`
    when the URL itself is refused (not http or https, no host, credentials in it, an address in
    it that is not public)."""
    try:
        _check_at_once(check_url(url))
    except FetchRefused as refusal:
        raise ValidationError({"url": ValidationError(refusal.message, code=refusal.code)}) from None
    request = ArticleRequest(url=url, source_url=source_url, given=_given_json(given or GivenMetadata()))
    request.full_clean()
    request.save()
    request.job_id = _queue_fetch(request)
    request.save(update_fields=["job_id", "updated_at"])
    return request


@transaction.atomic
def article_request_retry(*, request: ArticleRequest) -> ArticleRequest:
    """Queue a failed request's fetch again, as a new job; the request says `queued` until it runs.

    Only a failed request is retried: a queued or running one has its job already, and a done
    one has its article. ValidationError otherwise; JobQueueUnavailable, with nothing changed,
    when the queue cannot take the job.
    """
    # Locked, so two editors retrying at once queue one job between them.
    current = ArticleRequest.objects.select_for_update().get(pk=request.pk)
    if current.status != ArticleRequest.Status.FAILED:
        raise ValidationError(
            f"Request {current.pk} is {current.status}, not failed: only a failed request is fetched again.",
            code="not_failed",
        )
    current.job_id = _queue_fetch(current)
    current.status = ArticleRequest.Status.QUEUED
    current.error = None
    current.full_clean()
    current.save(update_fields=["status", "error", "job_id", "updated_at"])
    return current


def _queue_fetch(request: ArticleRequest) -> int:
    """Queue the request's `fetch_article` job in the current transaction; its id."""
    from facts.tasks import fetch_article  # the tasks module imports the services

    try:
        with transaction.atomic():
            return fetch_article.defer(request_id=request.pk)
    except queue_errors.ProcrastinateException as error:
        raise JobQueueUnavailable(f"The job queue refused the fetch: {error}") from error


def _check_at_once(target: Target) -> None:
    """An address written in the URL is checked now (no lookup needed); a host name, by the job."""
    try:
        address = ipaddress.ip_address(target.host)
    except ValueError:
        return
    check_address(address, allowed_networks())


def article_request_run(*, request_id: int) -> ArticleRequest | None:
    """Fetch and import the request's page; the request ends `done` or `failed`. None when it is gone.

    Raises ArticleRequestFailed, after recording the reason, when the page is refused or has no text.
    """
    request = ArticleRequest.objects.filter(pk=request_id).first()
    if request is None:
        return None
    _set(request, status=ArticleRequest.Status.RUNNING)
    try:
        page = fetch_url(request.url)
        given = GivenMetadata(**{**request.given, "published_on": _date(request.given.get("published_on"))})
        article, created = article_import_html(html=page.html, source_url=request.source_url, given=given, fetched=page)
    except FetchRefused as refusal:
        _failed(request, refusal.message)
    except ValidationError as error:
        _failed(request, " ".join(error.messages))
    _set(request, status=ArticleRequest.Status.DONE, article=article, created=created, error=None)
    return request


def _failed(request: ArticleRequest, message: str) -> NoReturn:
    _set(request, status=ArticleRequest.Status.FAILED, error=message[:2000])
    raise ArticleRequestFailed(f"{request.url}: {message}")


def _set(request: ArticleRequest, **values: Any) -> None:
    for name, value in values.items():
        setattr(request, name, value)
    request.save(update_fields=[*values, "updated_at"])


def _given_json(given: GivenMetadata) -> dict[str, Any]:
    values = {"title": given.title, "publisher": given.publisher, "language": given.language}
    if given.published_on is not None:
        values["published_on"] = given.published_on.isoformat()
    return {name: value for name, value in values.items() if value is not None}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
