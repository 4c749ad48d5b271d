"""Quotation marks and the quote they bound: shared by the text structure and the quote pairing."""

from dataclasses import dataclass

DOUBLE_OPEN = "“"
DOUBLE_CLOSE = "”"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
OPENING_CONTEXT = frozenset(" \t\n([{—–-/")
CLOSING_CONTEXT = frozenset(" \t\n,.;:!?)]}—–-…")


@dataclass(frozen=True, slots=True)
class Quote:
    """Words inside quotation marks.

    `start`/`end` bound the words (without the marks and without surrounding blanks);
    `open` is the opening mark's index; `close` the closing mark's, or None when the
    quote runs on into the next paragraph (news style: no closing mark at the end of a
    paragraph, an opening mark at the start of the next). `continues` says this quote
    opens such a next paragraph. `kind` is "double" or "single".
    """

    open: int
    start: int
    end: int
    close: int | None
    kind: str
    continues: bool = False

    @property
    def outer_end(self) -> int:
        """Just past the closing mark (or the words, when the quote runs on)."""
        return self.end if self.close is None else self.close + 1


def strip_span(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end
