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

Not figures: years (“in 2001”, a four-digit number from 1000 to 2100 with no counted
noun), decades (“the 1990s”), dates (“5/31”, “May 31”, “31 May”), times of day (“10:30”,
“9 a.m.”), ordinals (“19th”, “first”), durations and ages (“five years ago”, “for six or
seven years”, “a 10-year sentence”, “aged 45”, “John Smith, 45,”), numbers inside names
and labels (“G20”, “COVID-19”, “Flight 370”, “Article 5”), “one” and “a” on their own
(“one of the lifelines”, “One outspoken activist”), and a back-reference to a group
already counted (“the seven were North Koreans”).

The counted noun phrase is the words after the number (skipping “of”, “more”, “other”):
capitalized words, nouns and adjectives up to a function word, a verb or punctuation
(“more than 30 North Koreans have rushed” → “North Koreans”). When there is none, “the
number of X … to N” gives X.
"""

import re
from collections.abc import Callable
from decimal import Decimal

from facts.extraction.candidates import FigureCandidate, Span
from facts.extraction.lexicon import (
    AUXILIARIES,
    DEMONYMS,
    IRREGULAR_VERBS,
    MONTHS,
    PEOPLE_NOUNS,
    RELATIVES,
    STOP_WORDS,
    TIME_UNITS,
)

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SHORT_SCALES = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}

SMALL = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
WORD_NUMBER = rf"(?:{SMALL})(?:-(?:{'|'.join(UNITS_WORDS)}))?"
SCALE = r"(?:hundred|thousand|million|billion|trillion)"
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))+|\d+(?:\.\d+)?"
VAGUE = (
    r"(?:tens|hundreds) of (?:thousands|millions|billions)|(?:several|a few) (?:dozen|hundred|thousand|million|billion)"
    r"|dozens|scores|hundreds|thousands|millions|billions"
)
ATOM = re.compile(
    rf"(?<![\w.,/:$€£¥])(?<![^\W\d_]-)(?:(?P<vague>{VAGUE})\b"
    rf"|(?P<currency>US\$|\$|€|£|¥)?(?P<digits>{DIGITS})(?:(?P<dscale>\s(?:{SCALE})\b)|(?P<short>(?:k|m|mn|bn|b|tn)\b))?"
    rf"(?P<percent>\s?%|\s(?:percent|per cent)\b)?"
    rf"|(?P<words>(?:(?:a|an|half a) (?:{SCALE}|dozen)|{WORD_NUMBER})"
    rf"(?:[ -](?:and )?(?:{WORD_NUMBER}|{SCALE}|dozen))*)\b)",
    re.IGNORECASE,
)
QUALIFIERS_BEFORE = [
    ("more_than", r"more than|over|upwards of|in excess of|above"),
    ("at_least", r"at least|no fewer than|no less than|a minimum of|not less than"),
    ("up_to", r"up to"),
    ("as_many_as", r"as many as|as much as"),
    ("fewer_than", r"fewer than|less than|under|below"),
    ("approximately", r"about|around|roughly|approximately|some|an estimated|estimated|nearly|almost|close to"
     r"|just under|just over|an approximate|approx\.|circa|c\."),
]  # fmt: skip
QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(" + "|".join(f"(?P<{name}>{words})" for name, words in QUALIFIERS_BEFORE) + r")\s+$",
    re.IGNORECASE,
)
QUALIFIER_AFTER = re.compile(r"(?:\s+or so|\s+or more|\s+or fewer|\s+or less|-plus|\s+plus)\b", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*|\s+or\s+")
HEDGE_JOIN = re.compile(
    r",?\s*(?:and|but|or)?\s*(?:perhaps|possibly|maybe|probably|even|potentially|reportedly)?\s*"
    r"(?P<qualifier>as many as|as much as|up to)\s+",
    re.IGNORECASE,
)
VAGUE_BOUNDS = {
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, 1000),
    "thousands": (2000, 10000),
    "millions": (2 * 10**6, 10**7),
    "billions": (2 * 10**9, 10**10),
    "tens of thousands": (20000, 100000),
    "tens of millions": (2 * 10**7, 10**8),
    "tens of billions": (2 * 10**10, 10**11),
    "hundreds of thousands": (200000, 10**6),
    "hundreds of millions": (2 * 10**8, 10**9),
    "hundreds of billions": (2 * 10**11, 10**12),
    "several dozen": (24, None),
    "several hundred": (200, 1000),
    "several thousand": (2000, 10000),
    "several million": (2 * 10**6, 10**7),
    "several billion": (2 * 10**9, 10**10),
    "a few dozen": (24, None),
    "a few hundred": (200, 1000),
    "a few thousand": (2000, 10000),
    "a few million": (2 * 10**6, 10**7),
    "a few billion": (2 * 10**9, 10**10),
}
CURRENCIES = {"$": "dollars", "US$": "US dollars", "€": "euros", "£": "pounds", "¥": "yen"}
MEASUREMENT_UNITS = {
    "feet": "feet", "foot": "feet", "ft": "feet", "inches": "inches", "inch": "inches", "metres": "metres",
    "meters": "metres", "metre": "metres", "meter": "metres", "m": "metres", "kilometres": "kilometres",
    "kilometers": "kilometres", "km": "kilometres", "miles": "miles", "mile": "miles", "kilograms": "kilograms",
    "kg": "kilograms", "tonnes": "tonnes", "tons": "tonnes", "litres": "litres", "liters": "litres",
    "hectares": "hectares", "acres": "acres", "square kilometres": "square kilometres",
    "square miles": "square miles", "barrels": "barrels", "megawatts": "megawatts",
}  # fmt: skip
MEASUREMENT = re.compile(r"\s+(" + "|".join(sorted(MEASUREMENT_UNITS, key=len, reverse=True)) + r")\b")
CURRENCY_WORDS = re.compile(r"\s+(dollars|euros|pounds|yen|yuan|won|baht|rupees|francs)\b", re.IGNORECASE)
LABEL_WORDS = {
    *("no.", "no", "number", "article", "chapter", "section", "flight", "route", "room", "resolution"),
    *("highway", "apollo", "page", "paragraph", "item", "rule", "act", "amendment", "level", "grade"),
    *("class", "type", "model", "version", "phase", "stage", "category", "platform", "gate", "line"),
}
CHANGE_VERBS = re.compile(
    r"\b(?:rose|fell|increased|decreased|dropped|grew|climbed|jumped|declined|soared|plunged|rising|falling|went)\s+"
    r"(?:from\s+)?$",
    re.IGNORECASE,
)
NUMBER_OF = re.compile(r"\b[Tt]he (?:total )?number of ")


class _Number:
    """A number found in the text before it is qualified: its span, value and kind."""

    __slots__ = ("end", "high", "kind", "low", "percent", "start", "unit", "value", "word")

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,
        value: Decimal | None,
        low: Decimal | None = None,
        high: Decimal | None = None,
        unit: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind  # "digits", "words" or "vague"
        self.value = value
        self.low = low
        self.high = high
        self.unit = unit
        self.word = ""
        self.percent = False


def words_value(text: str) -> Decimal | None:
    """The value of number words: “three dozen” → 36, “one hundred and fifty” → 150."""
    total: int | Decimal = 0
    current: int | Decimal = 0
    seen = False
    for token in re.split(r"[\s-]+", text.lower()):
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            current = max(current, 1)
            continue
        if token == "half":
            current = Decimal("0.5")
            seen = True
            continue
        if token in UNITS_WORDS:
            current += UNITS_WORDS[token]
            seen = True
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
            seen = True
        elif token == "dozen":
            current = (current or 1) * 12
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
            seen = True
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0
            seen = True
        else:
            return None
    if not seen:
        return None
    return Decimal(total + current)


def digits_value(text: str) -> Decimal:
    return Decimal(re.sub(r"[, \u00a0\u202f\u2009]", "", text))


def _numbers(body: str) -> list[_Number]:
    numbers = []
    for match in ATOM.finditer(body):
        start, end = match.span()
        value: Decimal | None  # digits always have one; words may not
        if match.group("vague"):
            phrase = re.sub(r"\s+", " ", match.group("vague").lower())
            low, high = VAGUE_BOUNDS[phrase]
            number = _Number(start, end, "vague", None, Decimal(low), Decimal(high) if high else None)
            number.word = phrase
        elif match.group("digits"):
            value = digits_value(match.group("digits"))
            scale = match.group("dscale") or match.group("short")
            if match.group("short") and not match.group("currency"):
                continue  # “5m” is five metres unless it is money
            if scale:
                scale = scale.strip().lower()
                value *= SCALES.get(scale) or SHORT_SCALES[scale]
            unit = CURRENCIES.get(match.group("currency") or "", "")
            number = _Number(start, end, "digits", value, unit=unit)
            if match.group("percent"):
                number.unit = "percent"
                number.percent = True
            number.word = match.group("digits")
        else:
            text = match.group("words")
            value = words_value(text)
            if value is None or text.lower() == "one":
                continue
            number = _Number(start, end, "words", value)
            number.word = text
        numbers.append(number)
    return numbers


def _is_excluded(body: str, number: _Number) -> bool:
    """Years, dates, times, ordinals, durations, ages, labels (see the module doc)."""
    before = body[max(0, number.start - 40) : number.start]
    after = body[number.end : number.end + 40]
    if number.kind == "digits" and not number.unit:
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
        label = re.search(r"([\w.]+)\s+$", before)
        if label and (label.group(1).lower() in LABEL_WORDS):
            return True
        if re.search(r"[A-Za-z]-$", before):
            return True  # COVID-19
        if re.match(r",\s*\d{4}\b", after):
            return True  # a date: May 31, 2002
        if re.search(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*, $", before) and re.match(r",", after):
            return True  # an age: John Smith, 45,
    if re.search(r"\b(?:aged?|ages|age of)\s+$", before, re.IGNORECASE):
        return True
    unit = re.match(r"(?:\s+|-)(?:more |additional |long |old )?([A-Za-z]+)", after)
    if unit and unit.group(1).lower() in TIME_UNITS:
        return True  # five years ago, a 10-year sentence, six or seven years
    if number.kind == "vague" and re.match(
        r"\s+of\s+(?:years|months|weeks|days|hours|miles|kilometres|kilometers)\b", after
    ):
        return re.match(r"\s+of\s+(?:years|months|weeks|days|hours)\b", after) is not None
    return False


def _noun_after(body: str, end: int, sentence_end: int) -> Span | None:
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


def _noun_before(body: str, start: int, sentence_start: int) -> Span | None:
    """“brought the number of North Koreans detained … to more than 400”: the noun before."""
    found = None
    for match in NUMBER_OF.finditer(body, sentence_start, start):
        found = match
    if not found:
        return None
    return _noun_after(body, found.end(), start)


def _unit_for(noun: Span | None, current: str) -> str:
    if current or noun is None:
        return current
    last = noun.exact.split()[-1]
    lower = last.lower()
    if lower in PEOPLE_NOUNS or last in DEMONYMS:
        return "people"
    if last[0].isupper() and re.search(r"(?:ans|ese|is|ians|ers)$", last):
        return "people"  # North Koreans, Tibetans, Bangladeshis
    return ""


def find_figures(body: str, sentence_at: Callable[[int], tuple[int, int]]) -> list[FigureCandidate]:
    """Every figure of the body (see the module doc); `sentence_at` gives the sentence around an offset."""
    numbers = _numbers(body)
    figures: list[FigureCandidate] = []
    used: set[int] = set()
    index = 0
    while index < len(numbers):
        number = numbers[index]
        index += 1
        if id(number) in used:
            continue
        sentence_start, sentence_end = sentence_at(number.start)
        before = body[max(sentence_start, number.start - 40) : number.start]
        qualifier_match = QUALIFIER_BEFORE.search(before)
        qualifier = None
        start = number.start
        if qualifier_match:
            qualifier = next(name for name, _ in QUALIFIERS_BEFORE if qualifier_match.group(name))
            start = number.start - (len(before) - qualifier_match.start(1))
        end = number.end
        low, high, value = number.low, number.high, number.value
        rule = number.kind
        kind = "vague" if number.kind == "vague" else "exact"
        confidence = 0.85 if number.kind == "digits" else 0.75
        following = numbers[index] if index < len(numbers) else None

        # Hedged range: “More than 100,000, and perhaps as many as 300,000”.
        hedge = HEDGE_JOIN.match(body, number.end) if qualifier in ("more_than", "at_least") else None
        if hedge and following and following.start == hedge.end() and following.value is not None:
            low, high, value = number.value, following.value, None
            kind, rule, end = "range", "hedged range", following.end
            used.add(id(following))
            index += 1
            qualifier = None
        else:
            between = re.search(r"\bbetween\s+$", before, re.IGNORECASE)
            join = re.compile(r"\s+and\s+") if between else RANGE_JOIN
            joined = join.match(body, number.end)
            if (
                joined
                and following
                and following.start == joined.end()
                and number.value is not None
                and following.value is not None
                and number.kind != "vague"
                and following.kind != "vague"
                and not CHANGE_VERBS.search(before)
            ):
                first, second = number.value, following.value
                if (
                    first < second / 1000
                    and following.kind == "digits"
                    and re.search(r"\s(?:million|billion|thousand)", body[following.start : following.end])
                ):
                    scale = second / digits_value(re.sub(r"\D.*$", "", following.word) or "1")
                    first = first * scale
                if first < second:
                    low, high, value = first, second, None
                    kind, rule, end = "range", "range", following.end
                    if between:
                        start = number.start - (len(before) - between.start())
                        qualifier = None
                    used.add(id(following))
                    index += 1
        after = QUALIFIER_AFTER.match(body, end)
        if after and kind == "exact":
            words = after.group().strip(" -").lower()
            qualifier = {"or so": "approximately", "or more": "at_least", "or fewer": "up_to", "or less": "up_to"}.get(
                words, "at_least"
            )
            end = after.end()
        probe = _Number(start, end, number.kind, value)
        probe.word = number.word
        probe.unit = number.unit
        if _is_excluded(body, probe if kind != "range" else _Number(number.start, end, number.kind, value)):
            continue
        if not number.unit and kind in ("exact", "range") and _back_reference(body, start, end, sentence_end):
            continue
        if qualifier and kind == "vague":
            kind = "vague"  # “more than hundreds” keeps its vague bounds
        elif qualifier and kind == "exact":
            kind = qualifier
        unit = number.unit
        currency_word = CURRENCY_WORDS.match(body, end)
        if currency_word and not unit:
            unit = currency_word.group(1).lower()
        measurement = MEASUREMENT.match(body, end)
        if measurement and not unit:
            unit = MEASUREMENT_UNITS[measurement.group(1)]
        noun = _noun_after(body, end, sentence_end) if not unit or unit == "people" else None
        if noun is None and not unit:
            noun = _noun_before(body, start, sentence_start)
        if number.kind == "words" and noun is None and not unit and kind == "exact" and re.search(r"\bof\s+$", before):
            continue  # “a father of two”, “one of three”: no count of its own
        value, low, high = (_plain(v) for v in _bounds(kind, value, low, high))
        figures.append(
            FigureCandidate(
                span=Span.of(body, start, end),
                qualifier=kind,
                value=value,
                low=low,
                high=high,
                unit=_unit_for(noun, unit),
                noun=noun,
                speaker=None,
                claim=None,
                confidence=confidence if noun is not None or unit else confidence - 0.15,
                rule=rule,
            )
        )
    return figures


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
