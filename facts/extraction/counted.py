"""What a figure counts: the counted noun phrase after it (“more than 30 North Koreans”), or before
it (“the number of North Koreans detained … to more than 400”), and the unit it gives (people).
"""

import re

from facts.extraction.candidates import Span
from facts.extraction.lexicon import (
    IRREGULAR_VERBS,
    PEOPLE_NOUNS,
    STOP_WORDS,
)
from facts.extraction.numbers import (
    NUMBER_OF,
)
from facts.extraction.places import DEMONYMS


def noun_after(body: str, end: int, sentence_end: int) -> Span | None:
    """The counted noun phrase after a figure, if the text has one (see the module doc)."""
    lead = re.match(
        r"(?:,\s+(?=[A-Z]))?\s*(?:of\s+(?:the\s+|these\s+|those\s+)?)?(?:(?:more|additional|other|new)\s+)?",
        body[end:sentence_end],
    )
    position = end + (lead.end() if lead else 0)
    tokens = [
        (position + m.start(), position + m.end(), m.group())
        for m in re.finditer(r"[^\W\d_][\w'’-]*|\S", body[position:sentence_end])
    ]
    words: list[tuple[int, int]] = []
    previous_end = position
    index = 0
    while index < len(tokens) and len(words) < 5:
        start, stop, token = tokens[index]
        index += 1
        if body[previous_end:start] not in ("", " ") or not token[0].isalpha():
            break
        lower = token.lower()
        if lower == "and" and words and index < len(tokens) and tokens[index][2] == "other":
            words.append((start, tokens[index][1]))  # “Karen and other ethnic minorities”
            previous_end = tokens[index][1]
            index += 1
            continue
        if lower in STOP_WORDS or lower in IRREGULAR_VERBS:
            break
        if words and not token[0].isupper() and lower.endswith(("ing", "ed")):
            break
        if not words and lower.endswith(("ing", "ly")):
            break
        words.append((start, stop))
        previous_end = stop
    while words and body[words[-1][0] : words[-1][1]].startswith("and"):
        words.pop()
    if not words:
        return None
    return Span.of(body, words[0][0], words[-1][1])


def noun_before(body: str, start: int, sentence_start: int) -> Span | None:
    """“brought the number of North Koreans detained … to more than 400”: the noun before."""
    found = None
    for match in NUMBER_OF.finditer(body, sentence_start, start):
        found = match
    if not found:
        return None
    return noun_after(body, found.end(), start)


def unit_for(noun: Span | None, current: str) -> str:
    if current or noun is None:
        return current
    last = noun.exact.split()[-1]
    lower = last.lower()
    if lower in PEOPLE_NOUNS or last in DEMONYMS:
        return "people"
    if last[0].isupper() and re.search(r"(?:ans|ese|is|ians|ers)$", last):
        return "people"  # North Koreans, Tibetans, Bangladeshis
    return ""
