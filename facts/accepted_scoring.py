"""Scoring what the database holds for an article against the curated fixtures.

The comparison itself is facts.extraction.scoring's (the same keys, the same matching);
this module reads the records an article has after editors accepted proposals, so the
whole path (ingest, extraction, acceptance through the services) can be measured.
"""

from decimal import Decimal
from pathlib import Path

from facts import services
from facts.extraction.candidates import Speaker
from facts.extraction.scoring import (
    Item,
    Names,
    Score,
    actor_items,
    compare,
    empty_items,
    figure_item,
    fixture_articles,
    load_names,
    quote_items,
    reference_items,
    span_label,
)
from facts.models import Article, Claim, Figure, Mention, Proposal, Role


def _speaker(record: Claim | Figure) -> Speaker | None:
    if record.speaker_person is not None:
        return Speaker("person", record.speaker_person.name)
    if record.speaker_organization is not None:
        return Speaker("organization", record.speaker_organization.name)
    if record.speaker_group is not None:
        return Speaker("group", record.speaker_group)
    return None


def _plain(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def database_items(article: Article, names: Names) -> dict[str, list[Item]]:
    """The article's recorded claims, figures, people, organizations, mentions and roles, as items."""
    items = empty_items()
    for claim in Claim.objects.filter(article=article).select_related("speaker_person", "speaker_organization"):
        who = names.speaker(_speaker(claim))
        if claim.kind == "direct_quote":
            quote_items(items, claim.start, claim.exact, who)
        elif claim.kind == "paraphrase":
            label = f"{span_label(claim.exact, claim.start)} by {who}"
            items["paraphrases"].append(Item((who,), label, (claim.start, claim.end)))
    for figure in Figure.objects.filter(article=article):
        bounds = [_plain(figure.value), _plain(figure.low), _plain(figure.high)]
        items["figures"].append(figure_item(figure.start, figure.exact, figure.qualifier, bounds))
    actors: dict[str, set[str]] = {"person": set(), "organization": set()}
    for mention in Mention.objects.filter(article=article).select_related("person", "organization"):
        kind = "person" if mention.person_id else "organization"
        actor = mention.actor
        name = names.of(kind, actor.name, *actor.aliases)
        actors[kind].add(name)
        items["mentions"].append(
            Item((kind, name), span_label(mention.exact, mention.start), (mention.start, mention.end))
        )
    actor_items(items, actors)
    for role in Role.objects.filter(article=article).select_related("person", "organization"):
        kind = "person" if role.person_id else "organization"
        holder = role.holder
        name = names.of(kind, holder.name, *holder.aliases)
        items["roles"].append(Item((kind, name), span_label(role.exact, role.start), (role.start, role.end)))
    return items


def ingest_accept_and_score(directory: Path) -> dict[str, Score]:
    """Ingest every fixture article's text, accept every proposal, and score what was recorded.

    Writes to the database: run it inside a transaction that is rolled back, on a database
    that does not hold these articles yet.
    """
    names = load_names(directory)
    scores: dict[str, Score] = {}
    ingested = []
    for stem, body, facts in fixture_articles(directory):
        # Extracted here, not by a worker: the caller's transaction is rolled back, so no worker would see it.
        article, created = services.article_ingest(body=body, extract=False)
        if not created:
            raise ValueError(f"{stem} is already stored: score against a database without the fixture articles.")
        services.article_extract(article=article)
        ingested.append((stem, body, facts, article))
    services.proposals_accept(proposals=list(Proposal.objects.filter(article__in=[a for *_, a in ingested])), user=None)
    for stem, body, facts, article in ingested:
        compare(scores, stem, reference_items(facts, body, names), database_items(article, names))
    return scores
