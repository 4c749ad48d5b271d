"""Realistic synthetic data for the benchmark, reproducible from a seed, loaded with COPY.

Articles are generated as text first; every passage (claim, attribution, figure, mention,
role) is then cut out of the generated body by its offsets, so `body[start:end] == exact`
holds by construction and the database's triggers (which re-check every passage on
insert, COPY included) accept it. The data has the shape of a newsroom archive:

- words follow a Zipf distribution over a synthetic vocabulary, so full-text search has
  rare, medium and common terms (SEARCH_BUCKETS, chosen by rank for a target frequency);
- speakers follow a Zipf distribution too: a few people have very many claims;
- figures count measures shared across many articles (also Zipf), with every qualifier;
- an article's people are named (mentions) and some are given a role with an affiliation.

Rows get explicit ids after the current maximum of each table, so loading into a
database that already holds data (the test database) is safe.

This module holds the sizes and the Generator, which makes the rows of each batch; the parts
are bench/vocabulary.py (words and Zipf draws), bench/writing.py (an article's sentences and
the facts cut out of them), bench/copy_format.py (the tables in COPY text) and
bench/loading.py (COPY into the database).
"""

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bench.copy_format import COLUMNS, Tables
from bench.vocabulary import Vocabulary, Zipf, pseudo_words, sentence
from bench.writing import ArticleWriter, Cast

GENERATOR_VERSION = 1
"""Bumped whenever the generated data changes, so an old dataset is regenerated."""

CONTEXT = 32


@dataclass(frozen=True)
class Size:
    """How much to generate."""

    name: str
    articles: int
    people: int
    organizations: int
    measures: int
    claims_per_article: int = 10
    figures_per_article: int = 10

    @property
    def claims(self) -> int:
        return self.articles * self.claims_per_article

    @property
    def figures(self) -> int:
        return self.articles * self.figures_per_article


SIZES = {
    "S": Size("S", articles=10_000, people=10_000, organizations=2_000, measures=1_000),
    "M": Size("M", articles=100_000, people=50_000, organizations=10_000, measures=10_000),
}

FILLER_SENTENCES_PER_ARTICLE = (14, 30)

_PUBLISHERS = [
    f"The {name} {kind}"
    for name in ("Daily", "Evening", "Morning", "Weekly", "Global", "National", "City")
    for kind in ("Herald", "Post", "Times", "Monitor", "Wire", "Gazette", "Review")
]
_UNITS = ["people", "refugees", "US dollars", "tonnes", "households", "cases", "kilometres", "jobs"]

_ORGANIZATION_KINDS = ["Institute", "Council", "Foundation", "Ministry", "Agency", "Center", "Union"]


def _cast(size: Size, rng: random.Random, seed: int, first_ids: dict[str, int]) -> Cast:
    """The people, organizations and measures of a dataset, drawn from `rng` (and `seed` + 1 for names)."""
    vocabulary = Vocabulary(rng)
    first_names = [w.capitalize() for w in pseudo_words(rng, 400)]
    last_names = [w.capitalize() for w in pseudo_words(rng, 3000)]
    pairs = random.Random(seed + 1).sample(range(len(first_names) * len(last_names)), size.people)
    organizations = [
        f"{' '.join(w.capitalize() for w in vocabulary.sample(rng, 2))} {rng.choice(_ORGANIZATION_KINDS)} {i}"
        for i in range(size.organizations)
    ]
    measures = [(f"{' '.join(vocabulary.sample(rng, 3))} ({i})", rng.choice(_UNITS)) for i in range(size.measures)]
    return Cast(
        vocabulary=vocabulary,
        people=[(first_names[p // len(last_names)], last_names[p % len(last_names)]) for p in pairs],
        organizations=organizations,
        measures=measures,
        first_ids=first_ids,
        speakers=Zipf(size.people, 1.0),
        organization_speakers=Zipf(size.organizations, 1.0),
        measure_draw=Zipf(size.measures, 0.9),
    )


class Generator:
    """Generates a dataset of a given size from a seed, batch by batch, as COPY text."""

    def __init__(self, size: Size, seed: int, first_ids: dict[str, int] | None = None) -> None:
        self.size = size
        self.seed = seed
        rng = random.Random(seed)
        self.first_ids = {table: 1 for table in COLUMNS} | (first_ids or {})
        self.next_ids = dict(self.first_ids)
        self.epoch = datetime(2024, 1, 1, tzinfo=UTC)
        self.cast = _cast(size, rng, seed, self.first_ids)
        self.vocabulary = self.cast.vocabulary
        self.filler = [sentence(self.vocabulary.sample(rng, rng.randint(8, 24))) + "." for _ in range(20_000)]

    def _id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] += 1
        return value

    def _stamp(self, n: int) -> str:
        return (self.epoch + timedelta(seconds=n)).isoformat()

    def actors(self) -> Tables:
        """People, organizations and measures: the rows every batch of articles refers to."""
        tables = Tables()
        for index, (first, last) in enumerate(self.cast.people):
            stamp = self._stamp(index)
            tables.add("facts_person", [self._id("facts_person"), stamp, stamp, f"{first} {last}", [f"Mr. {last}"]])
        for index, name in enumerate(self.cast.organizations):
            stamp = self._stamp(index)
            tables.add("facts_organization", [self._id("facts_organization"), stamp, stamp, name, []])
        for index, (name, unit) in enumerate(self.cast.measures):
            stamp = self._stamp(index)
            tables.add("facts_measure", [self._id("facts_measure"), stamp, stamp, name, f"How many {name}.", unit])
        return tables

    def batches(self, batch_size: int, records: bool = False) -> Iterator[Tables]:
        for batch_start in range(0, self.size.articles, batch_size):
            tables = Tables(records={} if records else None)
            for index in range(batch_start, min(batch_start + batch_size, self.size.articles)):
                self._article(random.Random(f"{self.seed}:{index}"), index, tables)
            yield tables

    def _write(self, rng: random.Random) -> ArticleWriter:
        """An article's body: its claims, figures and filler sentences in a random order."""
        kinds = ["quote"] * self.size.claims_per_article
        kinds += ["figure"] * (self.size.figures_per_article - self.size.figures_per_article // 5)
        kinds += ["filler"] * rng.randint(*FILLER_SENTENCES_PER_ARTICLE)
        rng.shuffle(kinds)
        # A fifth of the figures sit inside a claim's quote (the figure's claim).
        quoted_figures = self.size.figures_per_article // 5
        quotes_with_figure = set(rng.sample(range(self.size.claims_per_article), quoted_figures))
        writer = ArticleWriter(self.cast, rng)
        claim_number = 0
        for position, kind in enumerate(kinds):
            if position and rng.random() < 0.2:
                writer.emit("\n\n")
            elif position:
                writer.emit(" ")
            if kind == "filler":
                writer.emit(rng.choice(self.filler))
            elif kind == "figure":
                writer.figure(speaker=None, claim=None)
            else:
                writer.claim(with_figure=claim_number in quotes_with_figure)
                claim_number += 1
        return writer

    def _article(self, rng: random.Random, index: int, tables: Tables) -> None:
        """One article: its body built sentence by sentence, recording each fact's span."""
        article_id = self._id("facts_article")
        writer = self._write(rng)
        body = writer.body
        title = sentence(self.vocabulary.sample(rng, rng.randint(5, 10)))
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        published = None if rng.random() < 0.05 else day.isoformat()
        stamp = self._stamp(index)
        publisher = rng.choice(_PUBLISHERS)
        tables.add(
            "facts_article",
            [
                article_id,
                stamp,
                stamp,
                body,
                hashlib.sha256(body.encode("utf-8")).hexdigest(),
                title,
                publisher,
                f"https://news.example/{publisher.split()[1].lower()}/{article_id}",
                "en",
                published,
            ],
        )
        claim_ids: dict[int, int] = {}
        # Claims first, so a figure inside a claim's quote can refer to the claim's id.
        for table, fact in sorted(writer.facts, key=lambda item: item[0] != "facts_claim"):
            tables.add(table, self._fact_row(table, fact, body, article_id, stamp, claim_ids))

    def _fact_row(
        self, table: str, fact: dict[str, Any], body: str, article_id: int, stamp: str, claim_ids: dict[int, int]
    ) -> list[Any]:
        """The row of one claim, figure, mention or role: its passage cut out of the body by its offsets."""
        start, end = fact["start"], fact["end"]
        row_id = self._id(table)
        common = [
            row_id,
            stamp,
            stamp,
            start,
            end,
            body[start:end],
            body[max(0, start - CONTEXT) : start],
            body[end : end + CONTEXT],
        ]
        if table == "facts_claim":
            claim_ids[fact["key"]] = row_id
            a_start, a_end = fact.get("attribution", (None, None))
            attribution = None if a_start is None else body[a_start:a_end]
            return [
                *common,
                *(fact.get("group"), fact["kind"], a_start, a_end, attribution, fact["review_status"]),
                *(article_id, fact.get("organization"), fact.get("person")),
            ]
        if table == "facts_figure":
            claim_key: int | None = fact.get("claim")  # the key of the claim whose quote holds the figure
            claim_id = None if claim_key is None else claim_ids.get(claim_key)
            return [
                *common,
                *(fact.get("group"), fact["value"], fact["low"], fact["high"], fact["qualifier"], fact["unit"]),
                *(fact["place"], "", article_id, claim_id, fact["measure"]),
                *(fact.get("organization"), fact.get("person")),
            ]
        if table == "facts_mention":
            return [*common, article_id, None, fact["person"]]
        return [*common, fact["title"], fact["affiliation"], article_id, None, fact["person"]]
