"""Finding where a quote sits in an article body: the anchoring every passage write shares.

Every anchored record (claim, figure, mention, role) is created from its article and the
exact text of its passage; `anchor_quote` finds where that text sits in the body. The
text is matched character for character: nothing is trimmed or normalised, and offsets
that disagree with the text are refused rather than corrected.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from facts.models import CONTEXT_LENGTH, Article, validate_storable_text

MAX_CANDIDATES_LISTED = 10


@dataclass(frozen=True)
class Anchor:
    """A span of an article body, with the text in and around it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def as_fields(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}


def _describe_article(article: Article) -> str:
    if article.pk is None:  # not stored yet: an article of a batch (services/imports.py)
        return f"the article (“{article}”)"
    return f"article {article.pk} (“{article}”)"


def _quote_for_message(text: str) -> str:
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")


def _refusal(message: str, code: str, key: str) -> ValidationError:
    return ValidationError({key: ValidationError(message, code=code)})


def _at_offsets(article: Article, exact: str, start: int | None, end: int | None, field: str) -> list[int]:
    """The one candidate that offsets pin, once they are checked against the text."""
    body = article.body
    start = start if start is not None else end - len(exact)  # type: ignore[operator]
    end = end if end is not None else start + len(exact)
    if start < 0 or end <= start:
        raise _refusal(
            f"The offsets {start}–{end} are not a span: start must be at least 0 and below end.",
            "bad_offsets",
            "start",
        )
    if end - start != len(exact):
        raise _refusal(
            f"The offsets {start}–{end} span {end - start} characters but the quote has {len(exact)}.",
            "offsets_mismatch",
            "end",
        )
    if end > len(body):
        raise _refusal(
            f"The offsets {start}–{end} run past the end of {_describe_article(article)}, "
            f"which has {len(body)} characters.",
            "offsets_out_of_range",
            "end",
        )
    if body[start:end] != exact:
        raise _refusal(
            f"The text of {_describe_article(article)} at {start}–{end} is {_quote_for_message(body[start:end])}, "
            f"not the quote {_quote_for_message(exact)}.",
            "offsets_mismatch",
            field,
        )
    return [start]


def _occurrences(article: Article, exact: str, field: str) -> list[int]:
    """Every place the quote occurs; refused when there is none."""
    candidates = find_occurrences(article.body, exact)
    if not candidates:
        raise _refusal(
            f"The quote {_quote_for_message(exact)} does not occur in {_describe_article(article)}. "
            "Copy it exactly as it stands in the article: it is matched character for character, "
            "including spaces, quotation marks and case.",
            "quote_not_found",
            field,
        )
    return candidates


def _only_one(article: Article, exact: str, candidates: list[int], field: str) -> int:
    """The one candidate left; refused, listing them, when there are several."""
    if not candidates:
        raise _refusal(
            f"The quote {_quote_for_message(exact)} occurs in {_describe_article(article)}, but not with the given "
            "prefix/suffix around it.",
            "context_mismatch",
            field,
        )
    if len(candidates) > 1:
        listed = ", ".join(f"{s}–{s + len(exact)}" for s in candidates[:MAX_CANDIDATES_LISTED])
        more = f" and {len(candidates) - MAX_CANDIDATES_LISTED} more" if len(candidates) > MAX_CANDIDATES_LISTED else ""
        raise _refusal(
            f"The quote {_quote_for_message(exact)} occurs {len(candidates)} times in {_describe_article(article)}, "
            f"at {listed}{more}. Give start (one of these offsets), or a prefix or suffix, to choose one.",
            "quote_ambiguous",
            field,
        )
    return candidates[0]


def anchor_quote(
    *,
    article: Article,
    exact: str,
    start: int | None = None,
    end: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    field: str = "exact",
) -> Anchor:
    """Find `exact` in the article body and return its span.

    `start` (and `end`) pin an occurrence and must agree with the text; otherwise the
    quote must occur once, or `prefix`/`suffix` (text just before/after it) must pick
    one occurrence. Raises ValidationError, keyed by `field`, saying what went wrong
    and listing the candidate offsets when the quote is ambiguous.
    """
    if not exact:
        raise _refusal("The quote is empty; give the exact text of the passage.", "quote_empty", field)
    check_storable(field, exact)
    body = article.body
    if start is not None or end is not None:
        candidates = _at_offsets(article, exact, start, end, field)
    else:
        candidates = _occurrences(article, exact, field)
    if prefix:
        candidates = [s for s in candidates if body[:s].endswith(prefix)]
    if suffix:
        candidates = [s for s in candidates if body[s + len(exact) :].startswith(suffix)]
    chosen = _only_one(article, exact, candidates, field)
    chosen_end = chosen + len(exact)
    return Anchor(
        start=chosen,
        end=chosen_end,
        exact=exact,
        prefix=body[max(0, chosen - CONTEXT_LENGTH) : chosen],
        suffix=body[chosen_end : chosen_end + CONTEXT_LENGTH],
    )


def anchor_attribution(*, article: Article, exact: str | None, start: int | None = None) -> dict[str, Any]:
    """A claim's attribution fields for the words that attribute it (none when `exact` is None)."""
    if exact is None:
        return {}
    found = anchor_quote(article=article, exact=exact, start=start, field="attribution_exact")
    return {"attribution_start": found.start, "attribution_end": found.end, "attribution_exact": found.exact}


def find_occurrences(body: str, text: str) -> list[int]:
    """Every offset where `text` starts in `body`, overlapping occurrences included."""
    found = []
    position = body.find(text)
    while position != -1:
        found.append(position)
        position = body.find(text, position + 1)
    return found


def check_storable(field: str, text: str) -> None:
    """Refuse text the database cannot store as it is (NUL, lone surrogates), keyed by `field`."""
    try:
        validate_storable_text(text)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from None
