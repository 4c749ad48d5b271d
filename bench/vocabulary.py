"""The synthetic vocabulary and the draws the generator makes with it (bench/generate.py).

Words follow a Zipf distribution over pronounceable pseudo-words, so full-text search has rare,
medium and common terms (SEARCH_BUCKETS, chosen by rank for a target frequency); Zipf draws
also pick speakers and measures, so a few have very many claims or figures.
"""

import bisect
import itertools
import random

VOCABULARY_SIZE = 20_000

# A word's share of all words is 1 / (rank * H); a quote of ~15 words contains a word of
# rank r with probability about 15 / (r * H). These ranks give claims matching a term in
# about 5% (common), 0.5% (medium) and 0.02% (rare) of claims; bench/parameters.py measures the
# frequencies in the dataset for each run.
SEARCH_BUCKETS = {"common": (25, 29, 33, 37), "medium": (280, 300, 320, 340), "rare": (6000, 6500, 7000, 7500)}

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_ENDINGS = ["", "n", "r", "s", "th", "l", "m", "x", "nd", "st"]
_STOP = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "in", "is", "it", "no", "not", "of", "on", "or", "the"}


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    """Distinct pronounceable words (so the English stemmer treats them as words)."""
    words: dict[str, None] = {}
    while len(words) < count:
        syllables = rng.choice((2, 2, 3, 3, 4))
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
        word += rng.choice(_ENDINGS)
        if word not in _STOP:
            words[word] = None
    return list(words)


class Vocabulary:
    """The synthetic vocabulary with Zipf-distributed word frequencies."""

    def __init__(self, rng: random.Random) -> None:
        self.words = pseudo_words(rng, VOCABULARY_SIZE)
        self.cumulative = list(itertools.accumulate(1 / rank for rank in range(1, VOCABULARY_SIZE + 1)))

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def search_terms(self) -> dict[str, list[str]]:
        return {bucket: [self.words[rank - 1] for rank in ranks] for bucket, ranks in SEARCH_BUCKETS.items()}


class Zipf:
    """Draws 0..n-1 with probability proportional to 1/(i+1)^s."""

    def __init__(self, n: int, s: float = 1.0) -> None:
        self.n = n
        self.cumulative = list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> int:
        return min(bisect.bisect_left(self.cumulative, rng.random() * self.total), self.n - 1)


def sentence(words: list[str]) -> str:
    """The words as a sentence: the first capitalized (no end mark)."""
    return words[0].capitalize() + " " + " ".join(words[1:])


def number_text(n: int) -> str:
    """A number as a newspaper writes it: 12,500."""
    return f"{n:,}"
