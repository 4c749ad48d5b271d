"""Precision, recall and F1 of the extractor: on the seed fixtures and on the development set."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts.extraction import EXTRACTOR_VERSION
from facts.extraction.devset import SPLITS, DevsetMissing, evaluate_split
from facts.extraction.scoring import BANDS, TARGETS, Score, evaluate
from facts.seed import FIXTURES_DIR

SEED_TYPES = ("quote_spans", "quotes", "figures", "people", "organizations", "paraphrases", "mentions", "roles")
DEVSET_TYPES = ("quote_spans", "quotes", "figures", "people", "organizations", "mentions")

DEVSET_TARGETS = {
    # record type: (minimum F1, minimum precision, minimum recall), issue 12
    "quotes": (0.85, None, None),
    "figures": (0.90, None, None),
    "people": (None, 0.90, 0.90),
    "organizations": (None, 0.90, 0.90),
}
SEED_MINIMUM_F1 = 0.95
"""Issue 12: the seeds stay at or above this F1 on every type with a target."""


class Command(BaseCommand):
    help = (
        "Run the extractor and compare what it proposes with a reference: the seed fixtures "
        "(--set seeds, the default), the development set's tune or test split (fixtures/devset/, "
        "texts rebuilt by scripts/devset.py), or all three. Prints precision, recall and F1 per "
        "record type, precision by confidence band, then every miss and false positive (not for the "
        "test split unless --misses is given). Matching is one to one; spans match when they overlap "
        "by half the longer one; speakers by canonical name or alias (facts/extraction/scoring.py). "
        "Reads no database and writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--set", choices=["seeds", *SPLITS, "all"], default="seeds", dest="which")
        parser.add_argument(
            "--fixtures", type=Path, default=FIXTURES_DIR, help="Seed fixtures directory (default: fixtures/)."
        )
        parser.add_argument(
            "--devset-texts",
            type=Path,
            default=Path(settings.BASE_DIR) / ".local" / "devset",
            help="Where scripts/devset.py wrote the development set's texts.",
        )
        parser.add_argument("--check", action="store_true", help="Exit with status 1 when a quality target is not met.")
        parser.add_argument("--summary", action="store_true", help="Print the tables only, without the lists.")
        parser.add_argument("--misses", action="store_true", help="List misses on the test split too.")
        parser.add_argument("--bands", action="store_true", help="Precision by confidence band.")

    def handle(self, *args: Any, which: str, fixtures: Path, devset_texts: Path, **options: Any) -> None:
        names = ["seeds", *SPLITS] if which == "all" else [which]
        failed = []
        for name in names:
            if name == "seeds":
                if not (fixtures / "entities.json").exists():
                    raise CommandError(f"{fixtures} is not a fixtures directory (no entities.json).")
                scores, where = evaluate(fixtures), str(fixtures)
            else:
                try:
                    scores = evaluate_split(name, fixtures / "devset", devset_texts)
                except DevsetMissing as missing:
                    raise CommandError(str(missing)) from missing
                where = f"the devset's {name} split (lines {SPLITS[name].start}–{SPLITS[name].stop - 1})"
            failed += [f"{name} {kind}" for kind in self.report(name, where, scores, options)]
        if options["check"] and failed:
            raise CommandError(f"Quality targets not met for: {', '.join(failed)}.")

    def report(self, name: str, where: str, scores: dict[str, Score], options: dict[str, Any]) -> list[str]:
        """Print one set's table (and lists); returns the types that miss their target."""
        types = SEED_TYPES if name == "seeds" else DEVSET_TYPES
        self.stdout.write(f"\nExtractor {EXTRACTOR_VERSION} against {where}:\n")
        header = f"{'type':<15}{'precision':>10}{'recall':>8}{'F1':>7}{'matched':>9}{'reference':>11}{'proposed':>10}"
        self.stdout.write(f"{header}  target")
        failed = []
        for kind in types:
            score = scores[kind]
            verdict, met = self.verdict(name, score)
            if not met:
                failed.append(kind)
            self.stdout.write(
                f"{kind:<15}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>7.3f}{score.matched:>9}"
                f"{score.reference:>11}{score.proposed:>10}  {verdict}"
            )
        if options["bands"]:
            self.bands(scores)
        if not options["summary"] and (name != "test" or options["misses"]):
            self.lists(scores, types)
        return failed

    def verdict(self, name: str, score: Score) -> tuple[str, bool]:
        if name == "seeds":
            target = TARGETS.get(score.type)
            if target is None:
                return "", True
            minimum_precision, minimum_recall = target
            met = score.meets(target) and score.f1 >= SEED_MINIMUM_F1
            wanted = f"P≥{minimum_precision} " if minimum_precision is not None else ""
            return f"{wanted}R≥{minimum_recall} F1≥{SEED_MINIMUM_F1} {'met' if met else 'NOT MET'}", met
        if score.type not in DEVSET_TARGETS:
            return "", True
        f1, precision, recall = DEVSET_TARGETS[score.type]
        if f1 is not None:
            met = score.f1 >= f1
            return f"F1≥{f1} {'met' if met else 'NOT MET'}", met
        met = score.precision >= (precision or 0) and score.recall >= (recall or 0)
        return f"P≥{precision} R≥{recall} {'met' if met else 'NOT MET'}", met

    def bands(self, scores: dict[str, Score]) -> None:
        self.stdout.write("\nprecision by confidence band (matched/proposed):")
        for kind in ("quotes", "figures", "people", "organizations"):
            cells = []
            for _, label in BANDS:
                matched, proposed = scores[kind].bands.get(label, [0, 0])
                cells.append(f"{label} {matched / proposed:.2f} ({matched}/{proposed})" if proposed else f"{label} —")
            self.stdout.write(f"  {kind:<15}" + "   ".join(cells))

    def lists(self, scores: dict[str, Score], types: tuple[str, ...]) -> None:
        for kind in types:
            score = scores[kind]
            if score.misses or score.false_positives:
                self.stdout.write(f"\n{kind}:")
            for miss in score.misses:
                self.stdout.write(f"  missed          {miss}")
            for extra in score.false_positives:
                self.stdout.write(f"  false positive  {extra}")
