"""Load the curated seed fixtures; safe to run again."""

from pathlib import Path
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts.seed import FIXTURES_DIR, load_seed


class Command(BaseCommand):
    help = (
        "Load the seed articles and the facts curated from them (fixtures/). Idempotent: "
        "records already present are left as they are, so running it again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fixtures", type=Path, default=FIXTURES_DIR, help="Fixtures directory (default: fixtures/)."
        )

    def handle(self, *args: Any, fixtures: Path, **options: Any) -> None:
        try:
            with pghistory.context(command="load_seed"):
                created = load_seed(fixtures)
        except ValidationError as error:
            raise CommandError(f"The fixtures were not loaded (nothing was written): {error}") from error
        if created:
            counts = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Loaded {counts}."))
        else:
            self.stdout.write("The seed data is already loaded; nothing to add.")
