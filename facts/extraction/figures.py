"""Figures: numbers reported as quantities, with their qualifier, bounds and counted noun.

What is read as a number:

- digits, with thousands separators (“300,000”; “8 000” with a space or a no-break space) and
  decimals, optionally with a scale word (“1.5 million”, “$2bn”);
- number words: “seven”, “twenty-five”, “three hundred”, “a dozen”, “three dozen”,
  “half a million”;
- vague quantities: “dozens”, “scores”, “hundreds”, “thousands”, “millions”, “tens of
  thousands”, “hundreds of thousands”, “several hundred”, “a few thousand”;
- ranges: “between 150 and 200”, “150 to 200”, “150-200”, “six or seven”; a scale on the
  second number applies to the first (“between 1 and 2 million”);
- hedged ranges: a lower-bounded number then an upper-bounded one (“More than 100,000,
  and perhaps as many as 300,000”; “at least 40 and up to 60”);
- qualifiers before the number: “more than”, “over”, “upwards of”, “in excess of” (more
  than); “at least”, “no fewer than”, “no less than”, “a minimum of” (at least); “up to”
  (up to); “as many as”, “as much as” (as many as); “fewer than”, “less than”, “under”
  (fewer than); “about”, “around”, “roughly”, “approximately”, “some”, “an estimated”,
  “nearly”, “almost”, “close to”, “just under” (approximately); and after it: “or so”
  (approximately), “or more” (at least), “or fewer”/“or less” (up to), “-plus” (at least);
- units: percentages (“5%”, “5 percent”, “5 per cent”) and money (“$”, “US$”, “€”, “£”,
  “¥”, or “dollars”, “euros” after the number); a counted noun of people (“refugees”,
  “North Koreans”) gives the unit “people”.

“Nearly” and “almost” map to *approximately*: “nearly 300” reports a value close to 300.
*Fewer than* would keep only the upper bound, and it reads as a cap far below the value
(“fewer than 300” also allows 10). *Approximately* keeps the value, which is what the
writer meant.

Bounds follow facts.models.Figure: exact n has value = low = high = n; more than / at
least n has low n; up to / fewer than / as many as n has high n; approximately n has only
the value; a range has low and high; a vague quantity has its smallest literal value as
low and, where the words bound it, the next named order as high (“hundreds”: 200 to
1,000; “thousands”: 2,000 to 10,000; “tens of thousands”: 20,000 to 100,000; “dozens”:
24 and no high).

Durations and frequencies are figures (“a four-month sentence” → “four”, “20 years ago”,
“more than once”), and so are fractions (“half”, “one-tenth”) and “a”/“an” as one with its
unit (“up to a foot of snow”). Not figures: years (“in 2001”, a four-digit number from 1000
to 2100 with no counted noun), decades (“the 1990s”), dates (“5/31”, “May 31”, “31 May”),
times of day (“10:30”, “9 a.m.”), ordinals (“19th”, “first”), ages (“a 34-year-old”, “aged
45”, “John Smith, 45,”), rates (“60 patients a day”), numbers inside names and labels
(“G20”, “COVID-19”, “Flight 370”, “Channel Nine”), “one” and “a” on their own (“one of the
lifelines”, “One outspoken activist”), and a back-reference to a group already counted
(“the seven were North Koreans”).

The counted noun phrase is the words after the number (skipping “of”, “more”, “other”):
capitalized words, nouns and adjectives up to a function word, a verb or punctuation
(“more than 30 North Koreans have rushed” → “North Koreans”). When there is none, “the
number of X … to N” gives X.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from facts.extraction.candidates import FigureCandidate, Span
from facts.extraction.counted import noun_after, noun_before, unit_for
from facts.extraction.lexicon import (
    AUXILIARIES,
    MONTHS,
    RELATIVES,
    TIME_UNITS,
)
from facts.extraction.numbers import (
    CHANGE_VERBS,
    CURRENCY_WORDS,
    HEDGE_JOIN,
    LABEL_WORDS,
    LEVEL_VERBS,
    MEASUREMENT,
    MEASUREMENT_UNITS,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    QUALIFIERS_BEFORE,
    RANGE_JOIN,
    Number,
    digits_value,
    numbers,
)

AGE_AFTER = re.compile(r"(?:[\s-]+years?[\s-]+old|-year-old|-years-old)\b", re.IGNORECASE)
AGE_BEFORE = re.compile(r"(?:\b(?:aged?|ages|age of)|\b(?:he|she|they) (?:was|were|is))\s+$", re.IGNORECASE)
UNIT_AFTER = re.compile(r"(?:\s+|-)(?:more |additional |long |old )?([A-Za-z]+)")
FREQUENCY_BEFORE = re.compile(
    r"(?:\d[\d,.]*(?:\s+[a-z]+){0,2}|\b(?:once|twice|times|per|each|every))\W{0,3}$", re.IGNORECASE
)
"""“60 patients a day”, “twice a year”: `a` there means per, a rate, not one."""


def _is_date_or_label(body: str, number: Number, before: str, after: str) -> bool:
    """Digits that are a year, a date, a time of day, an ordinal or a label, not a quantity."""
    digits = re.sub(r"\D", "", number.word)
    if after[:1].isalpha() or after[:1] in ("/", ":") or before[-1:] in ("/", ":"):
        return True  # 19th, 1990s, 5/31, 10:30
    if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT|UTC|BST|EST|CET|hrs\b|h\b)", after, re.IGNORECASE):
        return True
    if (
        "," not in number.word
        and "." not in number.word
        and len(digits) == 4
        and 1000 <= int(digits) <= 2100
        and not re.match(r"\s+(?:[a-z]+-)?[a-z]+s\b", after)
        and not QUALIFIER_BEFORE.search(before)
    ):
        return True  # a year
    month_before = re.search(r"(\w+\.?)\s+$", before)
    if month_before and month_before.group(1).lower() in MONTHS:
        return True
    month_after = re.match(r"\s+(?:of\s+)?(\w+)", after)
    if month_after and month_after.group(1).lower() in MONTHS and int(float(digits or 0)) <= 31:
        return True
    if re.search(r"[A-Za-z]-$", before) or re.match(r",\s*\d{4}\b", after):
        return True  # COVID-19; a date: May 31, 2002
    return bool(re.search(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*, $", before) and re.match(r",", after))  # John Smith, 45,


def _is_label(before: str) -> bool:
    """“Flight 370”, “Channel Nine”, “day three”, “number 10”: a number that names, not counts."""
    label = re.search(r"([\w.]+)\s+$", before)
    return label is not None and label.group(1).lower() in (*LABEL_WORDS, "channel", "day")


def _is_excluded(body: str, number: Number) -> bool:
    """Years, dates, times, ordinals, ages, labels, and words that are not counts (see the module doc)."""
    before = body[max(0, number.start - 40) : number.start]
    after = body[number.end : number.end + 40]
    if number.kind == "digits" and not number.unit and _is_date_or_label(body, number, before, after):
        return True
    if number.kind != "vague" and _is_label(before):
        return True
    if AGE_BEFORE.search(before) or AGE_AFTER.match(after):
        return True
    if number.kind == "one":
        return not _one_counts(body, number, after)
    if number.kind == "times":
        # “more than once”, “at least twice”: a frequency; “once a village”, “twice as many” are not counts.
        return not QUALIFIER_BEFORE.search(before) or re.match(r"\s+as\b", after) is not None
    if number.kind == "article":
        return FREQUENCY_BEFORE.search(before) is not None  # “$5 a day”, “twice a year”: a rate
    if number.kind == "fraction":
        return re.search(r"\b(?:first|second|last|latter|other)\s+$", before, re.IGNORECASE) is not None
    return False


def _one_counts(body: str, number: Number, after: str) -> bool:
    """“one” counts when a unit follows (“one day after”), or as one of a list or a total
    (“three crews, one ambulance and…”, “one Test match out of three”); not “one of them”."""
    unit = UNIT_AFTER.match(after)
    if unit and unit.group(1).lower() in TIME_UNITS:
        return True
    if after.startswith("-in-"):
        return False  # “a one-in-20-year flood”: part of a compound
    if re.match(r"\s+(?:of|another|who|that|thing|way|or|day)\b", after) or body[number.start].isupper():
        return False
    return (
        re.search(r"\bout of\b", after[:30]) is not None
        or re.search(r"\d|\b(?:two|three|four|five)\b", (body[max(0, number.start - 30) : number.start] + after[:30]))
        is not None
    )


@dataclass
class _Reading:
    """A number being read as a figure: its span, qualifier and bounds so far."""

    start: int
    end: int
    kind: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    rule: str
    qualifier: str | None = None


def _qualified(body: str, number: Number, sentence_start: int) -> _Reading:
    """The number with the qualifier before it, read in context (`would go up to $8` is a level)."""
    before = body[max(sentence_start, number.start - 40) : number.start]
    kind = "vague" if number.kind == "vague" else "exact"
    reading = _Reading(number.start, number.end, kind, number.value, number.low, number.high, number.kind)
    match = QUALIFIER_BEFORE.search(before)
    if match:
        qualifier = next(name for name, _ in QUALIFIERS_BEFORE if match.group(name))
        preceding = before[: match.start(1)]
        if qualifier == "up_to" and LEVEL_VERBS.search(preceding):
            return reading
        if match.group(1).lower() == "over" and _during(body, number, preceding):
            return reading
        reading.qualifier = qualifier
        reading.start = number.start - (len(before) - match.start(1))
    return reading


def _during(body: str, number: Number, preceding: str) -> bool:
    """“fraud over six years”: “over” before a duration means during it, unless “for over”."""
    unit = UNIT_AFTER.match(body, number.end)
    if unit is None or unit.group(1).lower() not in TIME_UNITS:
        return False
    return not re.search(r"\b(?:for|in|of|after)\s+$", preceding)


def _joined(body: str, reading: _Reading, number: Number, following: Number | None, before: str) -> bool:
    """A hedged range (“More than 100,000, and perhaps as many as 300,000”) or a range
    (“between 150 and 200”, “150 to 200”); a change (“rose by $1 to $8.25”) is two figures."""
    if following is None or following.value is None or number.value is None:
        return False
    hedge = HEDGE_JOIN.match(body, number.end) if reading.qualifier in ("more_than", "at_least") else None
    if hedge and following.start == hedge.end():
        reading.low, reading.high, reading.value = number.value, following.value, None
        reading.kind, reading.rule, reading.end, reading.qualifier = "range", "hedged range", following.end, None
        return True
    between = re.search(r"\bbetween\s+$", before, re.IGNORECASE)
    joined = (re.compile(r"\s+and\s+") if between else RANGE_JOIN).match(body, number.end)
    if not joined or following.start != joined.end() or "vague" in (number.kind, following.kind):
        return False
    if CHANGE_VERBS.search(before) or (number.unit != following.unit and number.unit and following.unit):
        return False
    first, second = number.value, following.value
    if (
        first < second / 1000
        and following.kind == "digits"
        and re.search(r"\s(?:million|billion|thousand)", body[following.start : following.end])
    ):
        first = first * second / digits_value(re.sub(r"\D.*$", "", following.word) or "1")
    if first >= second:
        return False
    reading.low, reading.high, reading.value = first, second, None
    reading.kind, reading.rule, reading.end = "range", "range", following.end
    if between:
        reading.start, reading.qualifier = number.start - (len(before) - between.start()), None
    return True


def _joins(body: str, number: Number, following: Number | None) -> bool:
    joined = RANGE_JOIN.match(body, number.end)
    return following is not None and joined is not None and joined.end() == following.start


def _qualifier_after(body: str, reading: _Reading) -> None:
    """“or so”, “or more”, “or fewer”, “-plus” after the number."""
    after = QUALIFIER_AFTER.match(body, reading.end)
    if after and reading.kind == "exact":
        words = after.group().strip(" -").lower()
        named = {"or so": "approximately", "or more": "at_least", "or fewer": "up_to", "or less": "up_to"}
        reading.qualifier = named.get(words, "at_least")
        reading.end = after.end()


def find_figures(body: str, sentence_at: Callable[[int], tuple[int, int]]) -> list[FigureCandidate]:
    """Every figure of the body (see the module doc); `sentence_at` gives the sentence around an offset."""
    found = numbers(body)
    figures: list[FigureCandidate] = []
    index = 0
    while index < len(found):
        number = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        index += 1
        sentence_start, sentence_end = sentence_at(number.start)
        reading = _qualified(body, number, sentence_start)
        before = body[max(sentence_start, number.start - 40) : number.start]
        if _joined(body, reading, number, following, before):
            index += 1
        elif number.kind == "digits" and _is_label(before) and _joins(body, number, following):
            index += 1  # “number 10 and 11”: both labels
        _qualifier_after(body, reading)
        if _is_excluded(body, number):
            continue
        if (
            not number.unit
            and reading.kind in ("exact", "range")
            and _back_reference(body, reading.start, reading.end, sentence_end)
        ):
            continue
        candidate = _candidate(body, number, reading, (sentence_start, sentence_end), before)
        if candidate is not None:
            figures.append(candidate)
    return figures


def _candidate(
    body: str, number: Number, reading: _Reading, sentence: tuple[int, int], before: str
) -> FigureCandidate | None:
    """The figure as proposed: its qualifier and bounds, unit, counted noun and confidence."""
    kind = reading.qualifier if reading.qualifier and reading.kind == "exact" else reading.kind
    unit = number.unit
    currency_word = CURRENCY_WORDS.match(body, reading.end)
    if currency_word and not unit:
        unit = currency_word.group(1).lower()
    measurement = MEASUREMENT.match(body, reading.end)
    if measurement and not unit:
        unit = MEASUREMENT_UNITS[measurement.group(1)]
    time_unit = UNIT_AFTER.match(body, reading.end)
    if time_unit and not unit and time_unit.group(1).lower() in TIME_UNITS:
        unit = time_unit.group(1).lower()
    noun = noun_after(body, reading.end, sentence[1]) if not unit or unit == "people" else None
    if noun is None and not unit:
        noun = noun_before(body, reading.start, sentence[0])
    if (
        number.kind in ("words", "one")
        and noun is None
        and not unit
        and kind == "exact"
        and re.search(r"\bof\s+$", before)
    ):
        return None  # “a father of two”, “one of three”: no count of its own
    value, low, high = (_plain(v) for v in _bounds(kind, reading.value, reading.low, reading.high))
    # Digits are the surest, number words and vague quantities next; the readings issue 12 added
    # (“a” with its unit, “one”, fractions, “once”) are the likeliest to be wrong.
    confidence = {"digits": 0.9, "words": 0.8, "vague": 0.75}.get(number.kind, 0.65)
    return FigureCandidate(
        span=Span.of(body, reading.start, reading.end),
        qualifier=kind,
        value=value,
        low=low,
        high=high,
        unit=unit_for(noun, unit),
        noun=noun,
        speaker=None,
        claim=None,
        confidence=confidence if noun is not None or unit else confidence - 0.15,
        rule=reading.rule,
    )


def _back_reference(body: str, start: int, end: int, sentence_end: int) -> bool:
    """“the seven were North Koreans”, “all three”: a group already counted, not a new figure.

    A bare number (no unit, no qualifier) after “the”, “these”, “those”, “all” or “both”,
    followed by a verb, a relative pronoun or punctuation rather than a counted noun.
    """
    if not re.search(r"\b(?:the|these|those|all|both)\s+$", body[max(0, start - 8) : start], re.IGNORECASE):
        return False
    following = re.match(r"\s+([\w'’-]+)", body[end:sentence_end])
    if not following:
        return True
    word = following.group(1).lower()
    return word in AUXILIARIES or word in RELATIVES or word in ("of",)


def _plain(value: Decimal | None) -> Decimal | None:
    """A decimal without a needless exponent or trailing zeros: 68.5 million is 68500000."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _bounds(
    qualifier: str, value: Decimal | None, low: Decimal | None, high: Decimal | None
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(value, low, high) as facts.models.Figure wants them for the qualifier."""
    if qualifier == "exact":
        return value, value, value
    if qualifier == "approximately":
        return value, None, None
    if qualifier in ("more_than", "at_least"):
        return value, value, None
    if qualifier in ("fewer_than", "up_to", "as_many_as"):
        return value, None, value
    return None, low, high
