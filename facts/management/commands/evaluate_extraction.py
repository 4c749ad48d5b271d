"""Precision and recall of the extractor against the curated fixtures."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts.extraction import EXTRACTOR_VERSION
from facts.extraction.scoring import TARGETS, TYPES, evaluate
from facts.seed import FIXTURES_DIR


class Command(BaseCommand):
    help = (
        "Run the extractor on every fixture article and compare what it proposes with what the "
        "editors recorded (fixtures/ is the reference): precision and recall per record type, "
        "then every miss and every false positive. Reads no database and writes nothing. "
        "Matching: quotes and paraphrases need the same span and the same speaker; figures the "
        "same span, qualifier, value and bounds; people and organizations the same name or an alias "
        "of it (facts/extraction/scoring.py)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fixtures", type=Path, default=FIXTURES_DIR, help="Fixtures directory (default: fixtures/)."
        )
        parser.add_argument("--check", action="store_true", help="Exit with status 1 when a quality target is not met.")
        parser.add_argument("--summary", action="store_true", help="Print the table only, without the lists.")

    def handle(self, *args: Any, fixtures: Path, check: bool, summary: bool, **options: Any) -> None:
        if not (fixtures / "entities.json").exists():
            raise CommandError(f"{fixtures} is not a fixtures directory (no entities.json).")
        scores = evaluate(fixtures)
        self.stdout.write(f"Extractor {EXTRACTOR_VERSION} against {fixtures}:\n")
        self.stdout.write(
            f"{'type':<15}{'precision':>10}{'recall':>8}{'matched':>9}{'reference':>11}{'proposed':>10}  target"
        )
        failed = []
        for kind in TYPES:
            score = scores[kind]
            target = TARGETS.get(kind)
            verdict = ""
            if target is not None:
                minimum_precision, minimum_recall = target
                wanted = f"P≥{minimum_precision} " if minimum_precision is not None else ""
                met = score.meets(target)
                verdict = f"{wanted}R≥{minimum_recall} {'met' if met else 'NOT MET'}"
                if not met:
                    failed.append(kind)
            self.stdout.write(
                f"{kind:<15}{score.precision:>10.3f}{score.recall:>8.3f}{score.matched:>9}{score.reference:>11}"
                f"{score.proposed:>10}  {verdict}"
            )
        if not summary:
            for kind in TYPES:
                score = scores[kind]
                if score.misses or score.false_positives:
                    self.stdout.write(f"\n{kind}:")
                for miss in score.misses:
                    self.stdout.write(f"  missed          {miss}")
                for extra in score.false_positives:
                    self.stdout.write(f"  false positive  {extra}")
        if check and failed:
            raise CommandError(f"Quality targets not met for: {', '.join(failed)}.")
