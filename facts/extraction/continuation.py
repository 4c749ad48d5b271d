"""The speaker of a quote with no reporting clause of its own, read from the sentences before it.

Wire copy often lets a speaker go on in a sentence of its own, after narration about them; with
the paragraph breaks removed, only the sentence structure shows whose words they are:

- `"We tried," Jane Hale said. Ms Hale has farmed here for 20 years. "It is a scandal."`: the
  sentences since the last named speaker's words name nobody else, so the quote is theirs;
- `Asked about the delay, Jane Hale blamed the council. "They never listened to us."`: the
  sentence before is about one person (named, or a pronoun that resolves to one), who goes on.

The quote must open its sentence (a quote inside a sentence of narration has a reason of its own
to be there), and the look-back stops at an unnamed source (`a witness said …`: the quote after
is the witness's, who has no name) and at a sentence naming several people, where nothing says
which of them speaks. The confidence is low (0.5): an editor should look.
"""

from facts.extraction.actor_state import Entity
from facts.extraction.candidates import Speaker
from facts.extraction.lexicon import PRONOUNS
from facts.extraction.speakers import SpeakerFinder
from facts.extraction.text import Document, Quote

LOOK_BACK = 3
"""How many sentences back the speaker of a quote with no reporting clause may have been named."""

CONFIDENCE = 0.5


def speaker_named_before(document: Document, finder: SpeakerFinder, quote: Quote) -> tuple[Speaker, float] | None:
    """Whose words a sentence-opening quote with no attribution is (see the module doc), or None."""
    index = document.sentence_index(quote.open)
    if index == 0 or document.sentence_at(quote.open)[0] != quote.open:
        return None
    window_start = document.sentences[max(0, index - LOOK_BACK)][0]
    last = next(((p, s) for p, s in reversed(finder.speaker_events) if p < quote.open), None)
    for back in range(1, min(LOOK_BACK, index) + 1):
        start, end = document.sentences[index - back]
        if last is not None and start <= last[0] < end:
            return _the_speaker(last[1], _people_in(document, finder, start, end))
        people = _people_in(document, finder, start, end)
        if len(people) > 1:
            return None  # several people: nothing says which of them goes on
        if people:
            if last is not None and last[0] >= window_start and last[1].type == "group":
                return None
            return Speaker("person", people[0].name), CONFIDENCE
    return None


def _the_speaker(speaker: Speaker, people: list[Entity]) -> tuple[Speaker, float] | None:
    """The speaker of the sentence before, when it is named and nobody else is named in it."""
    if speaker.type not in ("person", "organization"):
        return None  # an unnamed source (“a witness said”): their words have no name
    if any(person.name != speaker.name for person in people):
        return None
    return speaker, CONFIDENCE


def _people_in(document: Document, finder: SpeakerFinder, start: int, end: int) -> list[Entity]:
    """The distinct people named (outside quotations) in body[start:end], or the one its
    subject pronoun (“She now lives in a tent.”) refers to."""
    found: dict[int, Entity] = {}
    for span, entity in finder.actors.mentions_within(start, end):
        if entity.type == "person" and not document.in_quote(span.start):
            found.setdefault(id(entity), entity)
    if found:
        return list(found.values())
    for token in document.parse.tokens_in(start, end):
        pronoun = token.text.lower()
        if token.dep == "nsubj" and PRONOUNS.get(pronoun) in ("m", "f") and not document.in_quote(token.start):
            resolved = finder.resolve_pronoun(pronoun, token.start)
            return [e for e in finder.actors.entities if resolved and e.type == "person" and e.name == resolved.name][
                :1
            ]
    return []
