"""Help with anchoring in the add forms of claims, figures, mentions and roles.

The anchoring service (facts/services/anchoring.py) matches a quote character for character
and refuses one that occurs several times or not at all. The add form then helps the editor
choose instead of leaving them with offsets:

- a quote (or an attribution) that occurs several times gets a picker: each occurrence with
  the words around it, as radio choices of the offset field (`start`, `attribution_start`);
- a quote not found gets the closest passages of the article, each a button that records the
  fact with that passage in one click (`_use_passage`).

Closeness: the quote and the body are normalised (curly quotes and primes become straight
ones, dashes a hyphen, every run of whitespace one space, letters lower case), then every
window of whole words of the body, as many words as the quote (one fewer or one more; also
without the punctuation at its ends when the quote has none there), is scored with difflib's
SequenceMatcher ratio (2 × matching characters / total characters) against the quote.
Windows scoring at least CLOSENESS_THRESHOLD are offered, best first, at most MAX_SUGGESTIONS
that do not overlap. A quote differing only in its quotation marks scores 1; one word off in
a ten-word quote scores about 0.9; an unrelated sentence below 0.5.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from facts.services.anchoring import find_occurrences

CLOSENESS_THRESHOLD = 0.75
MAX_SUGGESTIONS = 3
CONTEXT_WORDS = 8
# Past these sizes the search would keep the editor waiting; the form then only says "not found".
MAX_BODY_SEARCHED = 300_000
MAX_QUOTE_SEARCHED = 2_000
USE_PASSAGE = "_use_passage"
# The offset field that picks an occurrence of each quote field.
OFFSET_FIELDS = {"exact": "start", "attribution_exact": "attribution_start"}

PUNCTUATION = set(".,;:!?\"'()[]")
FOLDED = {
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("‐‑‒–—―", "-"),
}


@dataclass(frozen=True)
class Passage:
    """A span of the body, with a few words on each side."""

    start: int
    end: int
    before: str
    exact: str
    after: str
    score: float = 1.0


def _context(body: str, start: int, end: int) -> Passage:
    before_words = body[max(0, start - 200) : start].split(" ")
    after_words = body[end : end + 200].split(" ")
    before = " ".join(before_words[-CONTEXT_WORDS:]) if len(before_words) > 1 else body[max(0, start - 60) : start]
    after = " ".join(after_words[:CONTEXT_WORDS]) if len(after_words) > 1 else body[end : end + 60]
    return Passage(start, end, before, body[start:end], after)


def occurrences(body: str, exact: str) -> list[Passage]:
    """Every place `exact` occurs in the body, each with the words around it."""
    return [_context(body, start, start + len(exact)) for start in find_occurrences(body, exact)]


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as closeness compares it (see the module doc), and each character's offset in the original."""
    chars: list[str] = []
    positions: list[int] = []
    after_space = True  # leading whitespace is dropped
    for index, char in enumerate(text):
        char = FOLDED.get(char, char)
        if char.isspace():
            if after_space:
                continue
            char, after_space = " ", True
        else:
            after_space = False
            lower = char.lower()
            char = lower if len(lower) == 1 else char
        chars.append(char)
        positions.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    return "".join(chars), positions


def _trimmed(text: str, wanted: str, start: int, end: int) -> list[tuple[int, int]]:
    """A window, and the same window without the punctuation at its ends that the quote does not have."""
    windows = [(start, end)]
    trimmed_start, trimmed_end = start, end
    if wanted[0] not in PUNCTUATION:
        while trimmed_start < trimmed_end and text[trimmed_start] in PUNCTUATION:
            trimmed_start += 1
    if wanted[-1] not in PUNCTUATION:
        while trimmed_end > trimmed_start and text[trimmed_end - 1] in PUNCTUATION:
            trimmed_end -= 1
    if (trimmed_start, trimmed_end) != (start, end) and trimmed_start < trimmed_end:
        windows.append((trimmed_start, trimmed_end))
    return windows


def closest_passages(body: str, quote: str) -> list[Passage]:
    """The passages of the body closest to `quote` (see the module doc), best first."""
    wanted, _ = normalise(quote)
    if not wanted or len(body) > MAX_BODY_SEARCHED or len(quote) > MAX_QUOTE_SEARCHED:
        return []
    text, positions = normalise(body)
    words = [match.span() for match in re.finditer(r"\S+", text)]
    size = len(wanted.split(" "))
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted)
    scored: list[tuple[float, int, int]] = []
    for count in {max(1, size - 1), size, size + 1}:
        for first in range(len(words) - count + 1):
            for start, end in _trimmed(text, wanted, words[first][0], words[first + count - 1][1]):
                matcher.set_seq1(text[start:end])
                # The cheap upper bounds first: most windows are far off.
                if matcher.real_quick_ratio() < CLOSENESS_THRESHOLD or matcher.quick_ratio() < CLOSENESS_THRESHOLD:
                    continue
                score = matcher.ratio()
                if score >= CLOSENESS_THRESHOLD:
                    scored.append((score, positions[start], positions[end - 1] + 1))
    chosen: list[Passage] = []
    for score, start, end in sorted(scored, key=lambda item: (-item[0], item[1])):
        if any(start < other.end and other.start < end for other in chosen):
            continue
        chosen.append(Passage(**{**_context(body, start, end).__dict__, "score": score}))
        if len(chosen) == MAX_SUGGESTIONS:
            break
    return chosen


class OccurrencePicker(forms.RadioSelect):
    """The offset field as a choice among the occurrences of its quote (labels are safe HTML)."""


def _occurrence_label(number: int, passage: Passage) -> SafeString:
    return format_html(
        '<span class="occurrence-number">{}.</span> <span class="occurrence-context">…{}<mark class="passage '
        'passage-claim">{}</mark>{}…</span> <span class="occurrence-offset">(at {})</span>',
        number,
        passage.before,
        passage.exact,
        passage.after,
        passage.start,
    )


def _set_help(form: forms.BaseForm, name: str, help_text: str) -> None:
    form.fields[name].help_text = help_text
    # The form's bound field, made while validating, keeps its own copy.
    form[name].help_text = help_text


def _offer_picker(form: forms.BaseForm, field: str, body: str, exact: str) -> None:
    found = occurrences(body, exact)
    offset_field = form.fields.get(OFFSET_FIELDS[field])
    if offset_field is None or len(found) < 2:
        return
    offset_field.widget = OccurrencePicker(
        choices=[(passage.start, _occurrence_label(number, passage)) for number, passage in enumerate(found, 1)]
    )
    _set_help(form, OFFSET_FIELDS[field], "The text occurs more than once: choose the occurrence you mean, then save.")
    form.anchoring_help = True  # type: ignore[attr-defined]


def _suggestions(field: str, passages: list[Passage]) -> SafeString:
    buttons = format_html_join(
        "",
        '<li><button type="submit" name="{}" value="{}:{}:{}" class="use-passage">Use this passage</button> '
        '<span class="occurrence-context">…{}<mark class="passage passage-claim">{}</mark>{}…</span> '
        '<span class="occurrence-offset">({} alike, at {})</span></li>',
        ((USE_PASSAGE, field, p.start, p.end, p.before, p.exact, p.after, f"{p.score:.0%}", p.start) for p in passages),
    )
    return format_html(
        '<div class="closest-passages"><p>The closest passages of the article (compared without regard to quotation '
        "marks, dashes, spacing or case); one click records the fact with that passage:</p><ol>{}</ol></div>",
        buttons,
    )


def _offer_suggestions(form: forms.BaseForm, field: str, body: str, quote: str) -> None:
    passages = closest_passages(body, quote)
    if passages:
        _set_help(form, field, _suggestions(field, passages))
        form.anchoring_help = True  # type: ignore[attr-defined]


def offer_help(form: forms.BaseForm, error: ValidationError, data: dict[str, Any]) -> None:
    """After the service refused the passage: a picker or the closest passages, on the fields concerned."""
    article = data.get("article")
    if article is None or not hasattr(error, "error_dict"):
        return
    for field in OFFSET_FIELDS:
        codes = {item.code for item in error.error_dict.get(field, [])}
        quote = data.get(field)
        if not quote:
            continue
        if "quote_ambiguous" in codes:
            _offer_picker(form, field, article.body, quote)
        elif "quote_not_found" in codes:
            _offer_suggestions(form, field, article.body, quote)


def use_passage(data: dict[str, Any], sent: str | None) -> None:
    """Apply a "Use this passage" button's choice (`<field>:<start>:<end>`) to the form's values."""
    match = re.fullmatch(r"(exact|attribution_exact):(\d{1,12}):(\d{1,12})", sent or "")
    article = data.get("article")
    if match is None or article is None:
        return
    field, start, end = match[1], int(match[2]), int(match[3])
    if not 0 <= start < end <= len(article.body):
        return  # the service then refuses the typed quote as before
    data[field] = article.body[start:end]
    data[OFFSET_FIELDS[field]] = start
    if field == "exact":
        # The offset chooses the occurrence; a prefix or suffix typed for the old quote would only refuse it.
        data["prefix"] = data["suffix"] = None
