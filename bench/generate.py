"""Realistic synthetic data for the benchmark, reproducible from a seed, loaded with COPY.

Articles are generated as text first; every passage (claim, attribution, figure, mention,
role) is then cut out of the generated body by its offsets, so `body[start:end] == exact`
holds by construction and the database's triggers (which re-check every passage on
insert, COPY included) accept it. The data has the shape of a newsroom archive:

- words follow a Zipf distribution over a synthetic vocabulary, so full-text search has
  rare, medium and common terms (SEARCH_TERMS, chosen by rank for a target frequency);
- speakers follow a Zipf distribution too: a few people have very many claims;
- figures count measures shared across many articles (also Zipf), with every qualifier;
- an article's people are named (mentions) and some are given a role with an affiliation.

Rows get explicit ids after the current maximum of each table, so loading into a
database that already holds data (the test database) is safe.
"""

import bisect
import hashlib
import io
import itertools
import json
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

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

VOCABULARY_SIZE = 20_000
WORDS_PER_QUOTE = (8, 22)
FILLER_SENTENCES_PER_ARTICLE = (14, 30)

# A word's share of all words is 1 / (rank * H); a quote of ~15 words contains a word of
# rank r with probability about 15 / (r * H). These ranks give claims matching a term in
# about 5% (common), 0.5% (medium) and 0.02% (rare) of claims; bench/run.py reports the
# measured frequencies.
SEARCH_BUCKETS = {"common": (25, 29, 33, 37), "medium": (280, 300, 320, 340), "rare": (6000, 6500, 7000, 7500)}

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_ENDINGS = ["", "n", "r", "s", "th", "l", "m", "x", "nd", "st"]
_STOP = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "in", "is", "it", "no", "not", "of", "on", "or", "the"}
_SAID = ["said", "added", "explained", "told reporters", "warned", "insisted"]
_GROUPS = [
    "some activists",
    "a senior official",
    "local residents",
    "aid workers",
    "a diplomat who asked not to be named",
    "human rights groups",
    "witnesses",
    "analysts",
]
_TITLES = ["director", "spokesperson", "researcher", "executive director", "minister", "professor", "chair", "editor"]
_PUBLISHERS = [
    f"The {name} {kind}"
    for name in ("Daily", "Evening", "Morning", "Weekly", "Global", "National", "City")
    for kind in ("Herald", "Post", "Times", "Monitor", "Wire", "Gazette", "Review")
]
_UNITS = ["people", "refugees", "US dollars", "tonnes", "households", "cases", "kilometres", "jobs"]
_SCALES = [10, 100, 1_000, 10_000, 100_000, 1_000_000]
_VAGUE = [
    ("dozens of", 24, 99),
    ("hundreds of", 200, 999),
    ("thousands of", 2_000, 9_999),
    ("tens of thousands of", 20_000, 99_999),
    ("hundreds of thousands of", 200_000, 999_999),
    ("millions of", 2_000_000, None),
]


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
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
        self.words = _pseudo_words(rng, VOCABULARY_SIZE)
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


def _sentence(words: list[str]) -> str:
    return words[0].capitalize() + " " + " ".join(words[1:])


def _number_text(n: int) -> str:
    return f"{n:,}"


@dataclass
class Tables:
    """COPY text of each table for one batch, with row counts."""

    buffers: dict[str, io.StringIO] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    records: dict[str, list[dict[str, Any]]] | None = None
    """The rows as dicts too, when asked for (to load the same rows through the app)."""

    def add(self, table: str, values: list[Any]) -> None:
        if self.records is not None:
            self.records.setdefault(table, []).append(dict(zip(COLUMNS[table], values, strict=True)))
        buffer = self.buffers.setdefault(table, io.StringIO())
        buffer.write("\t".join(_copy_value(value) for value in values))
        buffer.write("\n")
        self.rows[table] = self.rows.get(table, 0) + 1


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, list):
        return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value) + "}"
    return str(value)


COLUMNS = {
    "facts_person": ["id", "created_at", "updated_at", "name", "aliases"],
    "facts_organization": ["id", "created_at", "updated_at", "name", "aliases"],
    "facts_measure": ["id", "created_at", "updated_at", "name", "description", "unit"],
    "facts_article": [
        "id",
        "created_at",
        "updated_at",
        "body",
        "sha256",
        "title",
        "publisher",
        "url",
        "language",
        "published_on",
    ],
    "facts_claim": [
        "id",
        "created_at",
        "updated_at",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "speaker_group",
        "kind",
        "attribution_start",
        "attribution_end",
        "attribution_exact",
        "review_status",
        "article_id",
        "speaker_organization_id",
        "speaker_person_id",
    ],
    "facts_figure": [
        "id",
        "created_at",
        "updated_at",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "speaker_group",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "place",
        "period",
        "article_id",
        "claim_id",
        "measure_id",
        "speaker_organization_id",
        "speaker_person_id",
    ],
    "facts_mention": [
        "id",
        "created_at",
        "updated_at",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "article_id",
        "organization_id",
        "person_id",
    ],
    "facts_role": [
        "id",
        "created_at",
        "updated_at",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "title",
        "affiliation_id",
        "article_id",
        "organization_id",
        "person_id",
    ],
}
LOAD_ORDER = list(COLUMNS)


class Generator:
    """Generates a dataset of a given size from a seed, batch by batch, as COPY text."""

    def __init__(self, size: Size, seed: int, first_ids: dict[str, int] | None = None) -> None:
        self.size = size
        self.seed = seed
        rng = random.Random(seed)
        self.vocabulary = Vocabulary(rng)
        self.first_ids = {table: 1 for table in COLUMNS} | (first_ids or {})
        self.next_ids = dict(self.first_ids)
        self.epoch = datetime(2024, 1, 1, tzinfo=UTC)
        first_names = [w.capitalize() for w in _pseudo_words(rng, 400)]
        last_names = [w.capitalize() for w in _pseudo_words(rng, 3000)]
        pairs = random.Random(seed + 1).sample(range(len(first_names) * len(last_names)), size.people)
        self.people = [(first_names[p // len(last_names)], last_names[p % len(last_names)]) for p in pairs]
        self.organizations = [
            f"{' '.join(w.capitalize() for w in self.vocabulary.sample(rng, 2))} "
            f"{rng.choice(['Institute', 'Council', 'Foundation', 'Ministry', 'Agency', 'Center', 'Union'])} {i}"
            for i in range(size.organizations)
        ]
        self.measures = [
            (f"{' '.join(self.vocabulary.sample(rng, 3))} ({i})", rng.choice(_UNITS)) for i in range(size.measures)
        ]
        self.filler = [_sentence(self.vocabulary.sample(rng, rng.randint(8, 24))) + "." for _ in range(20_000)]
        self.speakers = Zipf(size.people, 1.0)
        self.organization_speakers = Zipf(size.organizations, 1.0)
        self.measure_draw = Zipf(size.measures, 0.9)

    def _id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] += 1
        return value

    def _stamp(self, n: int) -> str:
        return (self.epoch + timedelta(seconds=n)).isoformat()

    def actors(self) -> Tables:
        """People, organizations and measures: the rows every batch of articles refers to."""
        tables = Tables()
        for index, (first, last) in enumerate(self.people):
            stamp = self._stamp(index)
            tables.add("facts_person", [self._id("facts_person"), stamp, stamp, f"{first} {last}", [f"Mr. {last}"]])
        for index, name in enumerate(self.organizations):
            stamp = self._stamp(index)
            tables.add("facts_organization", [self._id("facts_organization"), stamp, stamp, name, []])
        for index, (name, unit) in enumerate(self.measures):
            stamp = self._stamp(index)
            tables.add("facts_measure", [self._id("facts_measure"), stamp, stamp, name, f"How many {name}.", unit])
        return tables

    def batches(self, batch_size: int, records: bool = False) -> Iterator[Tables]:
        for batch_start in range(0, self.size.articles, batch_size):
            tables = Tables(records={} if records else None)
            for index in range(batch_start, min(batch_start + batch_size, self.size.articles)):
                self._article(random.Random(f"{self.seed}:{index}"), index, tables)
            yield tables

    def _article(self, rng: random.Random, index: int, tables: Tables) -> None:
        """One article: its body built sentence by sentence, recording each fact's span."""
        article_id = self._id("facts_article")
        parts: list[str] = []
        length = 0
        facts: list[tuple[str, dict[str, Any]]] = []  # (table, fields with start/end)
        named: set[int] = set()

        def emit(text: str) -> int:
            nonlocal length
            start = length
            parts.append(text)
            length += len(text)
            return start

        def mention(person: int, start: int, end: int) -> None:
            if person not in named:
                named.add(person)
                facts.append(("facts_mention", {"start": start, "end": end, "person": person}))

        kinds = ["quote"] * self.size.claims_per_article
        kinds += ["figure"] * (self.size.figures_per_article - self.size.figures_per_article // 5)
        kinds += ["filler"] * rng.randint(*FILLER_SENTENCES_PER_ARTICLE)
        rng.shuffle(kinds)
        # A fifth of the figures sit inside a claim's quote (the figure's claim).
        quoted_figures = self.size.figures_per_article // 5
        quotes_with_figure = set(rng.sample(range(self.size.claims_per_article), quoted_figures))
        claim_number = 0
        for position, kind in enumerate(kinds):
            if position and rng.random() < 0.2:
                emit("\n\n")
            elif position:
                emit(" ")
            if kind == "filler":
                emit(rng.choice(self.filler))
            elif kind == "figure":
                self._figure_sentence(rng, emit, facts, speaker=None, claim=None)
            else:
                self._claim_sentence(rng, emit, facts, mention, with_figure=claim_number in quotes_with_figure)
                claim_number += 1
        body = "".join(parts)

        title = _sentence(self.vocabulary.sample(rng, rng.randint(5, 10)))
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
        for table, fact in sorted(facts, key=lambda item: item[0] != "facts_claim"):
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
                tables.add(
                    table,
                    [
                        *common,
                        fact.get("group"),
                        fact["kind"],
                        a_start,
                        a_end,
                        None if a_start is None else body[a_start:a_end],
                        fact["review_status"],
                        article_id,
                        fact.get("organization"),
                        fact.get("person"),
                    ],
                )
            elif table == "facts_figure":
                tables.add(
                    table,
                    [
                        *common,
                        fact.get("group"),
                        fact["value"],
                        fact["low"],
                        fact["high"],
                        fact["qualifier"],
                        fact["unit"],
                        fact["place"],
                        "",
                        article_id,
                        claim_ids.get(fact.get("claim")),
                        fact["measure"],
                        fact.get("organization"),
                        fact.get("person"),
                    ],
                )
            elif table == "facts_mention":
                tables.add(table, [*common, article_id, None, fact["person"]])
            else:
                tables.add(table, [*common, fact["title"], fact["affiliation"], article_id, None, fact["person"]])

    def _speaker(self, rng: random.Random) -> dict[str, Any]:
        roll = rng.random()
        if roll < 0.6:
            return {"person": self.first_ids["facts_person"] + self.speakers.draw(rng)}
        if roll < 0.72:
            return {"organization": self.first_ids["facts_organization"] + self.organization_speakers.draw(rng)}
        if roll < 0.87:
            return {"group": rng.choice(_GROUPS)}
        return {}

    def _claim_sentence(
        self, rng: random.Random, emit: Callable[[str], int], facts: list, mention: Callable, with_figure: bool
    ) -> None:
        speaker = self._speaker(rng)
        key = len(facts)
        status = "unreviewed" if rng.random() < 0.9 else rng.choice(["verified", "disputed", "false", "unverifiable"])
        words = self.vocabulary.sample(rng, rng.randint(*WORDS_PER_QUOTE))
        claim = {"key": key, "review_status": status, **speaker}
        if not speaker:
            # The article's own voice: an assertion, the sentence itself.
            start = emit(_sentence(words[:4]))
            if with_figure:
                emit(" ")
                self._figure_sentence(rng, emit, facts, speaker=None, claim=key, inline=True)
            emit(" " + " ".join(words[4:]))
            claim |= {"kind": "assertion", "start": start, "end": emit(".")}
            facts.append(("facts_claim", claim))
            return
        if "person" in speaker:
            first, last = self.people[speaker["person"] - self.first_ids["facts_person"]]
            name = f"{first} {last}"
        elif "organization" in speaker:
            name = (
                "a statement from " + self.organizations[speaker["organization"] - self.first_ids["facts_organization"]]
            )
        else:
            name = speaker["group"]
        paraphrase = rng.random() < 0.25
        if paraphrase:
            verb = f"{name} says"
            attribution_start = emit(verb)
            mention_at = attribution_start
            emit(" ")
            start = emit(" ".join(words[:4]))
            if with_figure:
                emit(" ")
                self._figure_sentence(rng, emit, facts, speaker=speaker, claim=key, inline=True)
            emit(" " + " ".join(words[4:]))
            end = emit(".")
            claim |= {
                "kind": "paraphrase",
                "start": start,
                "end": end,
                "attribution": (attribution_start, attribution_start + len(verb)),
            }
        else:
            emit("“")
            start = emit(_sentence(words[:4]))
            if with_figure:
                emit(" ")
                self._figure_sentence(rng, emit, facts, speaker=speaker, claim=key, inline=True)
            emit(" " + " ".join(words[4:]))
            end = emit(",")
            emit("” ")
            verb = f"{rng.choice(_SAID)} {name}"
            attribution_start = emit(verb)
            mention_at = attribution_start + len(verb) - len(name)
            emit(".")
            claim |= {
                "kind": "direct_quote",
                "start": start,
                "end": end,
                "attribution": (attribution_start, attribution_start + len(verb)),
            }
        facts.append(("facts_claim", claim))
        if "person" in speaker:
            mention(speaker["person"], mention_at, mention_at + len(name))
            if rng.random() < 0.15:
                title = rng.choice(_TITLES)
                organization = self.first_ids["facts_organization"] + self.organization_speakers.draw(rng)
                emit(f" {name} is ")
                role_start = emit(
                    f"{title} at {self.organizations[organization - self.first_ids['facts_organization']]}"
                )
                role_end = emit(".")
                facts.append(
                    (
                        "facts_role",
                        {
                            "start": role_start,
                            "end": role_end,
                            "person": speaker["person"],
                            "title": title,
                            "affiliation": organization,
                        },
                    )
                )

    def _figure_sentence(
        self,
        rng: random.Random,
        emit: Callable[[str], int],
        facts: list,
        speaker: dict | None,
        claim: int | None,
        inline: bool = False,
    ) -> int:
        """A number as reported; standalone figures are in the article's own voice."""
        measure = self.first_ids["facts_measure"] + self.measure_draw.draw(rng)
        unit = self.measures[measure - self.first_ids["facts_measure"]][1]
        n = rng.randint(1, 99) * rng.choice(_SCALES) // 10 or 1
        qualifier = rng.choice(
            ["exact", "approximately", "more_than", "at_least", "up_to", "as_many_as", "range", "fewer_than", "vague"]
        )
        value = low = high = None
        if qualifier == "exact":
            text, value, low, high = _number_text(n), n, n, n
        elif qualifier == "approximately":
            text, value = f"about {_number_text(n)}", n
        elif qualifier in ("more_than", "at_least"):
            text, value, low = f"{qualifier.replace('_', ' ')} {_number_text(n)}", n, n
        elif qualifier in ("up_to", "as_many_as", "fewer_than"):
            text, value, high = f"{qualifier.replace('_', ' ')} {_number_text(n)}", n, n
        elif qualifier == "range":
            low, high = n, n * rng.randint(2, 5)
            text = f"between {_number_text(low)} and {_number_text(high)}"
        else:
            text, low, high = rng.choice(_VAGUE)
        place = self.vocabulary.sample(rng, 1)[0].capitalize()
        if not inline:
            emit(_sentence(self.vocabulary.sample(rng, rng.randint(3, 8))) + " ")
        start = emit(text)
        end = start + len(text)
        emit(f" {unit} in {place}")
        if not inline:
            emit(".")
        facts.append(
            (
                "facts_figure",
                {
                    "start": start,
                    "end": end,
                    "qualifier": qualifier,
                    "unit": unit,
                    "place": place,
                    "value": _decimal(value),
                    "low": _decimal(low),
                    "high": _decimal(high),
                    "measure": measure if rng.random() < 0.8 else None,
                    "claim": claim,
                    **(speaker or {}),
                },
            )
        )
        return start


def _decimal(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@dataclass
class LoadReport:
    rows: dict[str, int]
    copy_seconds: float
    wall_seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.wall_seconds if self.wall_seconds else 0.0


def copy_tables(cursor: Any, tables: Tables) -> None:
    """COPY one batch into the database, tables in foreign-key order."""
    for table in LOAD_ORDER:
        buffer = tables.buffers.get(table)
        if buffer is None:
            continue
        buffer.seek(0)
        columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)


def first_free_ids(cursor: Any) -> dict[str, int]:
    ids = {}
    for table in COLUMNS:
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
        ids[table] = cursor.fetchone()[0]
    return ids


def reset_sequences(cursor: Any) -> None:
    for table in COLUMNS:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}")


def load(
    connection: Any,
    size: Size,
    seed: int,
    batch_size: int = 500,
    progress: Callable[[str], None] | None = None,
    commit: bool = True,
) -> LoadReport:
    """Generate and COPY a dataset through a psycopg2 connection, one transaction per batch.

    Generation (Python) and COPY (the server) overlap: a batch is copied in a thread while
    the next is generated.
    """
    with connection.cursor() as cursor:
        generator = Generator(size, seed, first_ids=first_free_ids(cursor))
    rows: dict[str, int] = {}
    copy_seconds = 0.0
    started = time.perf_counter()
    error: list[BaseException] = []

    context = [
        str(uuid.uuid5(uuid.NAMESPACE_URL, f"factbase-bench:{size.name}:{seed}")),
        json.dumps({"bench": "generate", "size": size.name, "seed": seed}),
    ]

    def copy(tables: Tables) -> None:
        nonlocal copy_seconds
        try:
            began = time.perf_counter()
            with connection.cursor() as cursor:
                # Every trigger stays on (passage checks, history). The history triggers read
                # two settings and, when one is unset, catch the error in a subtransaction for
                # every row, which is most of their cost: set them for the transaction.
                # pgtrigger.ignore is the empty list (no trigger is skipped), and the load's
                # history events carry one context naming it.
                cursor.execute(
                    "SELECT set_config('pgtrigger.ignore', '{}', true), set_config('pghistory.context_id', %s, true), "
                    "set_config('pghistory.context_metadata', %s, true)",
                    context,
                )
                copy_tables(cursor, tables)
            if commit:
                connection.commit()
            copy_seconds += time.perf_counter() - began
        except BaseException as exc:  # re-raised in the main thread
            error.append(exc)

    def count(tables: Tables) -> None:
        for table, n in tables.rows.items():
            rows[table] = rows.get(table, 0) + n

    actors = generator.actors()
    copy(actors)
    count(actors)
    worker: threading.Thread | None = None
    done = 0
    for tables in generator.batches(batch_size):
        if worker is not None:
            worker.join()
        if error:
            raise error[0]
        worker = threading.Thread(target=copy, args=(tables,))
        worker.start()
        count(tables)
        done += tables.rows.get("facts_article", 0)
        if progress and done % (batch_size * 20) == 0:
            elapsed = time.perf_counter() - started
            progress(f"  {done:,}/{size.articles:,} articles, {sum(rows.values()):,} rows, {elapsed:.0f} s")
    if worker is not None:
        worker.join()
    if error:
        raise error[0]
    with connection.cursor() as cursor:
        reset_sequences(cursor)
    if commit:
        connection.commit()
    return LoadReport(rows=rows, copy_seconds=copy_seconds, wall_seconds=time.perf_counter() - started)
