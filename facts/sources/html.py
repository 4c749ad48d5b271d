"""An HTML page's main text and the metadata it states, extracted with trafilatura.

trafilatura was chosen over newspaper4k on measurements (README, "Importing from a URL or
HTML"; scripts/compare_html_extractors.py). The text is what becomes the article body,
exactly; metadata is only what the page itself states (its markup and meta tags): nothing is
guessed from the text or taken from the fetch, so a field the page does not state is None.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from typing import Any
from urllib.parse import urljoin

import lxml.html
import trafilatura
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

EXTRACTOR = f"trafilatura {version('trafilatura')}"
# A BCP 47 tag as pages write it (en, pt-BR, zh-Hant-TW; og:locale's en_US too).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class ExtractedPage:
    """The main text of a page and the metadata it states (None or empty where it states nothing)."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_on: date | None = None
    canonical_url: str | None = None
    language: str | None = None
    publisher: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def extract_page(html: str, *, base_url: str | None = None) -> ExtractedPage:
    """The page's main text and metadata; ValidationError (on `html`) when no text is found.

    `base_url` (where the page is from) only resolves a relative canonical link.
    """
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Measured: boilerplate (comment rules, share buttons) otherwise gets into the text (README).
        favor_precision=True,
        # The publication date as the page's markup states it: no search of the text for
        # something date-like, and the original date rather than the last update.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # bare_extraction returns a Document unless asked for a dict (as_dict=True).
    assert not isinstance(document, dict)
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise ValidationError(
            {
                "html": ValidationError(
                    "No article text could be found in this HTML (it may be a script-rendered page, an index "
                    "or an empty document); send the article's own page, or its text as body.",
                    code="no_text",
                )
            }
        )
    assert document is not None
    tree = _tree(html)
    canonical = _canonical(tree, base_url)
    return ExtractedPage(
        text=text,
        title=_clean(document.title),
        authors=[name.strip() for name in (document.author or "").split(";") if name.strip()],
        published_on=_date(document.date),
        canonical_url=canonical,
        language=_language(tree),
        publisher=_publisher(document.sitename),
        metadata=_reported(document),
    )


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _tree(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _canonical(tree: Any, base_url: str | None) -> str | None:
    """The page's canonical link (else its og:url), made absolute, when it is an http(s) URL."""
    if tree is None:
        return None
    stated = tree.xpath("//link[@rel='canonical']/@href") + tree.xpath("//meta[@property='og:url']/@content")
    if not stated or not stated[0].strip():
        return None
    absolute = urljoin(base_url or "", stated[0].strip())
    try:
        URLValidator(schemes=["http", "https"])(absolute)
    except ValidationError:
        return None
    return absolute if len(absolute) <= 2000 else None


def _publisher(sitename: str | None) -> str | None:
    # With no site name in the page, trafilatura falls back to a host name: not stated, so left
    # out (and with it a site whose stated name is its domain, such as "Sott.net").
    sitename = _clean(sitename)
    if sitename is None or re.fullmatch(r"(www\.)?[\w-]+(\.[\w-]+)+", sitename):
        return None
    return sitename[:200]


def _language(tree: Any) -> str | None:
    """The language the page declares: <html lang>, else a Content-Language meta tag."""
    if tree is None:
        return None
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    lowered = "translate(@http-equiv, 'CONTENTLANGUAGE', 'contentlanguage')"
    candidates += tree.xpath(f"//meta[{lowered}='content-language']/@content")
    for candidate in candidates:
        if candidate and LANGUAGE_TAG.fullmatch(candidate.strip()):
            return candidate.strip().replace("_", "-")
    return None


def _reported(document: Any) -> dict[str, Any]:
    """What trafilatura reported, as JSON, for the snapshot (its own fields, not ours)."""
    keys = ("title", "author", "url", "hostname", "description", "sitename", "date", "categories", "tags", "license")
    return {key: getattr(document, key) for key in keys if getattr(document, key, None)}
