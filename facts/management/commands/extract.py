"""Run the extractor on stored articles: proposals for editors to review."""

from typing import Any

import pghistory
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts import extraction, services
from facts.extraction import Extraction, extract_all
from facts.models import Article

ARTICLES_PER_BATCH = 200


class Command(BaseCommand):
    help = (
        "Propose people, organizations, roles, quotes, paraphrases and figures for stored articles, "
        "for editors to accept or reject. Idempotent: what this extractor version already proposed "
        "is not proposed again, and reviews are never undone. Pending proposals of older extractor "
        "versions become superseded (kept, with their history); accepted facts are never touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--article", type=int, nargs="+", metavar="ID", help="Articles to extract from, by id.")
        which.add_argument("--all", action="store_true", help="Every stored article.")

    @pghistory.context(command="extract")
    def handle(self, *args: Any, article: list[int] | None, all: bool, **options: Any) -> None:
        if article:
            found = set(Article.objects.filter(pk__in=article).values_list("pk", flat=True))
            missing = sorted(set(article) - found)
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}; nothing was extracted.")
            ids = sorted(found)
        else:
            ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        total_new = total_superseded = 0
        for start in range(0, len(ids), ARTICLES_PER_BATCH):
            batch = list(Article.objects.filter(pk__in=ids[start : start + ARTICLES_PER_BATCH]).order_by("pk"))
            # The model reads the whole batch in one nlp.pipe; each article is then stored in its own transaction.
            for stored, extracted in zip(batch, extract_all([a.body for a in batch]), strict=True):
                new, superseded = self.store(stored, extracted)
                total_new += new
                total_superseded += superseded
        self.stdout.write(
            self.style.SUCCESS(
                f"Extracted from {len(ids)} article{'s' if len(ids) != 1 else ''} with {extraction.EXTRACTOR_VERSION}: "
                f"{total_new} new proposals, {total_superseded} older pending proposals superseded."
            )
        )

    def store(self, stored: Article, found: Extraction) -> tuple[int, int]:
        """Store one article's proposals; returns (new proposals, older pending ones superseded)."""
        before = stored.proposals.filter(extractor_version=extraction.EXTRACTOR_VERSION).count()
        pending_older = stored.proposals.pending().exclude(extractor_version=extraction.EXTRACTOR_VERSION).count()
        proposals = services.article_extract(article=stored, found=found)
        new = len(proposals) - before
        self.stdout.write(
            f"article {stored.pk}: {new} new proposals ({len(proposals)} from {extraction.EXTRACTOR_VERSION}), "
            f"{pending_older} older pending superseded"
        )
        return new, pending_older
