"""Finding a passage of an article's previous version in its corrected text: exact, moved, fuzzy or orphaned.

Pure text work, no database: `versions.article_facts_reanchor` calls it for every fact.

The approach is Hypothesis's (dom-anchor-text-quote, approx-string-match): a passage is its
quote plus the text around it (TextQuoteSelector) plus a position hint (TextPositionSelector).
Here the position hint is better than Hypothesis has in a browser, because both texts are known:
a word-level diff of the two bodies (`BodyMap`, difflib's SequenceMatcher) says where each
offset of the old body went. So:

1. The quote occurs in the new body at the place the diff maps its old start to (give or take
   `NEAR` characters), once there: `exact` (its offsets may have shifted).
2. Otherwise it occurs once elsewhere, or several times and its old prefix and suffix pick one:
   `moved`.
3. Otherwise the best approximate match, tried at the span the diff aligns with the old one and
   around the quote's longest run of words found in the new body, each boundary then nudged word
   by word while the similarity grows: `fuzzy` when its similarity (difflib's ratio, 0..1) is at
   least `FUZZY_THRESHOLD`; `orphaned` below it. A quote occurring several times, none near its
   old place nor picked by its context, is `fuzzy` too (similarity 1): an editor chooses.

`FUZZY_THRESHOLD` comes from the measurement in scripts/measure_reanchoring.py (README, "Versions").
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from facts.services.anchoring import find_occurrences

FUZZY_THRESHOLD = 0.70
"""The least similarity (difflib ratio) of a fuzzy match; below it a passage is orphaned. Measured, see README."""

NEAR = 32
"""How far (in characters) from where the diff maps its old start an occurrence still counts as in place."""

EXACT, MOVED, FUZZY, ORPHANED = "exact", "moved", "fuzzy", "orphaned"

# Words, runs of spaces and single other characters: the units the bodies are diffed in (a
# character-level diff of two long bodies is slow and aligns stray letters).
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Relocation:
    """Where a passage went in the new body: its status, span (None when orphaned) and similarity."""

    status: str
    start: int | None
    end: int | None
    similarity: float


def tokenize(text: str) -> tuple[list[str], list[int]]:
    """The tokens of a text and the offset each starts at, plus the text's length as a last offset."""
    tokens, starts = [], []
    for match in TOKEN.finditer(text):
        tokens.append(match.group())
        starts.append(match.start())
    starts.append(len(text))
    return tokens, starts


Opcode = tuple[str, int, int, int, int]


def diff_tokens(old: list[str], new: list[str]) -> list[Opcode]:
    """SequenceMatcher's opcodes turning `old` into `new`, the common head and tail left out of the matching.

    A correction usually changes a little in the middle of a long text: trimming what is the same
    at both ends keeps the quadratic part small. Inside, tokens that are very frequent (spaces,
    "the") are SequenceMatcher's "popular" ones (autojunk): not used to start a match, but matches
    still extend over them, so the diff stays word-accurate and fast on long bodies.
    """
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=True)
    opcodes: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    opcodes += [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle.get_opcodes()]
    if tail:
        opcodes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    # An empty middle (the texts differ only at one end) gives one empty "equal" opcode: dropped.
    return [opcode for opcode in opcodes if opcode[1] < opcode[2] or opcode[3] < opcode[4]]


class BodyMap:
    """Where the offsets of an old body went in a new one, from a word-level diff of the two."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        old_tokens, self.old_starts = tokenize(old)
        new_tokens, self.new_starts = tokenize(new)
        self.new_tokens = new_tokens
        self.opcodes = diff_tokens(old_tokens, new_tokens)
        self._opcode_starts = [opcode[1] for opcode in self.opcodes]

    def position(self, offset: int, *, is_end: bool = False) -> int:
        """The offset of the new body that `offset` of the old one corresponds to.

        Inside unchanged text it is exact; inside changed text, the start (or, for an end
        offset, the end) of what replaced it.
        """
        token = max(0, bisect_right(self.old_starts, offset) - 1)
        if is_end and token > 0 and self.old_starts[token] == offset:
            token -= 1  # an end offset belongs to the token it closes
        index = max(0, bisect_right(self._opcode_starts, token) - 1)
        tag, i1, i2, j1, j2 = self.opcodes[index] if self.opcodes else ("insert", 0, 0, 0, 0)
        if tag == "equal" and i1 <= token < i2:
            within = offset - self.old_starts[token]
            return min(self.new_starts[j1 + token - i1] + within, len(self.new))
        return self.new_starts[j2] if is_end else self.new_starts[j1]


def relocate(
    body_map: BodyMap, *, start: int, end: int, exact: str, prefix: str, suffix: str, threshold: float = FUZZY_THRESHOLD
) -> Relocation:
    """Find the passage old[start:end] == exact in the new body (see the module's docstring)."""
    new = body_map.new
    hint = body_map.position(start)
    occurrences = find_occurrences(new, exact)
    near = [found for found in occurrences if abs(found - hint) <= NEAR]
    if near:
        chosen = min(near, key=lambda found: abs(found - hint))
        if len(near) == 1 or chosen == hint:
            return Relocation(EXACT, chosen, chosen + len(exact), 1.0)
    if len(occurrences) == 1:
        return Relocation(MOVED, occurrences[0], occurrences[0] + len(exact), 1.0)
    if occurrences:
        in_context = [
            found
            for found in occurrences
            if new[:found].endswith(prefix) and new[found + len(exact) :].startswith(suffix)
        ]
        if len(in_context) == 1:
            return Relocation(MOVED, in_context[0], in_context[0] + len(exact), 1.0)
        chosen = min(in_context or occurrences, key=lambda found: abs(found - hint))
        return Relocation(FUZZY, chosen, chosen + len(exact), 1.0)
    quote = Quote(exact, prefix, suffix)
    return approximate(body_map, start=start, end=end, quote=quote, threshold=threshold)


@dataclass(frozen=True)
class Quote:
    """A TextQuoteSelector: the passage's text and the text just around it."""

    exact: str
    prefix: str
    suffix: str

    def score(self, body: str, start: int, end: int) -> tuple[float, float]:
        """(How well body[start:end] matches the quote and its context, how alike its text is to the quote).

        The first ranks candidates: as in Hypothesis (dom-anchor-text-quote), mostly the quote,
        some the prefix and suffix, so of two equally similar spans the one in the old context
        wins, and a span that swallowed or lost words next to the quote is not preferred.
        """
        text = _similarity(self.exact, body[start:end])
        before = _similarity(self.prefix, body[max(0, start - len(self.prefix)) : start]) if self.prefix else 1.0
        after = _similarity(self.suffix, body[end : end + len(self.suffix)]) if self.suffix else 1.0
        return QUOTE_WEIGHT * text + (1 - QUOTE_WEIGHT) / 2 * (before + after), text


QUOTE_WEIGHT = 0.7
"""The share of the quote's own similarity in a candidate's rank; the rest is its prefix's and suffix's."""


def approximate(body_map: BodyMap, *, start: int, end: int, quote: Quote, threshold: float) -> Relocation:
    """The best approximate match of a quote no longer in the body: fuzzy above the threshold, else orphaned."""
    candidates = [(body_map.position(start), body_map.position(end, is_end=True))]
    seeded = _around_longest_run(body_map, quote.exact)
    if seeded is not None:
        candidates.append(seeded)
    best = (0.0, 0.0, 0, 0)
    for candidate_start, candidate_end in candidates:
        best = max(best, _refine(body_map, quote, candidate_start, candidate_end))
    _, similarity, best_start, best_end = best
    if similarity < threshold or best_end <= best_start:
        return Relocation(ORPHANED, None, None, round(similarity, 4))
    return Relocation(FUZZY, best_start, best_end, round(similarity, 4))


def _around_longest_run(body_map: BodyMap, exact: str) -> tuple[int, int] | None:
    """The span of the quote's length laid over the longest run of its tokens found in the new body."""
    quote_tokens, quote_starts = tokenize(exact)
    matcher = SequenceMatcher(None, body_map.new_tokens, quote_tokens, autojunk=False)
    run = matcher.find_longest_match(0, len(body_map.new_tokens), 0, len(quote_tokens))
    if run.size == 0:
        return None
    run_start = body_map.new_starts[run.a] - quote_starts[run.b]
    return max(0, run_start), min(len(body_map.new), run_start + len(exact))


def _similarity(exact: str, text: str) -> float:
    return SequenceMatcher(None, exact, text, autojunk=False).ratio() if text else 0.0


def _refine(body_map: BodyMap, quote: Quote, start: int, end: int) -> tuple[float, float, int, int]:
    """Nudge a candidate's boundaries to token boundaries, one token at a time, while its rank grows.

    Returns (rank, similarity, start, end).
    """
    boundaries = body_map.new_starts
    new = body_map.new
    start = boundaries[max(0, bisect_right(boundaries, start) - 1)]
    end = boundaries[min(len(boundaries) - 1, bisect_right(boundaries, end - 1))] if end > start else start
    best = (*quote.score(new, start, end), start, end)
    improved = True
    while improved:
        improved = False
        _, _, start, end = best
        low, high = bisect_right(boundaries, start) - 1, bisect_right(boundaries, end) - 1
        for new_start, new_end in (
            (boundaries[max(0, low - 1)], end),
            (boundaries[min(low + 1, high)], end),
            (start, boundaries[min(len(boundaries) - 1, high + 1)]),
            (start, boundaries[max(low, high - 1)]),
        ):
            # Spaces never open or close a passage.
            new_start, new_end = _strip(new, new_start, new_end)
            if new_end <= new_start:
                continue
            rank, similarity = quote.score(new, new_start, new_end)
            if rank > best[0]:
                best, improved = (rank, similarity, new_start, new_end), True
    return best


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def changed_ranges(old: str, new: str) -> list[dict[str, Any]]:
    """The ranges a word-level diff finds changed between two texts, with the text removed and added."""
    body_map = BodyMap(old, new)
    changes = []
    for tag, i1, i2, j1, j2 in body_map.opcodes:
        if tag == "equal":
            continue
        from_start, from_end = body_map.old_starts[i1], body_map.old_starts[i2]
        to_start, to_end = body_map.new_starts[j1], body_map.new_starts[j2]
        changes.append(
            {
                "op": tag,
                "from_start": from_start,
                "from_end": from_end,
                "to_start": to_start,
                "to_end": to_end,
                "removed": old[from_start:from_end],
                "added": new[to_start:to_end],
            }
        )
    return changes
