"""Storing an article's text; withdrawing an article and restoring it."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

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
    if existing is not None and existing.withdrawn_at is not None:
        raise ValidationError(
            {
                "body": ValidationError(
                    "This exact text is stored as article %(pk)s, which an editor withdrew; restore that article "
                    "instead of storing the text again.",
                    code="withdrawn",
                    params={"pk": existing.pk},
                )
            }
        )
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


@transaction.atomic
def article_withdraw(*, article: Article) -> Article:
    """Withdraw an article: it and its facts leave every list and read, and nothing of them is deleted.

    What "deleting" an article does, so no text is ever destroyed; history records who did it
    (an update of `withdrawn_at`), and `article_restore` undoes it. Withdrawing a withdrawn
    article changes nothing.
    """
    if article.withdrawn_at is None:
        article.withdrawn_at = timezone.now()
        article.save(update_fields=["withdrawn_at", "updated_at"])
    return article


@transaction.atomic
def article_restore(*, article: Article) -> Article:
    """Bring a withdrawn article back, with its facts as they were; a current article is left as it is."""
    if article.withdrawn_at is not None:
        article.withdrawn_at = None
        article.save(update_fields=["withdrawn_at", "updated_at"])
    return article
