"""Roles: what an article says a person or an organization is (`Gordon Flake, executive director
of the Mansfield Center`, `German doctor Norbert Vollertsen`, `Cathleen Newland is a director of …`),
each with its own passage, a short title and the organization it is held at.
"""

import re

from facts.extraction.actor_state import (
    Actors,
    ActorState,
    Entity,
)
from facts.extraction.candidates import RoleCandidate, Span, Speaker
from facts.extraction.lexicon import (
    DETERMINERS,
    ORG_NOUNS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    STOP_WORDS,
    TITLE_MODIFIERS,
    TITLES,
    is_role_noun,
)
from facts.extraction.places import DEMONYMS


class RoleRules(ActorState):
    """Roles in apposition, before a name, and stated in a sentence (see the module doc)."""

    def _roles(self) -> None:
        """Roles in apposition, before a name, and stated in a sentence (see the module doc)."""
        seen_people: set[int] = set()
        for span, entity, _, _ in list(self.mentions):
            if entity.type == "person":
                role = self._role_after(span.end)
                if role is not None and not self._role_is_org_description(role):
                    self._add_role(
                        role, entity, *self._title_and_affiliation(role, span.end), "role in apposition", 0.75
                    )
                else:
                    copular = self._copular_role(span.end)
                    if copular is not None:
                        self._add_role(
                            copular, entity, *self._title_and_affiliation(copular, span.end), "role stated", 0.7
                        )
                before = self._role_before(span.start)
                if before is not None:
                    self._add_role(before, entity, *self._title_and_affiliation(before, span.end), "role before", 0.7)
                apposed = self._role_apposed_before(span.start)
                if apposed is not None:
                    title, _ = self._title_and_affiliation(apposed, span.end)
                    self._add_role(apposed, entity, title, None, "role in apposition before the name", 0.65)
                seen_people.add(id(entity))
            elif entity.type == "organization":
                role = self._role_after(span.end)
                if role is not None and self._role_is_org_description(role):
                    title = re.sub(r"^(?:a|an|the) ", "", role.exact)
                    title = re.sub(r" (?:in|of|from|based in) .*$", "", title)
                    entity.head_noun = entity.head_noun or title.split()[-1]
                    self._add_role(role, entity, title, None, "organization described after its name", 0.65)

    def _role_after(self, end: int) -> Span | None:
        """“, executive director of the Mansfield Center … in Washington,”: the words after the comma."""
        body = self.body
        if body[end : end + 2] != ", ":
            return None
        start = end + 2
        match = re.match(r"[^,;:.!?\"“”()]{2,160}", body[start:])
        if not match:
            return None
        text = match.group()
        # Stop before a relative clause or a reporting verb.
        cut = re.search(r" (?:who|which|that|whose|where|when|says|said|added|told|and)\b", text)
        if cut:
            text = text[: cut.start()]
        # Abbreviations such as “U.S.” continue the role past their period.
        while body[start + len(text) : start + len(text) + 1] == "." and re.search(
            r"(?:\b[A-Z]\.?[A-Z]?|\bNo|\bSt|\bInc|\bCorp)$", text
        ):
            more = re.match(r"\.[^,;:!?\"“”()]{0,120}", body[start + len(text) :])
            if not more:
                break
            text += more.group()
        text = text.rstrip(" .")
        words = text.split()
        if not words or len(words) > 16:
            return None
        first = words[0]
        if first.lower() in REPORTING_VERBS or first.lower() in STOP_WORDS - DETERMINERS:
            return None  # “David Price, said he …”: a verb, not a role
        if first[0].isdigit() or (first[0].isupper() and first not in DEMONYMS and first.lower() not in TITLES):
            return None
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on)\b", text)[0].split()
        if not head_part:
            return None
        head = head_part[-1].lower()
        if not is_role_noun(head, loose=True) and head not in ORG_NOUNS:
            return None
        return Span.of(body, start, start + len(text))

    def _role_is_org_description(self, role: Span) -> bool:
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on|based)\b", role.exact)[0].split()
        return bool(head_part) and head_part[-1].lower() in ORG_NOUNS and head_part[-1].lower() not in ROLE_NOUNS

    def _copular_role(self, end: int) -> Span | None:
        """“Cathleen Newland is a director of the Migration Policy Institute in Washington.”"""
        match = re.match(r" (?:is|was|has been|had been) ((?:a|an|the) [^,;:.!?\"“”()]{2,160})", self.body[end:])
        if not match:
            return None
        text = match.group(1)
        cut = re.search(r" (?:who|which|that|whose|where|when|and)\b", text)
        if cut:
            text = text[: cut.start()]
        start = end + match.start(1)
        while self.body[start + len(text) : start + len(text) + 1] == "." and re.search(r"\b[A-Z]\.?[A-Z]?$", text):
            more = re.match(r"\.[^,;:!?\"“”()]{0,120}", self.body[start + len(text) :])
            if not more:
                break
            text += more.group()
        text = text.rstrip(" .")
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on)\b", text)[0].split()
        if len(head_part) < 2 or not is_role_noun(head_part[-1], loose=True):
            return None
        return Span.of(self.body, start, start + len(text))

    def _role_before(self, start: int) -> Span | None:
        """“German doctor Norbert Vollertsen”: role words right before the name."""
        words = re.search(r"((?:[\w'’-]+ ){1,4})$", self.body[max(0, start - 60) : start])
        if not words:
            return None
        tokens = words.group(1).split()
        if not is_role_noun(tokens[-1]) or tokens[-1][0].isupper():
            return None
        kept: list[str] = []
        for token in reversed(tokens):
            lower = token.lower()
            if lower in STOP_WORDS or (token[0].isupper() and token not in DEMONYMS and lower not in TITLE_MODIFIERS):
                break
            kept.insert(0, token)
        if not kept:
            return None
        text = " ".join(kept)
        role_start = start - len(text) - 1
        if self.body[role_start : start - 1] != text:
            return None
        return Span.of(self.body, role_start, start - 1)

    def _role_apposed_before(self, start: int) -> Span | None:
        """A role, a comma, then the person: “One outspoken activist, German doctor Norbert
        Vollertsen, says”; “A spokeswoman for the authority, Jennifer Lee, says”; “The
        council’s leader, Councillor David Price, said”."""
        sentence_start, _ = self.document.sentence_at(start)
        prefix = self.body[sentence_start:start]
        matches = list(
            re.finditer(
                r"(?:^|(?<=[\s,]))((?:One|A|An|The|one|a|an|the) (?:[\w'’-]+ ){0,3}?([\w-]+)"
                r"(?: (?:for|of|at|with|in) [^,;:]{1,60})?), ",
                prefix,
            )
        )
        match = matches[-1] if matches else None
        if match is None or not is_role_noun(match.group(2)):
            return None
        rest = prefix[match.end() :]
        # Only role words (or nothing) may stand between the comma and the name.
        if rest and not all(w in DEMONYMS or is_role_noun(w) or w.lower() in TITLE_MODIFIERS for w in rest.split()):
            return None
        return Span.of(self.body, sentence_start + match.start(1), sentence_start + match.end(1))

    def _title_and_affiliation(self, role: Span, position: int) -> tuple[str, str | None]:
        """A short title (“executive director”) and the organization it is held at, if named."""
        text = re.sub(r"^(?:One|A|An|The|one|a|an|the) ", "", role.exact)
        head_part = re.split(r" (?:of|for|at|with|in|from|to|on)\b", text)[0].split()
        title_words: list[str] = []
        for word in reversed(head_part):
            lower = word.lower()
            if not title_words or lower in TITLE_MODIFIERS or (lower in ROLE_NOUNS and lower in TITLES):
                title_words.insert(0, lower)
            else:
                break
        affiliation = None
        for span, entity, _, _ in self.mentions:
            if entity.type == "organization" and role.start <= span.start and span.end <= role.end:
                affiliation = entity.name
                # “Navy spokeswoman”: the organization is the affiliation, not part of the title.
                named = {w.lower() for w in span.exact.split()}
                title_words = [w for w in title_words if w not in named] or title_words
                break
        title = " ".join(title_words) or text.lower()
        if affiliation is None:
            generic = re.search(r"\b(?:of|for|at|with) the (" + "|".join(sorted(ORG_NOUNS)) + r")\b", role.exact)
            if generic:
                affiliation = self._organization_described_as(generic.group(1), role.start)
        return title, affiliation

    def _organization_described_as(self, noun: str, before: int) -> str | None:
        """“for the group”: the organization last described with that noun before this point."""
        candidates = [
            entity
            for span, entity, _, _ in self.mentions
            if entity.type == "organization" and span.end <= before and entity.head_noun == noun
        ]
        return candidates[-1].name if candidates else None

    def _add_role(
        self, span: Span, holder: Entity, title: str, affiliation: str | None, rule: str, confidence: float
    ) -> None:
        if any(r.span.start == span.start and r.span.end == span.end for r in self.roles):
            return
        self.roles.append(
            RoleCandidate(
                span=span,
                holder=Speaker(holder.type, holder.name),
                title=title,
                affiliation=affiliation,
                confidence=confidence,
                rule=rule,
            )
        )
        self.role_spans[span.end] = (span, holder)


def finalize_roles(actors: Actors) -> list[RoleCandidate]:
    """Roles with their holders' final names (a person's name can grow as the article goes on)."""
    by_old_name: dict[tuple[str, str], str] = {}
    for entity in actors.entities:
        for form in [entity.name, *entity.forms]:
            by_old_name[(entity.type, form)] = entity.name
    final = []
    for role in actors.roles:
        holder_name = by_old_name.get((role.holder.type, role.holder.name), role.holder.name)
        affiliation = role.affiliation
        if affiliation is not None:
            affiliation = by_old_name.get(("organization", affiliation), affiliation)
        final.append(
            RoleCandidate(
                span=role.span,
                holder=Speaker(role.holder.type, holder_name),
                title=role.title,
                affiliation=affiliation,
                confidence=role.confidence,
                rule=role.rule,
            )
        )
    return final
