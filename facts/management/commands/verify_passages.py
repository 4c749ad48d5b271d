"""Re-verify every passage against its article body, and every body against its hash."""

from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts.models import Article, Claim, Figure, Mention, Passage, Proposal, Role, body_sha256, passage_problem

ARTICLES_PER_BATCH = 500

# Each model, and the passages it carries as (label, start, end, exact, prefix, suffix) columns.
PASSAGES: list[tuple[type[Passage], list[tuple[str, str, str, str, str | None, str | None]]]] = [
    (
        Claim,
        [
            ("passage", "start", "end", "exact", "prefix", "suffix"),
            ("attribution", "attribution_start", "attribution_end", "attribution_exact", None, None),
        ],
    ),
    (Figure, [("passage", "start", "end", "exact", "prefix", "suffix")]),
    (Mention, [("passage", "start", "end", "exact", "prefix", "suffix")]),
    (Role, [("passage", "start", "end", "exact", "prefix", "suffix")]),
    (Proposal, [("passage", "start", "end", "exact", "prefix", "suffix")]),
]


class Command(BaseCommand):
    help = (
        "Check, in Python and independently of the database's own checks, that every article "
        "body matches its SHA-256 and the SHA-256 recorded apart when it was stored, and every "
        "passage matches its article's text. Lists each "
        "mismatch and exits with status 1 if there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print only mismatches and the summary.")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        checked = {"articles": 0, "passages": 0}
        mismatches = 0
        for batch in _article_batches():
            bodies = {}
            for article_id, body, sha256, recorded in batch:
                checked["articles"] += 1
                bodies[article_id] = body
                for problem in _body_problems(article_id, body, sha256, recorded):
                    mismatches += 1
                    self.stdout.write(problem)
            for problem in _passage_problems(bodies, checked):
                mismatches += 1
                self.stdout.write(problem)

        summary = (
            f"Checked {checked['articles']} articles and {checked['passages']} passages: "
            f"{mismatches} mismatch{'es' if mismatches != 1 else ''}."
        )
        if mismatches:
            raise CommandError(summary)
        if not quiet:
            self.stdout.write(self.style.SUCCESS(summary))


def _body_problems(article_id: int, body: str, sha256: str, recorded: str | None) -> Iterator[str]:
    """What is wrong with a body against the hash beside it and the one kept apart (facts_articlehash)."""
    actual = body_sha256(body)
    if actual != sha256:
        yield f"article {article_id}: body does not match its SHA-256 {sha256}"
    if recorded is None:
        yield f"article {article_id}: no SHA-256 was recorded when it was stored"
    elif actual != recorded:
        yield (
            f"article {article_id}: body does not match the SHA-256 recorded when it was stored ({recorded}); "
            "the body and the hash beside it were both changed"
        )


def _article_batches() -> Iterator[list[tuple[int, str, str, str | None]]]:
    """Articles in id order with the hash recorded when each was stored, a batch at a time (bounded memory)."""
    last_id = 0
    while True:
        batch = list(
            Article.objects.filter(id__gt=last_id)
            .order_by("id")
            .values_list("id", "body", "sha256", "recorded_hash__sha256")[:ARTICLES_PER_BATCH]
        )
        if not batch:
            return
        yield batch
        last_id = batch[-1][0]


def _passage_problems(bodies: dict[int, str], checked: dict[str, int]) -> Iterator[str]:
    for model, passages in PASSAGES:
        columns = sorted({column for passage in passages for column in passage[1:] if column})
        rows = model._default_manager.filter(article_id__in=bodies).values("id", "article_id", *columns)
        for row in rows.iterator(chunk_size=2000):
            body = bodies[row["article_id"]]
            for label, start, end, exact, prefix, suffix in passages:
                if row[exact] is None:
                    continue  # an optional passage that is not recorded
                checked["passages"] += 1
                problem = passage_problem(
                    body,
                    start=row[start],
                    end=row[end],
                    exact=row[exact],
                    prefix=row[prefix] if prefix else "",
                    suffix=row[suffix] if suffix else "",
                )
                if problem:
                    name = model._meta.verbose_name
                    yield f"{name} {row['id']} ({label}, article {row['article_id']}): {problem}"
