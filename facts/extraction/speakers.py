"""Speakers: the words of an attribution read as a person, an organization or a group, and
pronouns resolved to who they refer to (see facts.extraction.attribution and coreference).
"""

import re

from facts.extraction import coreference
from facts.extraction.actors import Actors, Entity
from facts.extraction.candidates import Span, Speaker
from facts.extraction.lexicon import (
    ADVERBS_BEFORE_VERB,
    AUXILIARIES,
    DETERMINERS,
    ORG_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
)
from facts.extraction.reporting import (
    LEADING_SUBORDINATORS,
    MAX_SPEAKER_WORDS,
    VERB_OCCURRENCE,
    _is_noun_or_infinitive,
    _Shifted,
)
from facts.extraction.text import Document


class SpeakerFinder:
    """What is known about the speakers of one article while its attributions are read."""

    def __init__(self, document: Document, actors: Actors) -> None:
        self.document = document
        self.body = document.body
        self.actors = actors
        # (position, Speaker, gender) of every resolved speaker, for pronouns.
        self.speaker_events: list[tuple[int, Speaker]] = []
        self.groups: list[tuple[int, str]] = []
        self.mention_starts = {span.start: (span, entity) for span, entity, _, _ in actors.mentions}
        self.uncertain = False

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
        described = self._person_described(text, start) or self._described(text, start)
        if described is not None:
            return described[0], described[1], start
        return Speaker("group", text), 0.7, start

    def _described(self, text: str, position: int) -> tuple[Speaker, float] | None:
        """“the ministry”, “the airline”: the organization last named of that kind; “The
        diplomat”: the group last described so."""
        back = re.fullmatch(r"(?:[Tt]he|[Tt]his|[Tt]hat) ([a-z][\w-]*)", text)
        if back is None:
            return None
        organizations = [(s, e) for s, e in self.actors.mentions_within(0, position) if e.type == "organization"]
        described = coreference.described(back.group(1), organizations)
        if described is not None:
            return Speaker("organization", described.name), 0.6
        for _, group in reversed(self.groups):
            if group.split()[-1].lower() == back.group(1):
                return Speaker("group", group), 0.6
        return None

    def _person_described(self, text: str, position: int) -> tuple[Speaker, float] | None:
        """“the spokesman”, “the Prime Minister”, “the 34-year-old”: the person introduced so
        (facts.extraction.coreference); a description with a possessive (“the minister's
        spokesman”) is someone else's, and stays unnamed."""
        described = re.fullmatch(r"(?:[Tt]he|[Tt]his|[Tt]hat) ((?:[\w-]+ ){0,3}[\w-]+)", text)
        if described is None:
            return None
        entity = coreference.person_described(described.group(1), self.body, self.actors, position)
        if entity is None:
            return None
        last_named = max(span.start for span, e in self.actors.people_before(position) if e is entity)
        head = described.group(1).split()[-1].lower()
        if any(at > last_named and group.split()[-1].lower() == head for at, group in self.groups):
            return None  # “a police spokesman said …” since: the unnamed one is meant
        return Speaker("person", entity.name), 0.7

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
        span, entity = self._holder_after_organization(inside) or inside[0]
        before = self.body[start : span.start]
        after = self.body[span.end : end].strip()
        if re.fullmatch(r"\s*(?:[Tt]he)\s+", before):
            before = ""
        if before.strip():
            role = self._role_ending_at(span.start, entity)
            if role is None:
                return None
            if not self._only_an_organization(start, role.start):
                return None
            start = role.start if not self.body[start : role.start].strip() else start
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

    def _holder_after_organization(self, inside: list[tuple[Span, Entity]]) -> tuple[Span, Entity] | None:
        """“Treasury spokesman Mark Allen”: the person whose role follows the organization named first."""
        if len(inside) < 2 or inside[0][1].type != "organization" or inside[1][1].type != "person":
            return None
        role = self._role_ending_at(inside[1][0].start, inside[1][1])
        return inside[1] if role is not None and role.start >= inside[0][0].end else None

    def _only_an_organization(self, start: int, end: int) -> bool:
        """Whether body[start:end] is blank or only the organization of a role (“Treasury” of
        “Treasury spokesman Mark Allen”, “the Navy's”)."""
        text = self.body[start:end].strip()
        if not text:
            return True
        inside = [span for span, e in self.actors.mentions_within(start, end) if e.type == "organization"]
        if len(inside) != 1:
            return False
        rest = self.body[start : inside[0].start] + self.body[inside[0].end : end]
        return re.fullmatch(r"\s*(?:[Tt]he\s+)?(?:['’]s?)?\s*", rest) is not None

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
            return self._resolve_person(wanted, position, window_start)
        for event_position, speaker in reversed(self.speaker_events):
            if event_position < window_start:
                break
            if wanted == "p" and speaker.type in ("group", "organization"):
                return speaker
            if wanted == "n" and (
                speaker.type == "organization" or (speaker.type == "group" and not speaker.name.lower().endswith("s"))
            ):
                return speaker
        return None

    def _resolve_person(self, wanted: str, position: int, window_start: int) -> Speaker | None:
        """“he”, “she”: the nearest compatible person named before (see facts.extraction.coreference)."""
        people = [
            (span, entity)
            for span, entity in self.actors.people_before(position)
            if span.start >= window_start and not self.document.in_quote(span.start) and entity.gender in ("", wanted)
        ]
        if not people:
            return None
        span, entity = people[-1]
        sentence = self.document.sentence_index(span.start)
        in_sentence = [(s, e) for s, e in people if self.document.sentence_index(s.start) == sentence]
        if not {id(e) for _, e in in_sentence if e is not entity}:
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

    def _person(self, entity: Entity, gender: str) -> Speaker:
        """A pronoun resolved to this person: its gender is now known for later pronouns."""
        entity.gender = entity.gender or gender
        return Speaker("person", entity.name)

    def note_speaker(self, position: int, speaker: Speaker | None) -> None:
        if speaker is not None:
            self.speaker_events.append((position, speaker))
            if speaker.type == "group":
                self.groups.append((position, speaker.name))

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
