"""Run the extractor on stored articles: proposals for editors to review."""

from typing import Any

import pghistory
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts import services
from facts.extraction import EXTRACTOR_VERSION
from facts.models import Article

ARTICLES_PER_BATCH = 200


class Command(BaseCommand):
    help = (
        "Propose people, organizations, roles, quotes, paraphrases and figures for stored articles, "
        "for editors to accept or reject. Idempotent: what this extractor version already proposed "
        "is not proposed again, and reviews are never undone."
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
        total_new = 0
        for start in range(0, len(ids), ARTICLES_PER_BATCH):
            batch = Article.objects.filter(pk__in=ids[start : start + ARTICLES_PER_BATCH]).order_by("pk")
            for stored in batch:
                before = stored.proposals.filter(extractor_version=EXTRACTOR_VERSION).count()
                proposals = services.article_extract(article=stored)
                new = len(proposals) - before
                total_new += new
                self.stdout.write(
                    f"article {stored.pk}: {new} new proposals ({len(proposals)} from {EXTRACTOR_VERSION})"
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Extracted from {len(ids)} article{'s' if len(ids) != 1 else ''}: {total_new} new proposals."
            )
        )
