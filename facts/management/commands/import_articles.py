"""Import an archive: articles with their claims and figures, from a JSON Lines file, in batches."""

import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import pghistory
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts.services import articles_import

PLACE = re.compile(r"^articles\[(\d+)\]")


class Command(BaseCommand):
    help = (
        "Store the articles of a JSON Lines file (one article per line, with its claims and figures: "
        "README, 'Importing an archive') in batches, each all or nothing. An article whose text is "
        "already stored is left as it is, facts included, so the same file can be imported again. "
        "At the first refused batch the command stops, lists every problem of that batch by line, "
        "and exits with status 1; the batches before it stay stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The .jsonl file, or - for standard input.")
        parser.add_argument("--batch-size", type=int, default=500, help="Articles per transaction (default 500).")
        parser.add_argument(
            "--no-extract", action="store_true", help="Store the articles without queueing extraction for them."
        )

    @pghistory.context(command="import_articles")
    def handle(self, *args: Any, path: str, batch_size: int, no_extract: bool, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if path == "-":
            self.import_lines(sys.stdin.buffer, batch_size, not no_extract)
            return
        if not Path(path).is_file():
            raise CommandError(f"{path} is not a file.")
        with open(path, "rb") as lines:
            self.import_lines(lines, batch_size, not no_extract)

    def import_lines(self, lines: BinaryIO, batch_size: int, extract: bool) -> None:
        """Each line decoded on its own, so a problem is named by its line."""
        totals = {"created": 0, "existing": 0, "claims": 0, "figures": 0, "extractions": 0}
        batch: list[Any] = []
        numbers: list[int] = []
        for number, raw in enumerate(lines, start=1):
            try:
                line = raw.decode("utf-8")
                if not line.strip():
                    continue
                batch.append(json.loads(line, parse_float=Decimal))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                self.finish_batch(batch, numbers, extract, totals)
                problem = (
                    f"not valid UTF-8 (byte {error.start})"
                    if isinstance(error, UnicodeDecodeError)
                    else f"not JSON ({error.msg} at column {error.colno})"
                )
                raise CommandError(
                    f"line {number}: {problem}; lines before it are stored. {self.summary(totals)}"
                ) from None
            numbers.append(number)
            if len(batch) == batch_size:
                self.finish_batch(batch, numbers, extract, totals)
                batch, numbers = [], []
        self.finish_batch(batch, numbers, extract, totals)
        self.stdout.write(self.style.SUCCESS(self.summary(totals)))

    def finish_batch(self, batch: list[Any], numbers: list[int], extract: bool, totals: dict[str, int]) -> None:
        if not batch:
            return
        try:
            result = articles_import(entries=batch, extract=extract)
        except ValidationError as error:
            for place, messages in error.message_dict.items():
                where = PLACE.sub(lambda m: f"line {numbers[int(m.group(1))]}", place)
                for message in messages:
                    self.stderr.write(f"{where}: {message}")
            raise CommandError(
                f"Lines {numbers[0]}–{numbers[-1]} were refused and nothing of them is stored; "
                f"earlier lines are. {self.summary(totals)}"
            ) from None
        totals["created"] += result.created
        totals["existing"] += len(result.articles) - result.created
        totals["claims"] += result.claims
        totals["figures"] += result.figures
        totals["extractions"] += result.extractions_queued
        self.stdout.write(
            f"lines {numbers[0]}–{numbers[-1]}: {result.created} articles created, "
            f"{len(result.articles) - result.created} existing, {result.claims} claims, {result.figures} figures, "
            f"{result.extractions_queued} extractions queued"
        )

    @staticmethod
    def summary(totals: dict[str, int]) -> str:
        return (
            f"Stored: {totals['created']} articles ({totals['existing']} already there), {totals['claims']} claims, "
            f"{totals['figures']} figures, {totals['extractions']} extractions queued."
        )
