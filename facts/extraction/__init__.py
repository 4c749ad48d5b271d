"""Automatic extraction: candidate people, organizations, roles, quotes, paraphrases and figures.

`extract(body)` reads an article body and returns an `Extraction` of candidates, each with
exact spans of the body (`body[start:end] == exact`, offsets in code points). It is a hybrid:
a statistical pipeline (spaCy, facts.extraction.nlp: tokens, tags, the dependency parse and
named entities, from an installed model package, never the network) under the project's own
rules for quotation marks, attributions and figures. It imports nothing from Django, and is
deterministic (the same body always gives the same candidates in the same order). Editors accept, correct or
reject the candidates (facts.services: proposal_accept, proposal_reject).

The patterns covered are documented where they are implemented, and listed together in
facts/extraction/README.md:

- facts.extraction.actors: people and organizations, short references, roles;
- facts.extraction.attribution: direct quotes with speakers, attributed paraphrases;
- facts.extraction.figures: numbers with qualifiers, bounds and counted nouns;
- facts.extraction.text, facts.extraction.quotes: paragraphs, quotation marks paired by
  structure, and sentences;
- facts.extraction.nlp: the spaCy pipeline, loaded once per process; facts.extraction.recognized,
  syntax and coreference: what the rules read from its names, parse and structure.

Raise EXTRACTOR_VERSION whenever what the rules propose changes: proposals are stored per
version, so re-running a newer extractor proposes again without touching earlier reviews.
"""

from collections.abc import Iterable

from facts.extraction.actors import finalize_roles, find_actors
from facts.extraction.attribution import find_claims
from facts.extraction.candidates import (
    ActorCandidate,
    ClaimCandidate,
    Extraction,
    FigureCandidate,
    MentionCandidate,
    RoleCandidate,
    Span,
    Speaker,
)
from facts.extraction.figures import find_figures
from facts.extraction.nlp import Parse, analyse
from facts.extraction.text import Document

EXTRACTOR_VERSION = "hybrid-3"
"""The version of the extractor (the rules and the spaCy model under them); stored with every proposal."""

__all__ = [
    "EXTRACTOR_VERSION",
    "ActorCandidate",
    "ClaimCandidate",
    "Extraction",
    "FigureCandidate",
    "MentionCandidate",
    "RoleCandidate",
    "Span",
    "Speaker",
    "extract",
    "extract_all",
]


def extract(body: str, parse: Parse | None = None) -> Extraction:
    """Every candidate found in an article body; `parse` is the model's reading of it
    (facts.extraction.nlp.analyse), made here when not given."""
    document = Document(body, parse if parse is not None else analyse([body])[0])
    actors = find_actors(document)
    claims = find_claims(document, actors)
    figures = [_attach_to_claim(figure, claims) for figure in find_figures(body, document.sentence_at)]
    people_and_organizations, mentions = actors.candidates()
    return Extraction(
        actors=tuple(people_and_organizations),
        mentions=tuple(mentions),
        roles=tuple(sorted(finalize_roles(actors), key=lambda role: (role.span.start, role.span.end))),
        claims=tuple(claims),
        figures=tuple(figures),
    )


def extract_all(bodies: Iterable[str]) -> list[Extraction]:
    """`extract` for many bodies at once, in order: the model reads them in one `nlp.pipe`."""
    bodies = list(bodies)
    return [extract(body, parse) for body, parse in zip(bodies, analyse(bodies), strict=True)]


def _attach_to_claim(figure: FigureCandidate, claims: list[ClaimCandidate]) -> FigureCandidate:
    """A figure inside a statement is given by that statement's speaker (the innermost one)."""
    containing = [claim for claim in claims if claim.span.contains(figure.span)]
    if not containing:
        return figure
    claim = min(containing, key=lambda c: c.span.end - c.span.start)
    return FigureCandidate(
        span=figure.span,
        qualifier=figure.qualifier,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        unit=figure.unit,
        noun=figure.noun,
        speaker=claim.speaker,
        claim=claim.span,
        confidence=figure.confidence,
        rule=figure.rule,
    )
