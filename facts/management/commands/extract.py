"""Propose facts for stored articles: queue the extractor's run for the workers, or run it here."""

from typing import Any

import pghistory
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts import services
from facts.extraction import EXTRACTOR_VERSION
from facts.models import Article

ARTICLES_PER_BATCH = 500


class Command(BaseCommand):
    help = (
        "Propose people, organizations, roles, quotes, paraphrases and figures for stored articles, "
        "for editors to accept or reject. By default the runs are queued as background jobs (one per "
        "article, a few statements per 500 articles) for the workers (`manage.py procrastinate worker`); "
        "--now runs the extractor in this process instead. Idempotent: what this extractor version already "
        "proposed is not proposed again, reviews are never undone, and a run already waiting is not queued twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--article", type=int, nargs="+", metavar="ID", help="Articles to extract from, by id.")
        which.add_argument("--all", action="store_true", help="Every stored article.")
        parser.add_argument("--now", action="store_true", help="Run the extractor here and now, not in a worker.")

    @pghistory.context(command="extract")
    def handle(self, *args: Any, article: list[int] | None, all: bool, now: bool, **options: Any) -> None:
        if article:
            found = set(Article.objects.filter(pk__in=article).values_list("pk", flat=True))
            missing = sorted(set(article) - found)
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}; nothing was extracted.")
            ids = sorted(found)
        else:
            ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        plural = "s" if len(ids) != 1 else ""
        if now:
            total_new = sum(self.run_here(pk) for pk in ids)
            self.stdout.write(
                self.style.SUCCESS(f"Extracted from {len(ids)} article{plural}: {total_new} new proposals.")
            )
            return
        queued = 0
        for start in range(0, len(ids), ARTICLES_PER_BATCH):
            batch = Article.objects.defer("body", "search_vector").filter(
                pk__in=ids[start : start + ARTICLES_PER_BATCH]
            )
            queued += services.extractions_enqueue(articles=batch.order_by("pk"))
        waiting = f" ({len(ids) - queued} already waiting)" if queued < len(ids) else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued extraction for {queued} of {len(ids)} article{plural}{waiting}; workers propose their facts."
            )
        )

    def run_here(self, pk: int) -> int:
        """Run the extractor on one article in this process; how many proposals it added."""
        stored = Article.objects.defer("body", "search_vector").get(pk=pk)
        before = stored.proposals.filter(extractor_version=EXTRACTOR_VERSION).count()
        try:
            extraction = services.extraction_run(article_id=pk)
        except services.ExtractionRefused as error:
            services.extraction_failed(article_id=pk, job_id=None, error=str(error), retrying=False)
            self.stderr.write(f"article {pk}: {error}")
            return 0
        after = stored.proposals.filter(extractor_version=EXTRACTOR_VERSION).count()
        state = f" (state: {extraction.status})" if extraction is not None else ""
        self.stdout.write(f"article {pk}: {after - before} new proposals ({after} from {EXTRACTOR_VERSION}){state}")
        return after - before
