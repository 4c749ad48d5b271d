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
“The diplomat” resolves to the earlier group “A South Korean diplomat”.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from facts.extraction import coreference, syntax
from facts.extraction.actors import Actors, Entity
from facts.extraction.candidates import ClaimCandidate, Span, Speaker
from facts.extraction.lexicon import (
    ADVERBS_AFTER_VERB,
    ADVERBS_BEFORE_VERB,
    AUXILIARIES,
    DETERMINERS,
    IRREGULAR_VERBS,
    NOUN_OR_VERB,
    ORG_NOUNS,
    PARAPHRASE_ONLY_VERBS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_ONLY_VERBS,
    REPORTING_VERBS,
    SIGN_NOUNS,
    SPEECH_VERBS,
)
from facts.extraction.text import Document, Quote

VERB = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
VERB_PHRASE = rf"(?:went on to (?:say|add|explain|note)|(?:{VERB}))"
WORD_OR_WENT_ON = re.compile(r"\bwent on to (?:say|add|explain|note)\b|\b[a-z]+\b")


class _VerbOccurrences:
    """Reporting verbs in a text: its lowercase words looked up in REPORTING_VERBS.

    The same interface as a compiled pattern's `finditer` and `search`, but one pass over
    the words with a set lookup each, rather than an alternation of every verb.
    """

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        for match in WORD_OR_WENT_ON.finditer(text, pos, len(text) if endpos is None else endpos):
            word = match.group()
            if word in REPORTING_VERBS or word.startswith("went on"):
                yield match

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)


VERB_OCCURRENCE = _VerbOccurrences()
ACCORDING_TO = re.compile(r"\b[Aa]ccording to ")
SIGN_BEFORE = re.compile(
    r"(?:was |were |is |are )?(?:carrying|holding|waving|displaying|raising|carried|held|waved|displayed|raised) "
    r"(?:a |the |some )?(?:" + "|".join(sorted(SIGN_NOUNS)) + r") "
    r"(?:reading|saying|that read|that said|which read|with the words)[,:]?\s*$"
)
TRAILING_PUNCTUATION = ".!?…"
MAX_SPEAKER_WORDS = 12
NEEDS_THAT = frozenset({"find", "finds", "found", "show", "shows", "showed"})
NAMING_VERBS = frozenset(
    {"call", "calls", "called", "describe", "describes", "described", "dub", "dubs", "dubbed", "term", "terms"}
    | {"termed"}
)
LEADING_SUBORDINATORS = re.compile(
    r"(?:(?:And|But|Yet|So|Or|and|but|yet|so|or|Then|then|Now|now|Though|though|Although|although|While|while|"
    r"As|as|Because|because|Since|since|If|if|When|when|Whereas|whereas|After|after)\s+)+"
)


@dataclass
class Attribution:
    """Reporting words and the speaker they give, found around a quote or before a statement."""

    span: Span
    speaker: Speaker | None
    confidence: float
    rule: str
    subject_start: int  # where the speaker's words begin (for cutting an outer statement)


class AttributionFinder:
    def __init__(self, document: Document, actors: Actors) -> None:
        self.document = document
        self.body = document.body
        self.actors = actors
        # (position, Speaker, gender) of every resolved speaker, for pronouns.
        self.speaker_events: list[tuple[int, Speaker]] = []
        self.groups: list[tuple[int, str]] = []
        self.mention_starts = {span.start: (span, entity) for span, entity, _, _ in actors.mentions}
        self.uncertain = False

    # Speakers ---------------------------------------------------------------------------

    def speaker_of(self, start: int, end: int, position: int) -> tuple[Speaker | None, float, int] | None:
        """Read the words body[start:end] as a speaker: (speaker, confidence, where it begins).

        None when they cannot be a speaker (too long, or not a noun phrase).
        """
        text = self.body[start:end]
        # Leading conjunctions and trailing adverbs or auxiliaries are not the speaker.
        lead = LEADING_SUBORDINATORS.match(text)
        if lead:
            start += lead.end()
            text = text[lead.end() :]
        while True:
            tail = re.search(r"\s+(\w+)$", text)
            if tail and (tail.group(1).lower() in ADVERBS_BEFORE_VERB or tail.group(1).lower() in AUXILIARIES):
                text = text[: tail.start()]
                end = start + len(text)
                continue
            break
        text = text.strip()
        if not text:
            return None
        lower = text.lower()
        if lower in PRONOUNS:
            self.uncertain = False
            speaker = self.resolve_pronoun(lower, start)
            return speaker, (0.55 if self.uncertain else 0.7) if speaker else 0.0, start
        # A named person or organization, possibly with a role in apposition around it.
        named = self._named(start, end)
        if named is not None:
            entity, named_start = named
            speaker = Speaker(entity.type, entity.name)
            return speaker, 0.9, named_start
        words = text.split()
        if len(words) > MAX_SPEAKER_WORDS:
            return None
        if words[0].lower() in PREPOSITIONS or any(w.lower() in ("is", "are", "was", "were") for w in words):
            return None
        if not (words[0].lower() in DETERMINERS or words[0][0].isupper() or words[0][0].isalpha()):
            return None
        back = re.fullmatch(r"(?:[Tt]he|[Tt]his|[Tt]hat) ([a-z][\w-]*)", text)
        if back:
            # “the ministry”, “the airline”: the organization last named of that kind; “The diplomat”: the group.
            organizations = [(s, e) for s, e in self.actors.mentions_within(0, start) if e.type == "organization"]
            described = coreference.described(back.group(1), organizations)
            if described is not None:
                return Speaker("organization", described.name), 0.6, start
            for _, group in reversed(self.groups):
                if group.split()[-1].lower() == back.group(1):
                    return Speaker("group", group), 0.6, start
        return Speaker("group", text), 0.7, start

    def _named(self, start: int, end: int) -> tuple[Entity, int] | None:
        """The person or organization the words name, when nothing else could be the speaker.

        The words may be the name alone, the name with a role in apposition after it
        (“Gordon Flake, executive director of …,”), or a role before it (“One outspoken
        activist, German doctor Norbert Vollertsen,”; “A refugee aid group in Seoul, Good
        Friends,”).
        """
        inside = self.actors.mentions_within(start, end)
        if not inside:
            return None
        last_span, last_entity = inside[-1]
        if last_entity.type == "organization" and not self.body[last_span.end : end].strip(" ,"):
            # “the UN refugee agency UNHCR”: an organization noun, then the organization's name.
            previous_word = re.search(r"(\w+)\s+$", self.body[start : last_span.start])
            if previous_word and previous_word.group(1).lower() in ORG_NOUNS:
                return last_entity, start
        span, entity = inside[0]
        before = self.body[start : span.start]
        after = self.body[span.end : end].strip()
        if re.fullmatch(r"\s*(?:[Tt]he)\s+", before):
            before = ""
        if before.strip():
            role = self._role_ending_at(span.start, entity)
            if role is None:
                return None
            span_start = role.start
            if self.body[start:span_start].strip():
                return None
            start = span_start
        if after and not (after.startswith(",") and after.endswith(",")) and not re.fullmatch(r"['’]s?", after):
            return None
        if after.startswith(","):
            inner = after.strip(",").strip()
            # A relative clause or a role may follow the name; another name may not.
            if any(
                e is not entity and e.type == "person" for _, e in self.actors.mentions_within(span.end, end)
            ) and not inner.startswith(("who", "which", "a ", "an ", "the ")):
                return None
        return entity, start

    def _role_ending_at(self, name_start: int, entity: Entity) -> Span | None:
        """A role of this entity written just before its name: with a comma, or as role words."""
        for role_end in (name_start - 2, name_start - 1):
            found = self.actors.role_spans.get(role_end)
            if found is not None and found[1] is entity:
                role = found[0]
                # “One outspoken activist, German doctor Norbert Vollertsen”: roles can chain.
                earlier = self.actors.role_spans.get(role.start - 2)
                if earlier is not None and earlier[1] is entity:
                    return earlier[0]
                return role
        return None

    def resolve_pronoun(self, pronoun: str, position: int) -> Speaker | None:
        """The speaker a pronoun refers to (see the module doc), or None when unsure."""
        wanted = PRONOUNS[pronoun]
        paragraph = self.document.paragraph_index(position)
        # A person is looked for in this paragraph and the one before; a group or an
        # organization (“they”, “it”) a little further back.
        reach = 1 if wanted in ("m", "f") else 3
        window_start = self.document.paragraphs[max(0, paragraph - reach)][0]
        if wanted in ("m", "f"):
            people = [
                (span, entity)
                for span, entity in self.actors.people_before(position)
                if span.start >= window_start
                and not self.document.in_quote(span.start)
                and entity.gender in ("", wanted)
            ]
            if not people:
                return None
            span, entity = people[-1]
            sentence = self.document.sentence_index(span.start)
            in_sentence = [(s, e) for s, e in people if self.document.sentence_index(s.start) == sentence]
            rivals = {id(e) for _, e in in_sentence if e is not entity}
            if not rivals:
                return self._person(entity, wanted)
            known = {id(e): e for _, e in in_sentence if e.gender == wanted}
            if len(known) == 1:
                return self._person(next(iter(known.values())), wanted)  # the text showed who is “she”
            # Several people in that sentence: its subject, when it is also the last person who
            # spoke (“Marsh, 49, took over after the founder, Erik Halvorsen, stepped down. She said”),
            # else the one the parse makes its grammatical subject.
            subject_span, subject = in_sentence[0]
            sentence_start, _ = self.document.sentence_at(span.start)
            last_speaker = next((s for _, s in reversed(self.speaker_events) if s.type == "person"), None)
            starts_sentence = not self.body[sentence_start : subject_span.start].strip()
            if starts_sentence and last_speaker is not None and last_speaker.name == subject.name:
                return self._person(subject, wanted)
            parsed = coreference.subject_among(self.document.parse, in_sentence)
            if parsed is None:
                return None
            self.uncertain = True  # chosen by grammatical role among rivals: a lower confidence
            return self._person(parsed, wanted)
        if wanted == "p":
            for event_position, speaker in reversed(self.speaker_events):
                if event_position < window_start:
                    break
                if speaker.type in ("group", "organization"):
                    return speaker
            return None
        if wanted == "n":
            for event_position, speaker in reversed(self.speaker_events):
                if event_position < window_start:
                    break
                if speaker.type == "organization" or (
                    speaker.type == "group" and not speaker.name.lower().endswith("s")
                ):
                    return speaker
        return None

    def _person(self, entity: Entity, gender: str) -> Speaker:
        """A pronoun resolved to this person: its gender is now known for later pronouns."""
        entity.gender = entity.gender or gender
        return Speaker("person", entity.name)

    def note_speaker(self, position: int, speaker: Speaker | None) -> None:
        if speaker is not None:
            self.speaker_events.append((position, speaker))
            if speaker.type == "group":
                self.groups.append((position, speaker.name))

    # Attributions -----------------------------------------------------------------------

    def subject_before(self, verb_start: int) -> tuple[int, int] | None:
        """The words before a reporting verb that could be its subject: (start, end)."""
        sentence_start, _ = self.document.sentence_at(verb_start)
        text = self.body[sentence_start:verb_start]
        end = sentence_start + len(text.rstrip())
        if end <= sentence_start:
            return None
        # Adverbs and auxiliaries between the subject and the verb (“also says”, “has said”).
        core_end = end
        while True:
            tail = re.search(r"\s+(\w+)$", self.body[sentence_start:core_end])
            if tail and (tail.group(1).lower() in ADVERBS_BEFORE_VERB or tail.group(1).lower() in AUXILIARIES):
                core_end = sentence_start + tail.start()
                continue
            break
        segment = self.body[sentence_start:core_end]
        if segment.endswith(","):
            return self._subject_before_comma(sentence_start, segment, core_end)
        boundary = -1
        for match in re.finditer(r"[,;:(—–\"“”‘’]|\s'|'\s", segment):
            if match.group() == "," and self._inside_apposition(sentence_start + match.start(), core_end):
                continue
            if match.group() in ("’", "'", "' ") and not self.document.in_quote(sentence_start + match.start()):
                continue  # an apostrophe (“Tenants’ groups”), not a quotation mark
            boundary = match.end()
        # An earlier reporting verb (and its “that”) ends what can be this verb's subject:
        # “… also says the group was carrying signs reading”.
        for match in VERB_OCCURRENCE.finditer(segment):
            if match.end() > boundary and not _is_noun_or_infinitive(self.body, _Shifted(match, sentence_start)):
                that = re.match(r" that\b", segment[match.end() :])
                boundary = match.end() + (that.end() if that else 0)
        subject_start = sentence_start + max(boundary, 0)
        return self._skip_blank(subject_start), core_end

    def _subject_before_comma(self, sentence_start: int, segment: str, core_end: int) -> tuple[int, int] | None:
        """A subject followed by a comma before its verb: the comma closes something set off.

        - a relative clause (“The diplomat, who asked not to be identified, also says”): the
          subject is before it, and the clause is left out;
        - a role in apposition (“Gordon Flake, executive director of …, says”): the subject is
          the name with its role;
        - a name set off after a role (“One outspoken activist, German doctor Norbert
          Vollertsen, says”; “A refugee aid group in Seoul, Good Friends, says”): the subject
          is the role with the name.
        """
        clause = re.search(r"(?:^|,)\s*([^,]*),$", segment)
        if clause is None:
            return None
        inner_start = sentence_start + clause.start(1)
        inner_end = sentence_start + clause.end(1)
        head = segment[: clause.start()]
        head = re.sub(r", \d{1,3}$", "", head)  # “Sunee Chaiyarat, 52, who runs …”: an age
        boundary = max(head.rfind(","), head.rfind(";"), head.rfind(":"))
        head_start = self._skip_blank(sentence_start + boundary + 1)
        if clause.group(1).split()[:1] in (["who"], ["which"]):
            return head_start, sentence_start + len(head)
        role = self.actors.role_spans.get(inner_end)
        if (role is not None and role[0].start == inner_start) or any(
            role.start == inner_start for role, _ in self.actors.role_spans.values()
        ):
            # “Gordon Flake, executive director of …, says”; “…, a Democrat from New Mexico who
            # helped write the bill, called it”: a role (and what follows it) set off after the name.
            return head_start, core_end
        if self.actors.mentions_within(inner_start, inner_end):
            return head_start, core_end
        return None

    def _inside_apposition(self, comma: int, end: int) -> bool:
        """Whether a comma opens a role in apposition whose subject comes before it."""
        for role_end, (role, _) in self.actors.role_spans.items():
            if role.start == comma + 2 and role_end + 1 <= end:
                return True
        return False

    def mention_ends_at(self, position: int) -> bool:
        return any(span.end == position for span, _, _, _ in self.actors.mentions)

    def _skip_blank(self, position: int) -> int:
        while position < len(self.body) and self.body[position].isspace():
            position += 1
        return position

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
        signs = SIGN_BEFORE.search(before)
        if signs:
            subject = self.subject_before(sentence_start + signs.start())
            if subject is not None:
                resolved = self.speaker_of(subject[0], subject[1], subject[0])
                if resolved is not None and resolved[0] is not None:
                    end = sentence_start + len(before[: signs.end()].rstrip(" ,:"))
                    span = Span.of(self.body, resolved[2], end)
                    return Attribution(span, resolved[0], 0.6, "signs reading a quote", resolved[2])
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


AUDIENCES = (
    r"(?:reporters|journalists|the press|the media|lawmakers|legislators|parliament|the court|the jury|"
    r"the committee|the audience|supporters|a news conference|a press conference|the meeting|"
    r"(?:the )?[A-Z][\w.&]*(?: [A-Z][\w.&]*)*)"
)
TIME_ADVERBIAL = (
    r"(?:on|in|at|during|after|before|last|this|late|early|earlier|later|yesterday|today|on Monday|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)


def _paraphrase(document: Document, finder: AttributionFinder, verb: re.Match) -> tuple[ClaimCandidate, int] | None:
    """`X says (that) …`, `…, X said.`, `…, said X.`: a statement attributed by a reporting verb.

    Where the attribution sits inside the sentence (`A, X says, B`), the statement is B when A
    is only a connector (“but for the most part”, “In the end”), A when the attribution ends
    the sentence or B is an aside (“…, police said, the third such raid”), and the whole
    sentence when B continues A (“The distinction is especially unclear, she says, in North
    Korea where …”).
    """
    body = document.body
    word = verb.group()
    if word in QUOTE_ONLY_VERBS or word.startswith("went on") or word.endswith("ing"):
        return None
    if _is_noun_or_infinitive(body, verb, finder) or _is_passive(body, verb):
        return None
    sentence_start, sentence_end = document.sentence_at(verb.start())
    subject = finder.subject_before(verb.start())
    if subject is None:
        return _inverted_trailing(document, finder, verb)
    resolved = finder.speaker_of(subject[0], subject[1], subject[0])
    if resolved is None or resolved[0] is None:
        return None
    speaker, confidence, subject_start = resolved
    # What follows the verb: adverbs stay with the attribution, “that” and a comma do not.
    position = verb.end()
    adverbs = re.match(rf"(?: (?:{'|'.join(ADVERBS_AFTER_VERB)}))+\b", body[position:])
    if adverbs:
        position += adverbs.end()
    attribution_end = position
    rest = body[position:sentence_end]
    clause_start = _clause_start(body, sentence_start)
    before_subject = body[clause_start:subject_start].rstrip()
    trailing = re.fullmatch(rf"(?:,? {TIME_ADVERBIAL}[^,.;:]{{0,40}})?\s*[.!?]?[\"”’']?\s*", rest)
    b_match = re.match(r",\s+(\S+)", rest)
    if before_subject.endswith(",") and (trailing or b_match):
        # The attribution sits inside the sentence or ends it.
        a_end = clause_start + len(before_subject) - 1
        a_text = body[clause_start:a_end]
        last_segment = re.split(r"[,;]", a_text)[-1].strip()
        connector = (
            not last_segment
            or last_segment.split()[0].lower() in ("but", "and", "yet", "so", "or")
            or len(a_text.split()) < 4
        )
        if connector and b_match:
            start = attribution_end + b_match.start(1)
            end = _statement_end(body, start, sentence_end)
        elif (
            trailing
            or (b_match and b_match.group(1).lower() in DETERMINERS)
            or (b_match and b_match.group(1).endswith("ing") and b_match.group(1).lower() not in PREPOSITIONS)
        ):
            start, end = clause_start, a_end
        elif b_match and b_match.group(1).lower() in PREPOSITIONS:
            start, end = clause_start, _statement_end(body, clause_start, sentence_end)
        elif b_match:
            start = attribution_end + b_match.start(1)
            end = _statement_end(body, start, sentence_end)
        else:
            return None
    else:
        if word in ("told", "tells", "tell"):
            told = re.match(rf" {AUDIENCES}(?: {TIME_ADVERBIAL}[^,.;:]{{0,30}}?)?(?: that)? ", rest)
            if not told:
                return None
            position += told.end()
        else:
            lead = re.match(rf"(?: {TIME_ADVERBIAL} [^,.;:\"“]{{1,40}}?)? that |, | ", rest)
            if not lead:
                return None
            position += lead.end()
            if lead.group().endswith("that ") and _subject_that(body, position):
                position -= len("that ")  # “says that does not set a precedent”: “that” is the subject
        if body[position : position + 1] in "\"“‘'":
            return None  # the verb introduces a quote
        start = position
        end = _statement_end(body, position, sentence_end)
    text = body[start:end]
    if len(text.split()) < 3 or (word in PARAPHRASE_ONLY_VERBS and len(text.split()) < 4):
        return None
    if word in NEEDS_THAT and not re.match(r" that ", rest):
        return None
    attribution = Span.of(body, subject_start, attribution_end)
    if attribution.start >= attribution.end:
        return None
    claim = ClaimCandidate(
        Span.of(body, start, end),
        "paraphrase",
        speaker,
        attribution,
        round(confidence * 0.7, 2),
        "statement after a reporting verb" if start > attribution.start else "statement before a reporting verb",
    )
    return claim, subject_start


def _inverted_trailing(
    document: Document, finder: AttributionFinder, verb: re.Match
) -> tuple[ClaimCandidate, int] | None:
    """`…, said John Smith, a spokesman for the ministry.`: the statement before an inverted attribution."""
    body = document.body
    sentence_start, sentence_end = document.sentence_at(verb.start())
    if verb.group() not in SPEECH_VERBS or not re.search(r"\S,\s+$", body[sentence_start : verb.start()]):
        return None
    speaker_start = verb.end() + 1
    speaker_end = finder._speaker_phrase_end(speaker_start)
    if speaker_end is None or body[verb.end() : verb.end() + 1] != " ":
        return None
    rest = body[speaker_end:sentence_end]
    if not re.fullmatch(r"(?:,[^\"“”]*)?\s*[.!?]?[\"”’']?\s*", rest):
        return None
    resolved = finder.speaker_of(speaker_start, speaker_end, speaker_start)
    if resolved is None:
        return None
    speaker, confidence, _ = resolved
    if speaker is None:
        return None
    if speaker.type == "group" and (len(speaker.name.split()) > 6 or re.search(r"\d", speaker.name)):
        return None
    clause_start = _clause_start(body, sentence_start)
    end = len(body[: verb.start()].rstrip(" ,"))
    if len(body[clause_start:end].split()) < 4 or document.in_quote(clause_start):
        return None
    attribution = Span.of(body, verb.start(), finder._named_end(speaker_start, speaker_end))
    claim = ClaimCandidate(
        Span.of(body, clause_start, end),
        "paraphrase",
        speaker,
        attribution,
        round(confidence * 0.7, 2),
        "statement before an inverted attribution",
    )
    return claim, verb.start()


def _according_to(document: Document, finder: AttributionFinder, match: re.Match) -> tuple[ClaimCandidate, int] | None:
    """`According to X, …` and `…, according to X.`"""
    body = document.body
    sentence_start, sentence_end = document.sentence_at(match.start())
    source = re.match(r"([^,.;:]{2,80}?)(?:,|\.|$)", body[match.end() : sentence_end + 1])
    if not source:
        return None
    source_start = match.end()
    source_end = source_start + len(source.group(1))
    resolved = finder.speaker_of(source_start, source_end, source_start)
    if resolved is None or resolved[0] is None:
        return None
    speaker, confidence, _ = resolved
    attribution = Span.of(body, match.start(), source_end)
    if body[source_end : source_end + 1] == ",":
        start = _skip_blank(body, source_end + 1)
        end = _statement_end(body, start, sentence_end)
        if body[sentence_start : match.start()].strip():
            return None
    else:
        start = _clause_start(body, sentence_start)
        end = match.start()
        while end > start and body[end - 1] in " ,":
            end -= 1
    if len(body[start:end].split()) < 3:
        return None
    claim = ClaimCandidate(
        Span.of(body, start, end), "paraphrase", speaker, attribution, round(confidence * 0.7, 2), "according to"
    )
    return claim, match.start()


def _skip_blank(body: str, position: int) -> int:
    while position < len(body) and body[position].isspace():
        position += 1
    return position


DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?(?:\s*\([^)]{1,40}\))?\s*[—–-]{1,2}\s+")


def _clause_start(body: str, sentence_start: int) -> int:
    """Where a sentence's statement starts: after blanks, and after a dateline (“GENEVA — ”)."""
    position = _skip_blank(body, sentence_start)
    dateline = DATELINE.match(body, position)
    return dateline.end() if dateline else position


def _statement_end(body: str, start: int, sentence_end: int) -> int:
    """The end of a statement: the sentence end without its final punctuation, before a trailing
    non-restrictive “, which …” gloss."""
    end = sentence_end
    while end > start and (body[end - 1].isspace() or body[end - 1] in TRAILING_PUNCTUATION):
        end -= 1
    gloss = re.search(r", which [^,]*$", body[start:end])
    if gloss:
        end = start + gloss.start()
    return end


def _cut_at_inner_attributions(
    document: Document, paraphrases: list[tuple[ClaimCandidate, int]]
) -> list[ClaimCandidate]:
    """A statement stops before another attribution inside it (`…, but, he says, …`)."""
    body = document.body
    result = []
    for claim, _ in paraphrases:
        end = claim.span.end
        for other, other_subject in paraphrases:
            if other is claim:
                continue
            inner_start = min(other_subject, other.attribution.start if other.attribution else other_subject)
            if (
                claim.span.start < inner_start < end
                and claim.attribution is not None
                and (claim.attribution.end <= claim.span.start)
            ):
                end = inner_start
        if end != claim.span.end:
            while end > claim.span.start and (body[end - 1] in " ,;:—–" or body[end - 1].isspace()):
                end -= 1
            cut = re.search(r"(?:,\s*|\s+)(?:but|and|yet|so|or)$", body[claim.span.start : end])
            if cut:
                end = claim.span.start + cut.start()
            while end > claim.span.start and body[end - 1] in " ,;:":
                end -= 1
            if len(body[claim.span.start : end].split()) < 3:
                continue
            claim = ClaimCandidate(
                Span.of(body, claim.span.start, end),
                claim.kind,
                claim.speaker,
                claim.attribution,
                claim.confidence,
                claim.rule,
            )
        result.append(claim)
    return result


class _Shifted:
    """A match on a slice, seen at its place in the body."""

    def __init__(self, match: re.Match, offset: int) -> None:
        self._match = match
        self._offset = offset

    def start(self) -> int:
        return self._match.start() + self._offset

    def end(self) -> int:
        return self._match.end() + self._offset

    def group(self) -> str:
        return self._match.group()


def _subject_that(body: str, position: int) -> bool:
    """Whether the “that” before `position` is a pronoun subject: followed directly by a verb."""
    following = re.match(r"(\w+)", body[position:])
    return bool(following and following.group(1).lower() in AUXILIARIES | {"does", "do", "did", "means", "shows"})


def _is_passive(body: str, verb: re.Match) -> bool:
    """“is believed to be”, “A group … believed to be”: a participle, not a reporting verb."""
    if re.match(r" to\b", body[verb.end() : verb.end() + 3]):
        return True
    return bool(re.search(r"\b(?:is|are|was|were|be|been|being)\s+$", body[max(0, verb.start() - 8) : verb.start()]))


def _is_noun_or_infinitive(body: str, verb: "re.Match | _Shifted", finder: "AttributionFinder | None" = None) -> bool:
    """Whether a reporting word is not a finite verb here: “the reports”, “news reports say”,
    “refuses to confirm”, “would say”, “the report found”, “state officials”."""
    before = re.search(r"([\w'’]+)\s+$", body[max(0, verb.start() - 20) : verb.start()])
    word = verb.group()
    if word in NOUN_OR_VERB and not re.match(r" that\b", body[verb.end() : verb.end() + 6]):
        # Such a word is a verb after a pronoun or a name, before “that”, or after a plural
        # noun and before a determiner (“Insurers estimate the total”).
        previous = before.group(1) if before else ""
        following = re.match(r"\s+(\w+)", body[verb.end() : verb.end() + 20])
        gap = len(body[: verb.start()]) - len(body[: verb.start()].rstrip())
        after_name = finder is not None and finder.mention_ends_at(verb.start() - gap)
        after_plural = (
            re.fullmatch(r"[A-Za-z]*[^s'’]s", previous) is not None
            and following is not None
            and following.group(1).lower() in DETERMINERS | set(PRONOUNS)
        )
        if previous.lower() not in PRONOUNS and not after_name and not after_plural:
            return True
    if before:
        word = before.group(1).lower()
        if word in ("to", "would", "could", "will", "might", "may", "must", "should", "can", "cannot", "not"):
            return True
        if (word in DETERMINERS and word not in ("that",)) or word.endswith(("'s", "’s")):
            return True
    after = re.match(r"\s+(\w+)", body[verb.end() : verb.end() + 20])
    if after and (after.group(1) in IRREGULAR_VERBS or re.fullmatch(r"[a-z]+ed", after.group(1))):
        return True  # “the report found”
    return bool(
        after and (after.group(1) in REPORTING_VERBS or after.group(1) in ("is", "are", "was", "were", "have", "has"))
    )
