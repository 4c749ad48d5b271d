"""What the dependency parse tells the rules: who a quoted phrase belongs to.

A quoted span under a verb of speech is someone's words even when it is short (`warned it
would pay for such "reckless" acts`, `described conditions as "reasonably robust"`): walking
up from the quote's words to the first verb of speech outside it, that verb's subject (or the
agent of a passive: `hailed by X as "…"`) is the speaker. A verb with no subject of its own
takes the subject of the clause it hangs from (`Hamas issued a statement … slamming his call
as an invitation to "exterminate"`). A quoted span in title case (`on ABC's "This Week."`)
names a show, a book or a campaign: it is not a quote.
"""

import re

from facts.extraction.nlp import Parse, Token

SPEECH_ACT = re.compile(
    r"^(?:describ|call|accus|hail|slam|warn|vow|brand|label|term|dub|promis|condemn|prais|critici[sz]|denounc"
    r"|dismiss|urg|pledg|said|say|told|tell|insist|claim|admit|denie|deny|threaten|declar|announc|reject|welcom"
    r"|blam|lambast|attack|characteri[sz]|quot|ask|repl|respond|add|explain|stress|argu|assert)"
)
"""Stems of verbs whose object or complement can be someone's quoted words."""

SUBJECTS = ("nsubj", "nsubjpass")
CLAUSE_LINKS = ("conj", "xcomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep", "ccomp")
SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "with", "&"})


def is_title(text: str) -> bool:
    """A quoted title or name: every word capitalized but small ones (“This Week.”, “Operation Iraqi Freedom”)."""
    words = re.findall(r"[\w'’-]+", text)
    if not words or len(words) > 8:
        return False
    return all(w[0].isupper() or w.lower() in SMALL_WORDS or w[0].isdigit() for w in words) and words[0][0].isupper()


def speech_verb_over(parse: Parse, start: int, end: int) -> Token | None:
    """The first verb of speech outside [start, end) that governs the words inside it."""
    for token in parse.tokens_in(start, end)[:3]:
        current = token
        for _ in range(10):
            head = parse.head(current)
            if head is current:
                break
            current = head
            outside = current.end <= start or current.start >= end
            if outside and current.tag.startswith("VB") and SPEECH_ACT.match(current.lower):
                return current
    return None


def subject_of(parse: Parse, verb: Token) -> tuple[int, int] | None:
    """The span of the speaker phrase of a verb: its agent, else its subject, else the subject
    of the clause it hangs from."""
    current = verb
    for _ in range(6):
        children = parse.children(current)
        agent = next((c for c in children if c.dep == "agent"), None)
        if agent is not None:
            objects = [c for c in parse.children(agent) if c.dep == "pobj"]
            if objects:
                return name_span(parse, objects[0])
        subject = next((c for c in children if c.dep in SUBJECTS), None)
        if subject is not None and subject.dep == "nsubj":
            return name_span(parse, subject)
        if current.dep not in CLAUSE_LINKS or parse.head(current) is current:
            return None
        current = parse.head(current)
    return None


def name_span(parse: Parse, token: Token) -> tuple[int, int]:
    """A noun with the proper-noun compounds right before it (“Terje Roed-Larsen”, “Mr Arafat”)."""
    start = token.start
    index = token.index - 1
    while index >= 0:
        previous = parse.tokens[index]
        if previous.head == token.index and previous.dep in ("compound", "punct") and previous.tag in ("NNP", "HYPH"):
            start = previous.start
            index -= 1
            continue
        if previous.tag == "HYPH" or (previous.tag == "NNP" and previous.dep == "compound"):
            start = previous.start
            index -= 1
            continue
        break
    return start, token.end
