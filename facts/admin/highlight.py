"""An article body as HTML, with every recorded (or proposed) passage highlighted by type.

Passages may overlap (a figure inside a claim, a mention inside a role), so the body is cut
at every passage boundary and each piece is wrapped in one `<mark>` per passage covering
it: the marks always nest properly, however the passages cross. The first piece of a
passage carries its anchor (`id="passage-<type>-<pk>"`); every piece carries the passage's
key (`data-passage`), which the workspace script uses to link it with its card.

In the workspace highlights are not links, and nothing but the body's own text is written:
the text of the HTML is the body, character for character, so an editor can select and copy a
quote, and the script can turn a selection into offsets in the body. The readers' pages
(facts/public/) give each highlight the `url` of its record's page: the text of each piece
is then a link to the innermost passage covering it, and still nothing but the body's text.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

KINDS = {
    # kind: (label, nesting order: outer kinds first for equal spans)
    "claim": ("claim", 0),
    "attribution": ("attribution", 1),
    "figure": ("figure", 2),
    "role": ("role", 3),
    "mention": ("mention", 4),
    "proposal": ("proposal", 5),
}


@dataclass(frozen=True)
class Highlight:
    """One passage to highlight: its span, its type, and the card (`key`) it belongs to."""

    kind: str
    pk: int
    start: int
    end: int
    description: str
    # The card of the record: an attribution belongs to its claim's card.
    card: str = ""
    # The page of the record, on the readers' pages; none in the workspace.
    url: str = ""

    @property
    def anchor(self) -> str:
        return f"passage-{self.kind}-{self.pk}"

    @property
    def key(self) -> str:
        return self.card or f"{self.kind}-{self.pk}"

    @property
    def title(self) -> str:
        return f"{KINDS[self.kind][0].capitalize()}: {self.description}"

    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.start, -self.end, KINDS[self.kind][1], self.pk)


def highlight_body(body: str, highlights: Iterable[Highlight]) -> SafeString:
    """The body, HTML-escaped, with a `<mark>` per passage per piece (see the module doc)."""
    highlights = sorted(highlights, key=Highlight.sort_key)
    cuts = sorted({0, len(body), *(h.start for h in highlights), *(h.end for h in highlights)})
    html: list[str] = []
    for piece_start, piece_end in pairwise(cuts):
        # Outermost first: sorted by start, then longest first.
        covering = [h for h in highlights if h.start <= piece_start and piece_end <= h.end]
        for highlight in covering:
            first = highlight.start == piece_start
            html.append(
                format_html(
                    '<mark class="passage passage-{kind}{continued}"{id} data-passage="{key}" title="{title}">',
                    kind=highlight.kind,
                    continued="" if first else " passage-continued",
                    id=format_html(' id="{}"', highlight.anchor) if first else "",
                    key=highlight.key,
                    title=highlight.title,
                )
            )
        text = body[piece_start:piece_end]
        if covering and covering[-1].url:
            html.append(format_html('<a class="passage-text" href="{}">{}</a>', covering[-1].url, text))
        else:
            html.append(format_html("{}", text))
        html.append("</mark>" * len(covering))
    return mark_safe("".join(html))
