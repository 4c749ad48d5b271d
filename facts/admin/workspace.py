"""The article page as the editors' working surface: the text with its highlights, the facts as cards.

The page shows the article's text with every recorded passage and every pending proposal
highlighted, and beside it one card per record or proposal, in the order of the text: its
type, who is speaking (by name), its kind, status and review. The script served with the
page (facts/static/facts/workspace.js) links each card with its highlight both ways, and
turns a selection of the text into the add form of a claim, figure, mention or role with
the selection's offsets. A pending proposal's card posts to the proposal's accept and
reject views (facts/admin/proposals.py).

Everything is read in a fixed number of queries, whatever the number of facts
(tests/admin/test_workspace.py pins it).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse

from facts.admin.common import change_url, changelist_url
from facts.admin.extractions import extraction_summary
from facts.admin.highlight import Highlight, highlight_body
from facts.admin.proposals import describe
from facts.models import Article, Claim, Extraction, Figure, Proposal
from facts.numbers import decimal_text

ADD_FORMS = ("claim", "figure", "mention", "role")
EXCERPT_LENGTH = 160


@dataclass
class Card:
    """One record or proposal as the page shows it beside the text."""

    key: str
    kind: str
    heading: str
    exact: str
    start: int
    url: str
    status: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)
    review_url: str = ""
    # For a pending proposal: the accept and reject views.
    accept_url: str = ""
    reject_url: str = ""

    @property
    def excerpt(self) -> str:
        return self.exact if len(self.exact) <= EXCERPT_LENGTH else f"{self.exact[: EXCERPT_LENGTH - 1]}…"


def speaker_name(record: Claim | Figure) -> str:
    """Who is speaking, in words: a name, a group's own words, or the article's own voice."""
    speaker = record.speaker
    if speaker is None:
        return "the article's own voice"
    return f"“{speaker}”" if isinstance(speaker, str) else str(speaker)


def _claim_cards(article: Article, highlights: list[Highlight]) -> list[Card]:
    cards = []
    for claim in article.claims.select_related("speaker_person", "speaker_organization").order_by("start"):
        speaker = speaker_name(claim)
        kind = claim.get_kind_display()
        card = Card(f"claim-{claim.pk}", "claim", "Claim", claim.exact, claim.start, change_url(claim))
        card.status = claim.get_review_status_display()
        card.details = [("speaker", speaker), ("kind", kind)]
        card.review_url = reverse("admin:facts_claim_review", args=[claim.pk])
        highlights.append(Highlight("claim", claim.pk, claim.start, claim.end, f"{kind}, {speaker}"))
        # A stored claim has all three attribution fields or none (facts_claim_attribution_is_a_span).
        if claim.attribution_start is not None and claim.attribution_end is not None:
            attribution = Highlight(
                "attribution",
                claim.pk,
                claim.attribution_start,
                claim.attribution_end,
                f"attributes the claim to {speaker}",
                card=card.key,
            )
            highlights.append(attribution)
            card.details.append(("attributed by", claim.attribution_exact or ""))
        cards.append(card)
    return cards


def _amount(figure: Figure) -> str:
    if figure.value is not None:
        amount = decimal_text(figure.value) or ""
    else:
        amount = f"{decimal_text(figure.low) or '…'}–{decimal_text(figure.high) or '…'}"
    return f"{figure.get_qualifier_display()} {amount}{f' {figure.unit}' if figure.unit else ''}"


def _figure_cards(article: Article, highlights: list[Highlight]) -> list[Card]:
    cards = []
    figures = article.figures.select_related("measure", "speaker_person", "speaker_organization").order_by("start")
    for figure in figures:
        measure = str(figure.measure) if figure.measure else "no measure"
        highlights.append(Highlight("figure", figure.pk, figure.start, figure.end, f"{_amount(figure)}, {measure}"))
        card = Card(f"figure-{figure.pk}", "figure", "Figure", figure.exact, figure.start, change_url(figure))
        card.details = [("value", _amount(figure)), ("measure", measure), ("speaker", speaker_name(figure))]
        cards.append(card)
    return cards


def _actor_cards(article: Article, highlights: list[Highlight]) -> list[Card]:
    cards = []
    for role in article.roles.select_related("person", "organization", "affiliation").order_by("start"):
        highlights.append(Highlight("role", role.pk, role.start, role.end, str(role)))
        card = Card(f"role-{role.pk}", "role", "Role", role.exact, role.start, change_url(role))
        card.details = [("holder", str(role.holder)), ("title", role.title)]
        if role.affiliation:
            card.details.append(("at", str(role.affiliation)))
        cards.append(card)
    for mention in article.mentions.select_related("person", "organization").order_by("start"):
        actor = mention.actor
        highlights.append(Highlight("mention", mention.pk, mention.start, mention.end, str(actor)))
        card = Card(f"mention-{mention.pk}", "mention", "Mention", mention.exact, mention.start, change_url(mention))
        card.details = [("names", f"{actor} ({actor._meta.verbose_name})")]
        cards.append(card)
    return cards


def _proposal_cards(article: Article, highlights: list[Highlight]) -> list[Card]:
    cards = []
    for proposal in article.proposals.pending().order_by("start", "end", "kind"):
        proposed = describe(proposal)
        highlights.append(Highlight("proposal", proposal.pk, proposal.start, proposal.end, f"proposed: {proposed}"))
        card = Card(
            f"proposal-{proposal.pk}",
            "proposal",
            f"Proposed {proposal.get_kind_display()}",
            proposal.exact,
            proposal.start,
            change_url(proposal),
            "pending",
            [("proposed", proposed), ("confidence", f"{proposal.confidence:.2f}")],
            accept_url=reverse("admin:facts_proposal_accept", args=[proposal.pk]),
            reject_url=reverse("admin:facts_proposal_reject", args=[proposal.pk]),
        )
        cards.append(card)
    return cards


def extraction_status(article: Article) -> dict[str, Any]:
    """Where the article's extraction job stands (read with the article), and what its proposals became."""
    try:
        job = extraction_summary(article.extraction)
    except Extraction.DoesNotExist:
        job = extraction_summary(None)
    totals = article.proposals.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=Proposal.Status.PENDING)),
        accepted=Count("pk", filter=Q(status=Proposal.Status.ACCEPTED)),
        rejected=Count("pk", filter=Q(status=Proposal.Status.REJECTED)),
    )
    return {**totals, "job": job, "list_url": changelist_url(Proposal, article__id__exact=article.pk)}


def article_workspace(request: HttpRequest, article: Article) -> dict[str, Any]:
    """The template context of the working surface: the highlighted text, the cards, what the editor may add."""
    highlights: list[Highlight] = []
    cards = [
        *_claim_cards(article, highlights),
        *_figure_cards(article, highlights),
        *_actor_cards(article, highlights),
        *_proposal_cards(article, highlights),
    ]
    cards.sort(key=lambda card: (card.start, card.kind))
    may_review = request.user.has_perm("facts.change_proposal")
    add_urls = {
        kind: reverse(f"admin:facts_{kind}_add") for kind in ADD_FORMS if request.user.has_perm(f"facts.add_{kind}")
    }
    return {
        "article": article,
        "body": highlight_body(article.body, highlights),
        "cards": cards,
        "counts": {kind: sum(1 for card in cards if card.kind == kind) for kind in (*ADD_FORMS, "proposal")},
        "add_urls": add_urls,
        "may_review": may_review,
        "extraction": extraction_status(article),
    }
