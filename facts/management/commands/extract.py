"""Propose facts for stored articles: queue the extractor's run for the workers, or run it here."""

from typing import Any

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts import extraction, services
from facts.extraction import extract_all
from facts.models import Article

# Queued: a few statements per batch. Run here (--now): the model reads a batch in one nlp.pipe.
ARTICLES_PER_BATCH = 200


class Command(BaseCommand):
    help = (
        "Propose people, organizations, roles, quotes, paraphrases and figures for stored articles, "
        "for editors to accept or reject. By default the runs are queued as background jobs (one per "
        "article) for the workers (`manage.py procrastinate worker`); --now runs the extractor in this "
        "process instead. Idempotent: what this extractor version already proposed is not proposed again, "
        "reviews are never undone, and a run already waiting is not queued twice. Pending proposals of "
        "older extractor versions become superseded (kept, with their history); accepted facts are never touched."
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
            total_new = total_superseded = 0
            for start in range(0, len(ids), ARTICLES_PER_BATCH):
                new, superseded = self.run_batch(ids[start : start + ARTICLES_PER_BATCH])
                total_new += new
                total_superseded += superseded
            self.stdout.write(
                self.style.SUCCESS(
                    f"Extracted from {len(ids)} article{plural} with {extraction.EXTRACTOR_VERSION}: "
                    f"{total_new} new proposals, {total_superseded} older pending proposals superseded."
                )
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

    def run_batch(self, ids: list[int]) -> tuple[int, int]:
        """Run the extractor on these articles in this process; (new proposals, older pending ones superseded)."""
        batch = list(Article.objects.defer("search_vector").filter(pk__in=ids).order_by("pk"))
        # Over the budget: refused without reading (extraction_run records why).
        within = [a for a in batch if len(a.body) <= settings.FACTBASE_EXTRACTION_MAX_CHARS]
        found = dict(zip((a.pk for a in within), extract_all([a.body for a in within]), strict=True))
        total_new = total_superseded = 0
        for stored in batch:
            new, superseded = self.run_one(stored, found.get(stored.pk))
            total_new += new
            total_superseded += superseded
        return total_new, total_superseded

    def run_one(self, stored: Article, found: extraction.Extraction | None) -> tuple[int, int]:
        version = extraction.EXTRACTOR_VERSION
        before = stored.proposals.filter(extractor_version=version).count()
        pending_older = stored.proposals.pending().exclude(extractor_version=version).count()
        try:
            state = services.extraction_run(article_id=stored.pk, found=found)
        except services.ExtractionRefused as error:
            services.extraction_failed(article_id=stored.pk, job_id=None, error=str(error), retrying=False)
            self.stderr.write(f"article {stored.pk}: {error}")
            return 0, 0
        after = stored.proposals.filter(extractor_version=version).count()
        status = f" (state: {state.status})" if state is not None else ""
        self.stdout.write(
            f"article {stored.pk}: {after - before} new proposals ({after} from {version}), "
            f"{pending_older} older pending superseded{status}"
        )
        return after - before, pending_older
