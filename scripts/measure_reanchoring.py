"""Measure the fuzzy re-anchoring matcher: precision and recall for thresholds 0.60 to 0.95.

Every claim and role of the seed articles (fixtures/articles/) is edited in its article in each of
six ways a correction edits text. Four keep the passage (it should be found, at the edited span):
a word reworded, punctuation changed, straight quotes made curly, a sentence inserted into it. Two
remove it (it should be orphaned): the quote deleted, and the quote replaced by an unrelated
sentence that shares its longest words. The matcher (facts/services/reanchoring.py) runs on each
edited text; a match counts as correct when its span overlaps the expected one by at least 80%
(intersection over union).

    .venv/bin/python scripts/localenv.py .venv/bin/python scripts/measure_reanchoring.py
"""

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
django.setup()

from facts.services.reanchoring import BodyMap, relocate  # noqa: E402

THRESHOLDS = [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95]
KEEPING = ("reworded", "punctuation", "curly quotes", "sentence inserted")
REMOVING = ("quote deleted", "unrelated sentence")
WORD = re.compile(r"\w{4,}")

# An edit takes the quote and returns its replacement (None: the edit does not apply to it).
Edit = Callable[[str], str | None]


def reworded(quote: str) -> str | None:
    words = list(WORD.finditer(quote))
    if len(words) < 3:
        return None
    middle = words[len(words) // 2]
    return f"{quote[: middle.start()]}considerably{quote[middle.end() :]}"


def punctuation(quote: str) -> str | None:
    if "," in quote:
        return quote.replace(",", ";", 1)
    if quote.endswith("."):
        return quote[:-1] + "!"
    space = quote.find(" ")
    return None if space == -1 else f"{quote[:space]},{quote[space:]}"


def curly_quotes(quote: str) -> str | None:
    curly = re.sub(r"\"(?=\w)", "\u201c", quote).replace('"', "\u201d").replace("'", "\u2019")
    return curly if curly != quote else None


def sentence_inserted(quote: str) -> str | None:
    words = list(WORD.finditer(quote))
    if len(words) < 4:
        return None
    cut = words[len(words) // 2].start()
    return f"{quote[:cut]}(the ministry declined to comment on this) {quote[cut:]}"


def quote_deleted(quote: str) -> str | None:
    return ""


def unrelated_sentence(quote: str) -> str | None:
    words = sorted({w.group() for w in WORD.finditer(quote)}, key=len, reverse=True)[:3]
    if len(words) < 2:
        return None
    return f"Officials said {' and '.join(words)} were not on the agenda of yesterday's meeting in the capital"


EDITS: dict[str, Edit] = {
    "reworded": reworded,
    "punctuation": punctuation,
    "curly quotes": curly_quotes,
    "sentence inserted": sentence_inserted,
    "quote deleted": quote_deleted,
    "unrelated sentence": unrelated_sentence,
}


def passages() -> Iterator[tuple[str, int, str]]:
    """(body, start, exact) of every claim and role of the seed articles."""
    for path in sorted((ROOT / "fixtures" / "articles").glob("*.json")):
        body = path.with_suffix(".txt").read_text()
        data = json.loads(path.read_text())
        for record in [*data["claims"], *data["roles"]]:
            yield body, record["start"], record["exact"]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def cases() -> Iterator[tuple[str, float, bool, bool]]:
    """(edit, similarity, found at the right span, should be found) for every passage and edit."""
    for body, start, exact in passages():
        end = start + len(exact)
        for name, edit in EDITS.items():
            replacement = edit(exact)
            if replacement is None:
                continue
            new = body[:start] + replacement + body[end:]
            found = relocate(
                BodyMap(body, new),
                start=start,
                end=end,
                exact=exact,
                prefix=body[max(0, start - 32) : start],
                suffix=body[end : end + 32],
                threshold=0.0,
            )
            expected = (start, start + len(replacement))
            right = found.start is not None and overlap((found.start, found.end or 0), expected) >= 0.8
            yield name, found.similarity, right, name in KEEPING


def main() -> None:
    results = list(cases())
    positives = sum(1 for *_, should in results if should)
    counts = {name: sum(1 for r in results if r[0] == name) for name in EDITS}
    print(f"{len(results)} edited passages: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    print("| threshold | precision | recall | kept edits found | removed quotes wrongly matched |")
    print("| --- | --- | --- | --- | --- |")
    for threshold in THRESHOLDS:
        predicted = [r for r in results if r[1] >= threshold]
        correct = [r for r in predicted if r[2] and r[3]]
        false_matches = [r for r in predicted if not r[3]]
        precision = len(correct) / len(predicted) if predicted else 1.0
        recall = len(correct) / positives if positives else 0.0
        print(
            f"| {threshold:.2f} | {precision:.3f} | {recall:.3f} | {len(correct)}/{positives} "
            f"| {len(false_matches)}/{len(results) - positives} |"
        )
    print("\nLowest similarity of a correct match, highest of a wrong one, by edit:")
    for name in EDITS:
        right = [r[1] for r in results if r[0] == name and r[2] and r[3]]
        wrong = [r[1] for r in results if r[0] == name and not (r[2] and r[3])]
        print(
            f"  {name}: correct min {min(right):.3f}" if right else f"  {name}: no correct match",
            f"wrong max {max(wrong):.3f}" if wrong else "no wrong",
        )


if __name__ == "__main__":
    main()
