"""Paraphrases: statements attributed by a reporting verb without quotation marks (`X says (that) …`,
`…, police said.`, `According to X, …`), cut before inner attributions.
"""

import re

from facts.extraction.attributions import (
    AttributionFinder,
)
from facts.extraction.candidates import ClaimCandidate, Span
from facts.extraction.lexicon import (
    ADVERBS_AFTER_VERB,
    DETERMINERS,
    PARAPHRASE_ONLY_VERBS,
    PREPOSITIONS,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
)
from facts.extraction.reporting import (
    DATELINE,
    NEEDS_THAT,
    TRAILING_PUNCTUATION,
    _is_noun_or_infinitive,
    _is_passive,
    _skip_blank,
    _subject_that,
)
from facts.extraction.text import Document

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
    if _is_noun_or_infinitive(body, verb, finder.mention_ends_at) or _is_passive(body, verb):
        return None
    subject = finder.subject_before(verb.start())
    if subject is None:
        return _inverted_trailing(document, finder, verb)
    resolved = finder.speaker_of(subject[0], subject[1], subject[0])
    if resolved is None or resolved[0] is None:
        return None
    speaker, confidence, subject_start = resolved
    # What follows the verb: adverbs stay with the attribution, “that” and a comma do not.
    attribution_end = verb.end()
    adverbs = re.match(rf"(?: (?:{'|'.join(ADVERBS_AFTER_VERB)}))+\b", body[attribution_end:])
    if adverbs:
        attribution_end += adverbs.end()
    sentence = document.sentence_at(verb.start())
    rest = body[attribution_end : sentence[1]]
    statement = _statement_around(body, sentence, subject_start, attribution_end, rest)
    if statement is None:
        statement = _statement_after(body, word, sentence[1], attribution_end, rest)
    if statement is None or statement == (-1, -1):
        return None
    start, end = statement
    text = body[start:end]
    if len(text.split()) < 3 or (word in PARAPHRASE_ONLY_VERBS and len(text.split()) < 4):
        return None
    if word in NEEDS_THAT and not re.match(r" that ", rest):
        return None
    attribution = Span.of(body, subject_start, attribution_end)
    if attribution.start >= attribution.end:
        return None
    rule = "statement after a reporting verb" if start > attribution.start else "statement before a reporting verb"
    claim = ClaimCandidate(
        Span.of(body, start, end), "paraphrase", speaker, attribution, round(confidence * 0.7, 2), rule
    )
    return claim, subject_start


def _statement_around(
    body: str, sentence: tuple[int, int], subject_start: int, attribution_end: int, rest: str
) -> tuple[int, int] | None:
    """The statement when the attribution sits inside the sentence or ends it (`A, X says, B`);
    None when it does not, (-1, -1) when it does but no statement can be read."""
    sentence_start, sentence_end = sentence
    clause_start = _clause_start(body, sentence_start)
    before_subject = body[clause_start:subject_start].rstrip()
    trailing = re.fullmatch(rf"(?:,? {TIME_ADVERBIAL}[^,.;:]{{0,40}})?\s*[.!?]?[\"”’']?\s*", rest)
    b_match = re.match(r",\s+(\S+)", rest)
    if not (before_subject.endswith(",") and (trailing or b_match)):
        return None
    a_end = clause_start + len(before_subject) - 1
    a_text = body[clause_start:a_end]
    last_segment = re.split(r"[,;]", a_text)[-1].strip()
    connector = (
        not last_segment
        or last_segment.split()[0].lower() in ("but", "and", "yet", "so", "or")
        or len(a_text.split()) < 4
    )
    following = b_match.group(1) if b_match else ""
    if b_match and connector:
        start = attribution_end + b_match.start(1)
        return start, _statement_end(body, start, sentence_end)
    if (
        trailing
        or following.lower() in DETERMINERS
        or (following.endswith("ing") and following.lower() not in PREPOSITIONS)
    ):
        return clause_start, a_end
    if b_match and following.lower() in PREPOSITIONS:
        return clause_start, _statement_end(body, clause_start, sentence_end)
    if b_match:
        start = attribution_end + b_match.start(1)
        return start, _statement_end(body, start, sentence_end)
    return (-1, -1)


def _statement_after(body: str, word: str, sentence_end: int, position: int, rest: str) -> tuple[int, int] | None:
    """The statement after the attribution: `X says (that) …`, `X told reporters (that) …`."""
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
    return position, _statement_end(body, position, sentence_end)


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
