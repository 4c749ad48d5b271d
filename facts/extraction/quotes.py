"""Quotation marks paired by structure, not by strict alternation.

Every mark is read in its context: a straight mark after a blank (or an opening bracket or a
dash) and before a word opens; one after a word or punctuation and before a blank or
punctuation closes; typographic marks say which they are. A quote is the words between an
opening and the next closing mark. When a second opening mark comes while a quote is still
open (wire copy whose paragraph breaks were removed: `…peace. "However, we will…`), the
first quote had no closing mark: it ends after its last sentence, and the new one starts.
A quote left open at the end of a paragraph runs on into the next when that one opens with a
mark (the news convention for a quote over several paragraphs); otherwise it ends after its
last sentence. A closing mark with no opening mark closes a quote that starts with its
sentence.

“Its last sentence”: the quote keeps the sentence it opens with, then each following sentence
that is still someone speaking (it says I, we, you, our…) and holds no reporting clause.
"""

import re

from facts.extraction.text_marks import (
    DOUBLE_CLOSE,
    DOUBLE_OPEN,
    OPENING_CONTEXT,
    STRAIGHT_DOUBLE,
    Quote,
    strip_span,
)

CLOSING_AFTER = frozenset(" \t\n,.;:!?)]}—–-…'’")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])")
FIRST_OR_SECOND_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|we|We|we're|We're|our|Our|us|my|My|me|you|You|your)\b")
REPORTING_CLAUSE = re.compile(r"\b(?:said|says|told|added|asked|according to)\b")
DOUBLE_MARK = re.compile('["“”]')


def mark_role(body: str, position: int, p_start: int, p_end: int) -> str:
    """ "open", "close" or "either": what a double mark does, read from the characters around it."""
    char = body[position]
    if char == DOUBLE_OPEN:
        return "open"
    if char == DOUBLE_CLOSE:
        return "close"
    previous = body[position - 1] if position > p_start else " "
    following = body[position + 1] if position + 1 < p_end else " "
    opens = previous in OPENING_CONTEXT or previous in "\"“'‘"
    closes = following in CLOSING_AFTER or following in '"”'
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def run_on_end(body: str, start: int, limit: int) -> int:
    """Where a quote with no closing mark ends: after its last sentence (see the module doc)."""
    breaks = [m.start() for m in SENTENCE_BREAK.finditer(body, start, limit)]
    end = breaks[0] if breaks else limit
    for index, position in enumerate(breaks):
        following_end = breaks[index + 1] if index + 1 < len(breaks) else limit
        sentence = body[position:following_end]
        if not FIRST_OR_SECOND_PERSON.search(sentence) or REPORTING_CLAUSE.search(sentence):
            break
        end = following_end
    return strip_span(body, start, end)[1]


def sentence_start_before(body: str, position: int, floor: int) -> int:
    """The start of the sentence `position` is in, no earlier than `floor`."""
    starts = [m.end() for m in SENTENCE_BREAK.finditer(body, floor, position)]
    return starts[-1] if starts else floor


class _Pairing:
    """The double quotes of one paragraph, as its marks are read left to right."""

    def __init__(self, body: str, p_start: int, p_end: int, continues: bool) -> None:
        self.body, self.p_start, self.p_end = body, p_start, p_end
        self.continues = continues
        self.open_at: int | None = None
        self.last_end = p_start
        self.quotes: list[Quote] = []

    def add(self, open_at: int, start: int, end: int, close: int | None) -> None:
        start, end = strip_span(self.body, start, end)
        if start < end:
            self.quotes.append(Quote(open_at, start, end, close, "double", self.continues))
            self.last_end = close + 1 if close is not None else end
        self.continues = False

    def mark(self, position: int) -> None:
        role = mark_role(self.body, position, self.p_start, self.p_end)
        if self.open_at is None:
            if role == "close":
                start = sentence_start_before(self.body, position, self.last_end)
                self.add(start, start, position, position)
            else:
                self.open_at = position
        elif role == "open":
            # A new quotation opens: the one before had no closing mark.
            self.add(self.open_at, self.open_at + 1, run_on_end(self.body, self.open_at + 1, position), None)
            self.open_at = position
        else:
            self.add(self.open_at, self.open_at + 1, position, position)
            self.open_at = None


def double_quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Straight (") and typographic (“ ”) double quotes (see the module doc)."""
    quotes: list[Quote] = []
    continues = False
    for index, (p_start, p_end) in enumerate(paragraphs):
        pairing = _Pairing(body, p_start, p_end, continues)
        for match in DOUBLE_MARK.finditer(body, p_start, p_end):
            pairing.mark(match.start())
        continues = False
        if pairing.open_at is not None:
            open_at = pairing.open_at
            next_opens = index + 1 < len(paragraphs) and body[paragraphs[index + 1][0]] in (
                STRAIGHT_DOUBLE,
                DOUBLE_OPEN,
            )
            if next_opens:
                before = len(pairing.quotes)
                pairing.add(open_at, open_at + 1, p_end, None)
                continues = len(pairing.quotes) > before
            else:
                pairing.add(open_at, open_at + 1, run_on_end(body, open_at + 1, p_end), None)
        quotes.extend(pairing.quotes)
    return quotes
