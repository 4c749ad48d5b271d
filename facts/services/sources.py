"""Storing an article from its web page: the HTML sent by a client, or fetched from a URL.

The body is the page's main text exactly as extracted (facts.sources.html); the HTML is kept,
hashed, as the article's source snapshot (ArticleSource). Metadata: a field the client gives
wins; otherwise what the page states; otherwise nothing (never invented). The article's URL
is the client's `source_url`, else the page's canonical link, else the URL it was fetched
from (after redirects).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from facts.models import Article, ArticleSource, body_sha256
from facts.services.anchoring import check_storable
from facts.services.articles import article_ingest
from facts.sources.fetching import FetchedPage, FetchRefused, fetch_url
from facts.sources.html import EXTRACTOR, extract_page


@dataclass(frozen=True)
class GivenMetadata:
    """What a client states about the article; each field set here wins over the page's."""

    title: str | None = None
    publisher: str | None = None
    language: str | None = None
    published_on: date | None = None


@transaction.atomic
def article_import_html(
    *,
    html: str,
    source_url: str | None = None,
    given: GivenMetadata | None = None,
    fetched: FetchedPage | None = None,
    extract: bool = True,
) -> tuple[Article, bool]:
    """Store the article in this HTML, or find the one with the same text; keep the HTML as its source.

    Returns (article, created) like `article_ingest`: text already stored resolves to that
    article, its metadata unchanged, and this HTML is added to its sources if it is new.
    """
    if not html.strip():
        raise ValidationError({"html": ValidationError("The HTML is empty.", code="required")})
    check_storable("html", html)
    given = given or GivenMetadata()
    page = extract_page(html, base_url=source_url or (fetched.url if fetched else None))
    article, created = article_ingest(
        body=page.text,
        title=given.title or page.title,
        publisher=given.publisher or page.publisher,
        url=source_url or page.canonical_url or (fetched.url if fetched else None),
        language=given.language or page.language,
        published_on=given.published_on or page.published_on,
        extract=extract,
    )
    if not ArticleSource.objects.filter(article=article, sha256=body_sha256(html)).exists():
        source = ArticleSource(
            article=article,
            html=html,
            fetched_url=fetched.url if fetched else None,
            content_type=(fetched.content_type or None) if fetched else None,
            fetched_at=fetched.fetched_at if fetched else None,
            canonical_url=page.canonical_url,
            authors=page.authors,
            extractor=EXTRACTOR,
            metadata={**page.metadata, **({"requested_url": fetched.requested_url} if fetched else {})},
        )
        source.full_clean()
        source.save()
    return article, created


def article_import_url_synchronously(
    *, url: str, source_url: str | None = None, given: GivenMetadata | None = None, extract: bool = True
) -> tuple[Article, bool]:
    """Fetch the page at `url` while the caller waits, then store it as `article_import_html` does.

    For callers that wait anyway (`manage.py import_url`). The API's and the admin's URL imports
    queue the fetch instead (`article_request_create`): a slow site would hold a web worker.
    Not in a transaction while fetching: no database connection is held open on a slow server.
    A refused or failed fetch is a ValidationError on `url` saying why.
    """
    try:
        page = fetch_url(url)
    except FetchRefused as refusal:
        raise ValidationError({"url": ValidationError(refusal.message, code=refusal.code)}) from None
    return article_import_html(html=page.html, source_url=source_url, given=given, fetched=page, extract=extract)
