"""Storing an article's text."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from facts.models import Article, body_sha256
from facts.services.anchoring import check_storable
from facts.services.extractions import extraction_enqueue


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
    whose metadata is left as it was. A newly stored article has the extractor's run queued
    (`extraction_enqueue`, in this transaction) unless `extract` is False.
    """
    if body == "":
        raise ValidationError({"body": ValidationError("The article body is empty.", code="required")})
    check_storable("body", body)
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
        extraction_enqueue(article=article)
    return article, True
