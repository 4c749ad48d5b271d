"""Who said what: direct quotes with their speakers, and attributed paraphrases.

Direct quotes are the words inside quotation marks (straight or typographic, double or
single; several sentences; a quote over several paragraphs). Their speaker comes from:

- an attribution after the quote, inverted or not: `"…," said X`, `"…," added Mr. Flake`,
  `"…?" asks Mr. Flake`, `"…," explains Ms. Newland`, `"…," X said`, `"…," he said`,
  `"…," Mr. Flake went on to say`;
- an attribution before it: `X says, "…"`, `X said: "…"`, `According to X, "…"`,
  `the group was carrying signs reading "…"` (signs, banners, placards);
- the quote before it, when it continues the same speaker's words: the second half of a
  split quote (`"…," added Mr. Flake. "And …"`), the next item of a list (`"…," and "…"`),
  a quote running on into the next paragraph, or a paragraph that is all quote right after
  a paragraph ending with that speaker's quote;
- a pronoun (`he says`, `she said`) resolves to the last person named before it when that
  is unambiguous: the person most recently named, of a compatible form of address (Mr. is
  “he”, Ms. is “she”), with no other compatible person named in that sentence; “they”
  resolves to the last group that spoke, “it” to the last organization or statement.

A short quotation without any attribution (under four words, no sentence inside:
`the 'underground railroad'`) is a term or a scare quote, not a statement, and is left out.

Paraphrases are statements attributed with a reporting verb but no quotation marks:
`Mr. Flake says China has turned a blind eye …`, `Some activists estimate that …`,
`…, but, he says, orchestrating …`, `According to Gordon Flake, …`, `…, according to X.`.
The passage is the statement without the attribution words and the final period; a
statement that continues past an inner attribution stops before it.

A speaker is a person or organization when the attribution names one (a mention found by
facts.extraction.actors, with any role in apposition), otherwise a group in the text's
own words (“Some international activists”, “a Chinese Foreign Ministry official”); a later
“The diplomat” resolves to the earlier group “A South Korean diplomat”."""

import re
from typing import cast

from facts.extraction import continuation, syntax
from facts.extraction.actors import Actors
from facts.extraction.attributions import AttributionFinder
from facts.extraction.candidates import ClaimCandidate, Span, Speaker
from facts.extraction.paraphrases import (
    _according_to,
    _cut_at_inner_attributions,
    _paraphrase,
)
from facts.extraction.reporting import (
    ACCORDING_TO,
    VERB_OCCURRENCE,
    Attribution,
)
from facts.extraction.text import Document, Quote


def find_claims(document: Document, actors: Actors) -> list[ClaimCandidate]:
    finder = AttributionFinder(document, actors)
    events: list[tuple[int, str, Quote | re.Match[str]]] = [(quote.open, "quote", quote) for quote in document.quotes]
    for match in VERB_OCCURRENCE.finditer(document.body):
        if not document.in_quote(match.start()):
            events.append((match.start(), "verb", match))
    for match in ACCORDING_TO.finditer(document.body):
        if not document.in_quote(match.start()):
            events.append((match.start(), "according", match))
    events.sort(key=lambda event: event[0])

    quotes: list[tuple[Quote, Attribution | None, ClaimCandidate | None]] = []
    paraphrases: list[tuple[ClaimCandidate, int]] = []  # with the start of their attribution's subject
    quote_attributions: set[int] = set()
    for _, kind, item in events:
        if kind == "quote":
            quote = cast(Quote, item)
            attribution = finder.attribution_after(quote) or finder.attribution_before(quote)
            claim = _quote_claim(document, finder, quote, attribution, quotes)
            if attribution is not None:
                quote_attributions.add(attribution.span.end)
            quotes.append((quote, attribution, claim))
            if claim is not None:
                finder.note_speaker(quote.open, claim.speaker)
        elif kind == "verb":
            match = cast(re.Match[str], item)
            if any(a is not None and a.span.start <= match.start() < a.span.end for _, a, _ in quotes[-2:]):
                continue
            found = _paraphrase(document, finder, match)
            if found is not None:
                paraphrases.append(found)
                finder.note_speaker(match.start(), found[0].speaker)
        else:
            match = cast(re.Match[str], item)
            found = _according_to(document, finder, match)
            if found is not None:
                paraphrases.append(found)
                finder.note_speaker(match.start(), found[0].speaker)

    claims = [claim for _, _, claim in quotes if claim is not None]
    claims.extend(_cut_at_inner_attributions(document, paraphrases))
    claims.sort(key=lambda claim: (claim.span.start, claim.span.end))
    unique: dict[tuple[int, int], ClaimCandidate] = {}
    for claim in claims:
        unique.setdefault((claim.span.start, claim.span.end), claim)
    return list(unique.values())


def _quote_claim(
    document: Document,
    finder: AttributionFinder,
    quote: Quote,
    attribution: Attribution | None,
    previous: list[tuple[Quote, Attribution | None, ClaimCandidate | None]],
) -> ClaimCandidate | None:
    body = document.body
    span = Span.of(body, quote.start, quote.end)
    if attribution is not None:
        return ClaimCandidate(
            span, "direct_quote", attribution.speaker, attribution.span, attribution.confidence, attribution.rule
        )
    inherited = _inherited(document, quote, previous)
    if inherited is not None:
        claim, confidence, rule = inherited
        return ClaimCandidate(span, "direct_quote", claim.speaker, claim.attribution, confidence, rule)
    if syntax.is_title(span.exact):
        return None  # a show, a book, a campaign: “on ABC's "This Week."”
    parsed = _speaker_by_parse(document, finder, quote) or _speaker_of_previous_sentence(document, finder, quote)
    if parsed is not None:
        speaker, confidence = parsed
        return ClaimCandidate(span, "direct_quote", speaker, None, confidence, "quote under a verb of speech (parse)")
    continued = continuation.speaker_named_before(document, finder, quote)
    if continued is not None:
        speaker, confidence = continued
        return ClaimCandidate(span, "direct_quote", speaker, None, confidence, "quote going on from a named speaker")
    words = span.exact.split()
    if len(words) < 4 or not re.search(r"[.!?,]\W*$|[.!?] ", span.exact):
        return None  # a term or a scare quote: “the 'underground railroad'”
    return ClaimCandidate(span, "direct_quote", None, None, 0.3, "quote without attribution")


def _speaker_of_previous_sentence(
    document: Document, finder: AttributionFinder, quote: Quote
) -> tuple[Speaker, float] | None:
    """`Mr Gutnick said … he expected the result to unite the club. "It shouldn't divide …"`: a
    quote with no attribution of its own, right after a sentence a named person or
    organization is reported saying, is theirs."""
    sentence = document.sentence_index(quote.open)
    if sentence == 0 or document.sentence_at(quote.open)[0] != quote.open:
        return None
    previous_start, previous_end = document.sentences[sentence - 1]
    for position, speaker in reversed(finder.speaker_events):
        if position < previous_start:
            break
        if position < previous_end and speaker.type in ("person", "organization"):
            return speaker, 0.6
    return None


def _speaker_by_parse(document: Document, finder: AttributionFinder, quote: Quote) -> tuple[Speaker, float] | None:
    """The subject of the verb of speech the quoted words hang from (facts.extraction.syntax)."""
    verb = syntax.speech_verb_over(document.parse, quote.start, quote.end)
    if verb is None or document.sentence_index(verb.start) != document.sentence_index(quote.open):
        return None
    subject = syntax.subject_of(document.parse, verb)
    if subject is None:
        return None
    read = finder.speaker_of(subject[0], subject[1], quote.open)
    if read is None or read[0] is None or read[0].type == "group":
        return None
    return read[0], min(0.8, read[1] - 0.1)


def _inherited(
    document: Document, quote: Quote, previous: list[tuple[Quote, Attribution | None, ClaimCandidate | None]]
) -> tuple[ClaimCandidate, float, str] | None:
    """The claim of the quote this one continues, if it continues one (see the module doc)."""
    if not previous:
        return None
    last_quote, last_attribution, last_claim = previous[-1]
    if last_claim is None or last_claim.speaker is None:
        return None
    body = document.body
    between = body[last_quote.outer_end : quote.open]
    if quote.continues:
        return last_claim, last_claim.confidence - 0.05, "quote running on into the next paragraph"
    same_paragraph = document.paragraph_index(last_quote.open) == document.paragraph_index(quote.open)
    if same_paragraph:
        if re.fullmatch(r"[\s,;:]*(?:and|or)?\s*", between):
            return last_claim, last_claim.confidence - 0.1, "next quote in a list"
        if last_attribution is not None and last_attribution.span.start >= last_quote.outer_end:
            # `"…," added Mr. Flake. "And …"`: only the attribution (and a role) in between.
            sentence_of_quote = document.sentence_index(quote.open)
            sentence_of_attribution = document.sentence_index(last_attribution.span.start)
            if sentence_of_quote == sentence_of_attribution + 1 or sentence_of_quote == sentence_of_attribution:
                return last_claim, last_claim.confidence - 0.05, "split quote continued after its attribution"
        return None
    paragraph = document.paragraph_index(quote.open)
    p_start, p_end = document.paragraphs[paragraph]
    previous_paragraph = document.paragraph_index(last_quote.open)
    if (
        previous_paragraph == paragraph - 1
        and quote.open == p_start
        and quote.outer_end >= p_end - 1
        and last_claim.speaker.type == "person"
        and not body[last_quote.outer_end : document.paragraphs[previous_paragraph][1]]
        .strip(" .,")
        .replace(last_claim.attribution.exact if last_claim.attribution else "\0", "")
        .strip(" .,")
    ):
        return last_claim, 0.5, "paragraph of quotation after the same speaker's quote"
    return None
