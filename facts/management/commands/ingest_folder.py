"""Store every text file of a folder as an article (and queue the extractor's run on the new ones)."""

from pathlib import Path
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts import services


class Command(BaseCommand):
    help = (
        "Store every *.txt file of a folder (in name order) as an article: the bytes decoded as "
        "UTF-8, exactly, with no newline translation and no metadata. A text already stored is "
        "reported as existing and left as it is; a new article has the extractor's run queued "
        "for the workers. "
        "A file that is not valid UTF-8 (or cannot be stored) is reported and skipped, and the "
        "command then exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The folder of .txt files.")
        parser.add_argument(
            "--no-extract", action="store_true", help="Store the articles without proposing facts for them."
        )

    @pghistory.context(command="ingest_folder")
    def handle(self, *args: Any, path: Path, no_extract: bool, **options: Any) -> None:
        if not path.is_dir():
            raise CommandError(f"{path} is not a folder.")
        files = sorted(p for p in path.glob("*.txt") if p.is_file())
        counts = {"created": 0, "existing": 0, "failed": 0}
        for file in files:
            try:
                body = file.read_bytes().decode("utf-8")
            except UnicodeDecodeError as error:
                counts["failed"] += 1
                self.stderr.write(f"failed    {file.name}: not valid UTF-8 at byte {error.start}; not stored.")
                continue
            try:
                article, created = services.article_ingest(body=body, extract=not no_extract)
            except ValidationError as error:
                counts["failed"] += 1
                self.stderr.write(f"failed    {file.name}: {' '.join(error.messages)}")
                continue
            status = "created" if created else "existing"
            counts[status] += 1
            queued = " (extraction queued)" if created and not no_extract else ""
            self.stdout.write(f"{status:<9} {file.name} → article {article.pk}{queued}")
        summary = (
            f"{len(files)} files: {counts['created']} created, {counts['existing']} existing, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
