"""Attributions around a quote: the reporting words after it (`"…," said X`) or before it
(`X said: "…"`), with the speaker they give.
"""

import re
from typing import cast

from facts.extraction.candidates import Span, Speaker
from facts.extraction.lexicon import (
    ADVERBS_AFTER_VERB,
    PARAPHRASE_ONLY_VERBS,
    REPORTING_VERBS,
)
from facts.extraction.reporting import (
    NAMING_VERBS,
    SIGN_BEFORE,
    VERB_OCCURRENCE,
    VERB_PHRASE,
    Attribution,
    _is_noun_or_infinitive,
)
from facts.extraction.speakers import SpeakerFinder
from facts.extraction.text import Quote


class AttributionFinder(SpeakerFinder):
    """Finds the attribution of a quote (see the module doc)."""

    def attribution_after(self, quote: Quote) -> Attribution | None:
        """`"…," said X` / `"…," X said`: reporting words right after a quote."""
        if quote.close is None:
            return None
        content_end = self.body[quote.end - 1]
        after_start = quote.close + 1
        rest = self.body[after_start : after_start + 200]
        comma = cast(re.Match[str], re.match(r"\s*,?\s*", rest))  # matches always, if only ""
        if content_end not in ",?!…—-" and not rest.startswith(","):
            return None
        if not rest[: comma.end()].strip() and not rest[:1].isspace():
            return None
        position = after_start + comma.end()
        # Inverted: said X.
        inverted = re.match(rf"({VERB_PHRASE})(?: (?:{'|'.join(ADVERBS_AFTER_VERB)}))?\s+", self.body[position:])
        if inverted and inverted.group(1) in REPORTING_VERBS and inverted.group(1) not in PARAPHRASE_ONLY_VERBS:
            speaker_start = position + inverted.end()
            speaker_end = self._speaker_phrase_end(speaker_start)
            if speaker_end is not None:
                resolved = self.speaker_of(speaker_start, speaker_end, speaker_start)
                if resolved is not None and resolved[0] is not None:
                    speaker, confidence, _ = resolved
                    named_end = self._named_end(speaker_start, speaker_end)
                    span = Span.of(self.body, position, named_end)
                    return Attribution(span, speaker, confidence, "inverted attribution after the quote", position)
        # Normal order: X said.
        _, sentence_end = self.document.sentence_at(quote.open)
        verb = VERB_OCCURRENCE.search(self.body, position, min(sentence_end, position + 120))
        if verb and not self.document.in_quote(verb.start()) and not _is_noun_or_infinitive(self.body, verb):
            between = self.body[position : verb.start()]
            if re.search(r"[\"“”‘’!?;:]", between) or (len(between.split()) > 6 and "," not in between):
                return None
            if "," in between.strip(", ") and not re.search(r",[^,]+,\s*$", between):
                return None
            if verb.group() in PARAPHRASE_ONLY_VERBS:
                return None
            resolved = self.speaker_of(position, verb.start(), position)
            if resolved is not None and resolved[0] is not None:
                speaker, confidence, _ = resolved
                end = verb.end()
                span = Span.of(self.body, position, end)
                return Attribution(span, speaker, confidence, "attribution after the quote", position)
        return None

    def _speaker_phrase_end(self, start: int) -> int | None:
        """Where the speaker named after an inverted verb ends: at the end of a name (after its
        title: “said Senator Tom Bridges of Ohio”), or the clause."""
        found = self.mention_starts.get(start)
        if found is not None:
            return found[0].end
        title = self._title_starting_at(start)
        if title is not None:
            return title
        match = re.match(r"[^,.;:!?\"“”‘’()]{1,80}", self.body[start:])
        if not match:
            return None
        return start + len(match.group().rstrip())

    def _named_end(self, start: int, end: int) -> int:
        found = self.mention_starts.get(start)
        if found is not None:
            return found[0].end
        title = self._title_starting_at(start)
        return title if title is not None else end

    def _title_starting_at(self, start: int) -> int | None:
        """The end of the name that a role written at `start` comes before, if one does."""
        for span, entity, _, _ in self.actors.mentions:
            if start < span.start <= start + 60:
                role = self.actors.role_spans.get(span.start - 1)
                if role is not None and role[0].start == start and role[1] is entity:
                    return span.end
        return None

    def attribution_before(self, quote: Quote) -> Attribution | None:
        """`X says, "…"` / `According to X, "…"` / signs reading `"…"`: reporting words before a quote."""
        sentence_start, _ = self.document.sentence_at(quote.open)
        before = self.body[sentence_start : quote.open]
        if not before.strip():
            return self._attribution_ending_previous_paragraph(quote)
        signs = self._signs_reading(sentence_start, before)
        if signs is not None:
            return signs
        introduced = self._introduced_by_colon(quote, sentence_start, before)
        if introduced is not None:
            return introduced
        according = re.search(r"\b[Aa]ccording to ([^,]{2,80}),\s*$", before)
        if according:
            start = sentence_start + according.start(1)
            end = sentence_start + according.end(1)
            resolved = self.speaker_of(start, end, start)
            if resolved is not None and resolved[0] is not None:
                span = Span.of(self.body, sentence_start + according.start(), end)
                return Attribution(span, resolved[0], resolved[1], "according to, before the quote", span.start)
        verb = None
        for match in VERB_OCCURRENCE.finditer(before):
            verb = match
        if verb is None:
            return None
        quoted = self.body[quote.start : quote.end]
        if verb.group() in NAMING_VERBS and not re.search(r"[.!?,]$", quoted) and len(quoted.split()) < 4:
            return None  # “Activists call it the 'underground railroad'”: a name for something, not words said
        tail = before[verb.end() :]
        # `X said: "…"`, or a quoted fragment inside reported speech: `X told jurors that he
        # had been “made a scapegoat”`.
        if not re.fullmatch(r"(?: [^,.;:\"“”]{0,40})?[,:]?\s*", tail) and not re.fullmatch(
            r" [^,.;:\"“”]{0,60}\bthat [^,.;:\"“”]{0,60}", tail
        ):
            return None
        verb_start = sentence_start + verb.start()
        subject = self.subject_before(verb_start)
        if subject is None:
            return None
        resolved = self.speaker_of(subject[0], subject[1], subject[0])
        if resolved is None or resolved[0] is None:
            return None
        speaker, confidence, start = resolved
        span = Span.of(self.body, start, sentence_start + verb.end())
        return Attribution(span, speaker, confidence, "attribution before the quote", start)

    def _signs_reading(self, sentence_start: int, before: str) -> Attribution | None:
        """`the group was carrying signs reading "…"`: whoever carries them."""
        signs = SIGN_BEFORE.search(before)
        if not signs:
            return None
        subject = self.subject_before(sentence_start + signs.start())
        if subject is None:
            return None
        resolved = self.speaker_of(subject[0], subject[1], subject[0])
        if resolved is None or resolved[0] is None:
            return None
        end = sentence_start + len(before[: signs.end()].rstrip(" ,:"))
        span = Span.of(self.body, resolved[2], end)
        return Attribution(span, resolved[0], 0.6, "signs reading a quote", resolved[2])

    def _introduced_by_colon(self, quote: Quote, sentence_start: int, before: str) -> Attribution | None:
        """`Win is blunt about the stakes: "…"`: a sentence about a named person (or a pronoun for
        one) that introduces the quote with a colon, with no reporting verb."""
        if not re.search(r":\s*$", before) or VERB_OCCURRENCE.search(before):
            return None
        clause_start = self._skip_blank(sentence_start)
        subject = self.mention_starts.get(clause_start)
        pronoun = re.match(r"(He|She)\b", self.body[clause_start : clause_start + 4])
        speaker: Speaker | None
        if subject is not None:
            speaker = Speaker(subject[1].type, subject[1].name)
        elif pronoun is not None:
            speaker = self.resolve_pronoun(pronoun.group(1).lower(), clause_start)
        else:
            return None
        if speaker is None:
            return None
        end = sentence_start + len(before.rstrip())
        span = Span.of(self.body, clause_start, end - 1)
        return Attribution(span, speaker, 0.7, "a sentence about the speaker introducing the quote", clause_start)

    def _attribution_ending_previous_paragraph(self, quote: Quote) -> Attribution | None:
        """`X explained:` ending a paragraph, the quote opening the next."""
        paragraph = self.document.paragraph_index(quote.open)
        if paragraph == 0 or self.document.paragraphs[paragraph][0] != quote.open:
            return None
        p_start, p_end = self.document.paragraphs[paragraph - 1]
        text = self.body[p_start:p_end].rstrip()
        if not text.endswith(":"):
            return None
        verb = None
        for match in VERB_OCCURRENCE.finditer(self.body, p_start, p_start + len(text)):
            verb = match
        if verb is None or self.document.in_quote(verb.start()):
            return None
        subject = self.subject_before(verb.start())
        if subject is None:
            return None
        resolved = self.speaker_of(subject[0], subject[1], subject[0])
        if resolved is None or resolved[0] is None:
            return None
        span = Span.of(self.body, resolved[2], verb.end())
        return Attribution(span, resolved[0], resolved[1] - 0.1, "attribution ending the paragraph before", span.start)
