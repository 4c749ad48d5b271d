"""The number grammar under the figures: digits, number words, vague quantities, fractions.

`numbers(body)` finds every number-like phrase with its value before anything decides whether
it is a figure (facts.extraction.figures does): digits with separators and scales (“300,000”,
“1.5 million”, “$2bn”, “A$9,500”, “US$3”), number words (“seven”, “twenty-five”, “a dozen”,
“half a million”), vague quantities (“dozens”, “tens of thousands”), fractions (“half”,
“one-tenth”, “two-thirds”, “a quarter of”) and `a`/`an` as one with its unit (“up to a foot
of snow”, “more than an hour”).
"""

import re
from decimal import Decimal

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
FRACTIONS = {"half": "0.5", "third": "0.3333", "thirds": "0.3333", "quarter": "0.25", "quarters": "0.25",
             "fifth": "0.2", "fifths": "0.2", "tenth": "0.1", "tenths": "0.1"}  # fmt: skip
FRACTION = (
    r"(?:one|two|three|four|nine)-(?:thirds?|quarters?|fifths?|tenths?)"
    r"|(?:a|one) (?:third|quarter|fifth|tenth)(?= of\b)|half(?![\w-])"
)
UNIT_NOUNS = (
    r"second|minute|hour|day|night|week|month|year|decade|century|foot|inch|yard|metre|meter|mile"
    r"|kilometre|kilometer|kilogram|kilo|tonne|ton|litre|liter|hectare|acre"
)
CURRENCY_MARK = r"A\$|AU\$|US\$|C\$|NZ\$|HK\$|S\$|\$|€|£|¥"
ATOM = re.compile(
    rf"(?<![\w.,/:$€£¥])(?<![^\W\d_]-)(?:(?P<vague>{VAGUE})\b"
    rf"|(?P<currency>{CURRENCY_MARK})?(?P<digits>{DIGITS})(?:(?P<dscale>\s(?:{SCALE})\b)|(?P<short>(?:k|m|mn|bn|b|tn)\b))?"
    rf"(?P<percent>\s?%)?"
    rf"|(?P<fraction>{FRACTION})"
    rf"|(?P<words>(?:(?:a|an|half a) (?:{SCALE}|dozen)|{WORD_NUMBER})"
    rf"(?:[ -](?:and )?(?:{WORD_NUMBER}|{SCALE}|dozen))*)\b"
    rf"|(?P<article>a|an)(?= (?:{UNIT_NOUNS})\b)"
    rf"|(?P<times>once|twice)\b)",
    re.IGNORECASE,
)
PERCENT_WORD = re.compile(r"\s(?:percent|per cent|percentage points?)\b", re.IGNORECASE)
QUALIFIERS_BEFORE = [
    ("more_than", r"more than|just over|over|upwards of|in excess of|above"),
    ("at_least", r"at least|no fewer than|no less than|a minimum of|not less than"),
    ("up_to", r"up to|within|a maximum of|maximum of|a maximum"),
    ("as_many_as", r"as many as|as much as"),
    ("fewer_than", r"fewer than|less than|under|below"),
    ("approximately", r"about|around|roughly|approximately|some|an estimated|estimated|nearly|almost|close to"
     r"|just under|an approximate|approx\.|circa|c\.|the best part of|the better part of"),
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
CURRENCIES = {
    "$": "dollars", "US$": "US dollars", "A$": "Australian dollars", "AU$": "Australian dollars",
    "C$": "Canadian dollars", "NZ$": "New Zealand dollars", "HK$": "Hong Kong dollars", "S$": "Singapore dollars",
    "€": "euros", "£": "pounds", "¥": "yen",
}  # fmt: skip
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
    r"(?:from\s+|(?:up\s+|down\s+)?by\s+)?$",
    re.IGNORECASE,
)
LEVEL_VERBS = re.compile(
    r"\b(?:go|goes|going|went|gone|rise|rises|rising|rose|risen|climb|climbs|climbed|jump|jumped|increase|increased"
    r"|lift|lifted|push|pushed|raise|raised)\s+$",
    re.IGNORECASE,
)
"""`would go up to $8`: “up to” after a verb of change names the level reached, not an upper bound."""
NUMBER_OF = re.compile(r"\b[Tt]he (?:total )?number of ")


class Number:
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
        self.kind = kind  # "digits", "words", "one", "vague", "fraction", "article" or "times" (once, twice)
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


def numbers(body: str) -> list[Number]:
    """Every number-like phrase of the body, in order (see the module doc)."""
    found = []
    for match in ATOM.finditer(body):
        number = _number(body, match)
        if number is not None:
            found.append(number)
    return found


def _number(body: str, match: re.Match[str]) -> "Number | None":
    start, end = match.span()
    if match.group("vague"):
        phrase = re.sub(r"\s+", " ", match.group("vague").lower())
        low, high = VAGUE_BOUNDS[phrase]
        number = Number(start, end, "vague", None, Decimal(low), Decimal(high) if high else None)
    elif match.group("digits"):
        return _digits(body, match)
    elif match.group("fraction"):
        word = match.group("fraction").lower()
        number = Number(start, end, "fraction", Decimal(FRACTIONS[re.split(r"[ -]", word)[-1]]))
        if word.split("-")[0] in UNITS_WORDS and word.split("-")[0] != "one":
            number.value = (number.value or Decimal(0)) * UNITS_WORDS[word.split("-")[0]]
    elif match.group("article"):
        number = Number(start, end, "article", Decimal(1))
    elif match.group("times"):
        number = Number(start, end, "times", Decimal(1 if match.group("times").lower() == "once" else 2))
    else:
        value = words_value(match.group("words"))
        if value is None:
            return None
        number = Number(start, end, "one" if match.group("words").lower() == "one" else "words", value)
    number.word = match.group().lower()
    return number


def _digits(body: str, match: re.Match[str]) -> "Number | None":
    value = digits_value(match.group("digits"))
    scale = match.group("dscale") or match.group("short")
    if match.group("short") and not match.group("currency"):
        return None  # “5m” is five metres unless it is money
    if scale:
        scale = scale.strip().lower()
        value *= SCALES.get(scale) or SHORT_SCALES[scale]
    number = Number(*match.span(), "digits", value, unit=CURRENCIES.get(match.group("currency") or "", ""))
    number.word = match.group("digits")
    if match.group("percent"):
        number.unit, number.percent = "percent", True
    elif PERCENT_WORD.match(body, match.end()):
        number.unit, number.percent = "percent", True  # “5 per cent”: the unit word stays outside the span
    return number
