"""An article body as HTML, with every recorded passage highlighted by type.

Passages may overlap (a figure inside a claim, a mention inside a role), so the body is cut
at every passage boundary and each piece is wrapped in one `<mark>` per passage covering
it: the marks always nest properly, however the passages cross. The first piece of a
passage carries its anchor (`id="passage-<type>-<pk>"`), the text of each piece links to
the innermost record covering it, and a small labelled link after each passage's last
piece leads to that record, so even a passage covered entirely by others is reachable.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

KINDS = {
    # kind: (label, marker, nesting order: outer kinds first for equal spans)
    "claim": ("claim", "C", 0),
    "attribution": ("attribution", "A", 1),
    "figure": ("figure", "F", 2),
    "role": ("role", "R", 3),
    "mention": ("mention", "M", 4),
}


@dataclass(frozen=True)
class Highlight:
    """One passage to highlight: its span, its type, and the page of its record."""

    kind: str
    pk: int
    start: int
    end: int
    url: str
    description: str

    @property
    def anchor(self) -> str:
        return f"passage-{self.kind}-{self.pk}"

    @property
    def title(self) -> str:
        return f"{KINDS[self.kind][0].capitalize()} {self.pk}: {self.description}"

    def sort_key(self) -> tuple[int, int, int, int]:
        return (self.start, -self.end, KINDS[self.kind][2], self.pk)


def highlight_body(body: str, highlights: Iterable[Highlight]) -> SafeString:
    """The body, HTML-escaped, with a `<mark>` per passage per piece (see the module doc)."""
    highlights = sorted(highlights, key=Highlight.sort_key)
    cuts = sorted({0, len(body), *(h.start for h in highlights), *(h.end for h in highlights)})
    html: list[str] = []
    for piece_start, piece_end in pairwise(cuts):
        text = body[piece_start:piece_end]
        # Outermost first: sorted by start, then longest first.
        covering = [h for h in highlights if h.start <= piece_start and piece_end <= h.end]
        if not covering:
            html.append(format_html("{}", text))
            continue
        for highlight in covering:
            first = highlight.start == piece_start
            html.append(
                format_html(
                    '<mark class="passage passage-{kind}{continued}"{id} data-passage="{anchor}" title="{title}">',
                    kind=highlight.kind,
                    continued="" if first else " passage-continued",
                    id=format_html(' id="{}"', highlight.anchor) if first else "",
                    anchor=highlight.anchor,
                    title=highlight.title,
                )
            )
        html.append(format_html('<a class="passage-text" href="{}">{}</a>', covering[-1].url, text))
        for highlight in reversed(covering):
            html.append("</mark>")
            if highlight.end == piece_end:
                html.append(
                    format_html(
                        '<a class="passage-ref passage-ref-{kind}" href="{url}" title="{title}" '
                        'aria-label="{title}">{marker}{pk}</a>',
                        kind=highlight.kind,
                        url=highlight.url,
                        title=highlight.title,
                        marker=KINDS[highlight.kind][1],
                        pk=highlight.pk,
                    )
                )
    return mark_safe("".join(html))
