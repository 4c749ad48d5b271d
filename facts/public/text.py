"""Article text for readers: a passage in its context, and a body with its passages highlighted."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString

from facts.admin.highlight import Highlight, highlight_body
from facts.models import Article, Claim, Figure, Mention, Role

CONTEXT_CHARS = 300
"""How much text around a passage its page shows, at most, each side: about two sentences."""


@dataclass(frozen=True)
class InContext:
    """A passage and the text around it, as the page shows them (`cut_*`: the text goes on)."""

    before: str
    exact: str
    after: str
    cut_before: bool
    cut_after: bool


def passage_in_context(record: Claim | Figure, *, whole_body: bool) -> InContext:
    """The passage with up to CONTEXT_CHARS of its paragraph each side, cut at a word.

    Without `whole_body` (a reader who may not read the article's text) only the passage's
    own prefix and suffix are shown, as the API gives them.
    """
    if not whole_body:
        return InContext(record.prefix, record.exact, record.suffix, True, True)
    body = record.article.body
    before = body[max(0, record.start - CONTEXT_CHARS) : record.start]
    after = body[record.end : record.end + CONTEXT_CHARS]
    cut_before = record.start - len(before) > 0
    cut_after = record.end + len(after) < len(body)
    if "\n" in before:
        before, cut_before = before.rsplit("\n", 1)[1], False
    elif cut_before and " " in before:
        before = before.split(" ", 1)[1]
    if "\n" in after:
        after, cut_after = after.split("\n", 1)[0], False
    elif cut_after and " " in after:
        after = after.rsplit(" ", 1)[0]
    return InContext(before, record.exact, after, cut_before, cut_after)


def _page(name: str, pk: int | None, anchor: str = "") -> str:
    return f"{reverse(f'public:{name}', kwargs={'pk': pk})}{anchor}" if pk is not None else anchor


def article_highlights(
    article: Article, claims: list[Claim], figures: list[Figure], roles: list[Role], mentions: list[Mention]
) -> list[Highlight]:
    """Every passage shown on the article's page, each linking to the public page of what it records."""
    highlights = []
    for claim in claims:
        speaker = claim.speaker or "the article's own voice"
        url = _page("claim", claim.pk)
        description = f"{claim.get_kind_display()}, {speaker}; {claim.get_review_status_display()}"
        highlights.append(Highlight("claim", claim.pk, claim.start, claim.end, description, url=url))
        if claim.attribution_start is not None and claim.attribution_end is not None:
            highlights.append(
                Highlight(
                    "attribution",
                    claim.pk,
                    claim.attribution_start,
                    claim.attribution_end,
                    f"attributes claim {claim.pk} to {speaker}",
                    url=url,
                )
            )
    for figure in figures:
        url = _page("measure", figure.measure_id) if figure.measure_id else f"#passage-figure-{figure.pk}"
        description = f"{figure.get_qualifier_display()}, {figure.measure or 'no measure'}"
        highlights.append(Highlight("figure", figure.pk, figure.start, figure.end, description, url=url))
    for role in roles:
        highlights.append(Highlight("role", role.pk, role.start, role.end, str(role), url=_actor_page(role)))
    for mention in mentions:
        highlights.append(
            Highlight("mention", mention.pk, mention.start, mention.end, str(mention.actor), url=_actor_page(mention))
        )
    return highlights


def _actor_page(record: Role | Mention) -> str:
    if record.person_id is not None:
        return _page("person", record.person_id)
    return _page("organization", record.organization_id)


def highlighted_body(article: Article, highlights: list[Highlight]) -> SafeString:
    """The article's body, escaped, with each passage marked (facts/admin/highlight.py, with public links)."""
    return highlight_body(article.body, highlights)
