"""The structure of a body the rules work on: paragraphs, quoted stretches and sentences.

Quotes are found first, so that sentences never split inside a quotation (a quote of
several sentences belongs to the sentence of its attribution) and so that the other
rules know what is the article's text and what is someone's words.
"""

import re
from bisect import bisect_right

from facts.extraction.lexicon import ABBREVIATIONS, COMMON_SENTENCE_STARTERS
from facts.extraction.nlp import EMPTY, Parse
from facts.extraction.quotes import double_quotes
from facts.extraction.text_marks import (
    CLOSING_CONTEXT,
    OPENING_CONTEXT,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT_SINGLE,
    Quote,
    strip_span,
)


class Document:
    """A body with its paragraphs, quotes and sentences, and fast lookups by offset."""

    def __init__(self, body: str, parse: Parse = EMPTY) -> None:
        self.body = body
        self.parse = parse
        self.paragraphs = _paragraphs(body)
        self.quotes = _quotes(body, self.paragraphs)
        self._quote_starts = [quote.open for quote in self.quotes]
        self.sentences = _sentences(body, self.paragraphs, self.quotes)
        self._sentence_starts = [start for start, _ in self.sentences]
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self._lowercase_words: set[str] | None = None

    def quote_at(self, position: int) -> Quote | None:
        """The quote whose marks enclose `position` (marks included), if any."""
        index = bisect_right(self._quote_starts, position) - 1
        if index >= 0:
            quote = self.quotes[index]
            if quote.open <= position < max(quote.outer_end, quote.open + 1):
                return quote
        return None

    def in_quote(self, position: int) -> bool:
        return self.quote_at(position) is not None

    def sentence_at(self, position: int) -> tuple[int, int]:
        index = max(0, bisect_right(self._sentence_starts, position) - 1)
        return self.sentences[index]

    def sentence_index(self, position: int) -> int:
        return max(0, bisect_right(self._sentence_starts, position) - 1)

    def paragraph_index(self, position: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, position) - 1)

    def is_common_word(self, word: str) -> bool:
        """Whether a capitalized word is an ordinary word: in the list of sentence
        starters, or written in lowercase elsewhere in the body (“Refugee … refugees”)."""
        lower = word.lower()
        if lower in COMMON_SENTENCE_STARTERS:
            return True
        if self._lowercase_words is None:
            self._lowercase_words = set(re.findall(r"\b[a-z][a-z'’-]*\b", self.body))
        return lower in self._lowercase_words

    def is_clause_start(self, position: int) -> bool:
        """Whether `position` begins a sentence, a paragraph or a quotation."""
        start, _ = self.sentence_at(position)
        before = self.body[start:position]
        return not before.strip(" \t\n\"“‘'([")


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """Non-blank lines; a line break followed by a lowercase letter is a hard wrap, not a break."""
    paragraphs = []
    start = 0
    for match in re.finditer(r"\n+", body):
        following = body[match.end() : match.end() + 1]
        if following.islower() and len(match.group()) == 1:
            continue
        paragraphs.append((start, match.start()))
        start = match.end()
    paragraphs.append((start, len(body)))
    return [(s, e) for s, e in paragraphs if body[s:e].strip()] or [(0, len(body))]


def _quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    quotes = double_quotes(body, paragraphs)
    quotes.extend(_single_quotes(body, paragraphs, quotes))
    quotes.sort(key=lambda quote: quote.open)
    return quotes


def _is_single_open(body: str, position: int) -> bool:
    char = body[position]
    following = body[position + 1 : position + 4]
    if not following or following[0].isspace():
        return False
    if re.match(r"\d\ds", following) or re.match(r"(?:em|n|tis)\b", following):
        return False  # ’90s, 'em, rock 'n' roll
    if char == SINGLE_OPEN:
        return True
    previous = body[position - 1] if position > 0 else " "
    return previous in OPENING_CONTEXT


def _is_single_close(body: str, position: int) -> bool:
    previous = body[position - 1] if position > 0 else " "
    following = body[position + 1] if position + 1 < len(body) else " "
    if previous.isspace():
        return False
    if previous.isalnum() and following.isalnum():
        return False  # an apostrophe inside a word: it's, Ki-won's
    return following in CLOSING_CONTEXT


def _single_quotes(body: str, paragraphs: list[tuple[int, int]], doubles: list[Quote]) -> list[Quote]:
    """Single quotation marks ('…' and ‘…’) outside double quotes, told apart from apostrophes."""
    inside_double = [(quote.open, quote.outer_end) for quote in doubles]
    quotes: list[Quote] = []
    continues = False
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        for match in re.finditer("['‘’]", body[p_start:p_end]):
            position = p_start + match.start()
            if any(s <= position < e for s, e in inside_double):
                continue
            if open_at is None:
                if body[position] != SINGLE_CLOSE and _is_single_open(body, position):
                    open_at = position
            elif body[position] != SINGLE_OPEN and _is_single_close(body, position):
                start, end = strip_span(body, open_at + 1, position)
                if start < end:
                    quotes.append(Quote(open_at, start, end, position, "single", continues))
                continues = False
                open_at = None
        if open_at is not None:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            next_opens = next_start is not None and body[next_start] in (STRAIGHT_SINGLE, SINGLE_OPEN)
            start, end = strip_span(body, open_at + 1, p_end)
            if next_opens and start < end:
                quotes.append(Quote(open_at, start, end, None, "single", continues))
                continues = True
            else:
                continues = False
        else:
            continues = False
    return quotes


SENTENCE_END = re.compile(r"(?:[.!?]+|…|\.\.\.)[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\.\.\.(?=[A-Z])|…(?=[A-Z])")


def _sentences(body: str, paragraphs: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentences within each paragraph, never split inside a quotation."""
    inside = [(quote.start, quote.end) for quote in quotes]
    sentences = []
    for p_start, p_end in paragraphs:
        start = p_start
        for match in SENTENCE_END.finditer(body, p_start, p_end):
            end = match.end()
            if any(s < match.start() and end <= e for s, e in inside):
                continue
            if body[match.start()] == "." and _is_abbreviation(body, match.start(), end):
                continue
            sentences.append((start, end))
            start = end
            while start < p_end and body[start].isspace():
                start += 1
        if start < p_end:
            sentences.append((start, p_end))
    return sentences


def _is_abbreviation(body: str, period: int, end: int) -> bool:
    """Whether the period at `period` closes an abbreviation (Mr., U.S., J.) rather than a sentence."""
    word_match = re.search(r"([A-Za-z.]+)$", body[max(0, period - 12) : period])
    if not word_match:
        return False
    word = word_match.group(1)
    if word.lower().rstrip(".") in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial: “J. Smith”
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        # U.S., U.N.: a sentence can end with one, so it ends one only before a sentence starter.
        next_word = re.match(r"\s+[\"“‘']?([A-Za-z]+)", body[end:])
        return not (next_word and next_word.group(1).lower() in COMMON_SENTENCE_STARTERS)
    return False
