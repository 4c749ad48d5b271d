"""Bulk ingestion: many articles with their claims and figures, checked first, then a few INSERTs.

`articles_import` takes a list of entries, each an article with its claims and figures, shaped
like the API's request bodies (README, "Importing an archive"). Everything is checked in
Python before anything is written, with the same rules as the one-record services: quotes
anchored character for character by `anchor_quote`, text never trimmed, offsets and ids only
as whole numbers (never "12" as text; a figure's value may be a decimal written as text, as
in the API), the figure qualifier table, speakers and measures that exist. Then each table gets
one INSERT for the whole batch (and the database's constraints and triggers check every row
again). All or nothing: one bad record refuses the batch, and the ValidationError lists every
problem by its place in the batch, e.g. ``articles[3].claims[0].exact``.

An entry whose body is already stored is left as it is, facts included, and reported as
existing (as `article_ingest` does with metadata), so re-running an import adds nothing twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction

from facts.models import Article, Claim, Figure, Measure, Organization, Passage, Person, Proposal, body_sha256
from facts.numbers import parse_decimal
from facts.services.anchoring import anchor_attribution, anchor_quote
from facts.services.extractions import extractions_enqueue

MAX_ERRORS_LISTED = 50

PassageT = TypeVar("PassageT", bound=Passage)

ARTICLE_FIELDS = {"body", "title", "publisher", "source_url", "language", "published_on", "claims", "figures"}
PASSAGE_FIELDS = set(Passage.SPAN_FIELDS)
CLAIM_FIELDS = PASSAGE_FIELDS | set(Claim.RECORD_FIELDS)
FIGURE_FIELDS = PASSAGE_FIELDS | set(Figure.RECORD_FIELDS)
FIELDS = {"claims": CLAIM_FIELDS, "figures": FIGURE_FIELDS}
# Checked as references (one query per model for the batch), not by the model's field validation.
REFERENCES = ["article", "claim", "measure", "speaker_person", "speaker_organization"]


@dataclass
class ImportResult:
    """What a batch stored: each entry's article and whether it was new, and the rows written."""

    articles: list[tuple[Article, bool]] = field(default_factory=list)
    claims: int = 0
    figures: int = 0
    extractions_queued: int = 0

    @property
    def created(self) -> int:
        return sum(created for _, created in self.articles)


class _Problems:
    """Problems found so far, keyed by their place in the batch."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.found.setdefault(where, []).append(message)

    def add_error(self, where: str, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                key = f"{where}.{name}" if name != "__all__" else where
                if key in self.found:
                    continue  # already said, in the batch's own words
                for message in ValidationError(errors).messages:
                    self.add(key, message)
        else:
            for message in error.messages:
                self.add(where, message)

    def raise_any(self) -> None:
        if self.found:
            listed = dict(list(self.found.items())[:MAX_ERRORS_LISTED])
            if len(self.found) > MAX_ERRORS_LISTED:
                listed["…"] = [f"and problems at {len(self.found) - MAX_ERRORS_LISTED} more places, not listed"]
            raise ValidationError(listed)


def _text(
    values: dict, name: str, where: str, problems: _Problems, *, required: bool = False, unknown_is_null: bool = False
) -> str | None:
    """A text field as given. `unknown_is_null`: an empty text is refused (leave the field out)."""
    value = values.get(name)
    if value is None:
        if required:
            problems.add(f"{where}.{name}", "This field is required.")
        return None
    if not isinstance(value, str):
        problems.add(f"{where}.{name}", f"Must be text, not {type(value).__name__}.")
        return None
    if unknown_is_null and value == "":
        problems.add(f"{where}.{name}", "Empty; leave the field out (or null) when it is not known.")
        return None
    return value


def _integer(values: dict, name: str, where: str, problems: _Problems) -> int | None:
    value = values.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(f"{where}.{name}", f"Must be a whole number, not {type(value).__name__}.")
        return None
    return value


def _decimal(values: dict, name: str, where: str, problems: _Problems) -> Decimal | None:
    """A number: int, Decimal (how import_articles reads JSON numbers), a float as written
    (its repr, so 2.3 stays 2.3), or a decimal written as text."""
    value = values.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        problems.add(f"{where}.{name}", f"Must be a number, not {type(value).__name__}.")
        return None
    try:
        number = parse_decimal(value)
    except InvalidOperation:
        number = None
    if number is None:  # text that is no number, "" included
        problems.add(f"{where}.{name}", f"{value!r} is not a number.")
        return None
    if not number.is_finite():
        problems.add(f"{where}.{name}", "Must be a finite number.")
        return None
    return number


def _unknown_fields(values: Any, allowed: set[str], where: str, problems: _Problems) -> bool:
    """False (and a problem) when `values` is not an object; unknown fields are problems too."""
    if not isinstance(values, dict):
        problems.add(where, f"Must be an object, not {type(values).__name__}.")
        return False
    for name in sorted(set(values) - allowed):
        problems.add(f"{where}.{name}", "Unknown field.")
    return True


def _validate(instance: models.Model, where: str, problems: _Problems, *, anchored: bool = True) -> None:
    """The model's field and record checks, without queries (references are checked in bulk).

    A passage that could not be anchored has been reported already; its fields are not checked.
    """
    exclude = REFERENCES if anchored else [*REFERENCES, *PASSAGE_FIELDS]
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        problems.add_error(where, error)


class _Batch:
    def __init__(self, entries: list[Any]) -> None:
        self.problems = _Problems()
        self.articles: list[Article] = []
        self.claims: list[Claim] = []
        self.figures: list[Figure] = []
        self.result = ImportResult()
        self.references: dict[type[models.Model], dict[int, list[str]]] = {Person: {}, Organization: {}, Measure: {}}
        self.entries = entries

    def refer(self, model: type[models.Model], pk: int | None, where: str) -> None:
        if pk is not None:
            self.references[model].setdefault(pk, []).append(where)

    def speaker(self, values: dict, where: str) -> dict[str, Any]:
        person = _integer(values, "speaker_person", where, self.problems)
        organization = _integer(values, "speaker_organization", where, self.problems)
        self.refer(Person, person, f"{where}.speaker_person")
        self.refer(Organization, organization, f"{where}.speaker_organization")
        group = _text(values, "speaker_group", where, self.problems, unknown_is_null=True)
        if [person, organization, group].count(None) < 2:
            self.problems.add(where, "Give one speaker: a person, an organization or a group, not several.")
        return {"speaker_person_id": person, "speaker_organization_id": organization, "speaker_group": group}

    def anchor(self, article: Article, values: dict, where: str) -> dict[str, Any] | None:
        exact = _text(values, "exact", where, self.problems, required=True)
        start = _integer(values, "start", where, self.problems)
        end = _integer(values, "end", where, self.problems)
        prefix = _text(values, "prefix", where, self.problems)
        suffix = _text(values, "suffix", where, self.problems)
        if exact is None:
            return None
        try:
            found = anchor_quote(article=article, exact=exact, start=start, end=end, prefix=prefix, suffix=suffix)
        except ValidationError as error:
            self.problems.add_error(where, error)
            return None
        return found.as_fields()

    def check(self) -> None:
        if not isinstance(self.entries, list) or not self.entries:
            self.problems.add("articles", "Give a non-empty list of articles.")
            self.problems.raise_any()
        bodies = [entry.get("body") if isinstance(entry, dict) else None for entry in self.entries]
        hashes = {body_sha256(body) for body in bodies if isinstance(body, str) and body}
        stored = {a.sha256: a for a in Article.objects.filter(sha256__in=hashes)} if hashes else {}
        first_with: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            where = f"articles[{index}]"
            if not _unknown_fields(entry, ARTICLE_FIELDS, where, self.problems):
                continue
            body = _text(entry, "body", where, self.problems, required=True)
            if body is None:
                continue
            digest = body_sha256(body)
            if digest in first_with:
                self.problems.add(f"{where}.body", f"The same text as articles[{first_with[digest]}].")
                continue
            first_with[digest] = index
            if digest in stored:
                self.result.articles.append((stored[digest], False))
                continue
            self.check_article(entry, body, where)
        self.check_references()
        self.problems.raise_any()

    def check_article(self, entry: dict, body: str, where: str) -> None:
        metadata = {
            name: _text(entry, name, where, self.problems, unknown_is_null=True)
            for name in ("title", "publisher", "source_url", "language", "published_on")
        }
        metadata["url"] = metadata.pop("source_url")
        article = Article(body=body, **metadata)
        if body == "":
            self.problems.add(f"{where}.body", "The article body is empty.")
            return
        _validate(article, where, self.problems)  # sets the SHA-256 too
        self.articles.append(article)
        self.result.articles.append((article, True))
        claims = self.check_records(entry, "claims", article, where, self.check_claim)
        self.check_records(
            entry,
            "figures",
            article,
            where,
            lambda article, values, place: self.check_figure(article, values, place, claims=claims),
        )

    def check_records(
        self,
        entry: dict,
        name: str,
        article: Article,
        where: str,
        check: Callable[[Article, dict, str], PassageT | None],
    ) -> list[PassageT | None]:
        records = entry.get(name, [])
        if not isinstance(records, list):
            self.problems.add(f"{where}.{name}", f"Must be a list, not {type(records).__name__}.")
            return []
        spans: dict[tuple[int, int], int] = {}
        checked: list[PassageT | None] = []
        for index, values in enumerate(records):
            place = f"{where}.{name}[{index}]"
            record = (
                check(article, values, place) if _unknown_fields(values, FIELDS[name], place, self.problems) else None
            )
            checked.append(record)
            if record is None:
                continue
            span = (record.start, record.end)
            if span in spans:
                self.problems.add(f"{place}.exact", f"The same passage as {where}.{name}[{spans[span]}].")
            spans.setdefault(span, index)
        return checked

    def check_claim(self, article: Article, values: dict, where: str) -> Claim | None:
        anchor = self.anchor(article, values, where)
        attribution: dict[str, Any] = {}
        try:
            attribution = anchor_attribution(
                article=article,
                exact=_text(values, "attribution_exact", where, self.problems),
                start=_integer(values, "attribution_start", where, self.problems),
            )
        except ValidationError as error:
            self.problems.add_error(where, error)
        claim = Claim(
            article=article,
            # A missing kind is reported already, and the model's own message on the field then is not,
            # so "" for None changes nothing.
            kind=_text(values, "kind", where, self.problems, required=True) or "",
            **(anchor or {}),
            **attribution,
            **self.speaker(values, where),
        )
        _validate(claim, where, self.problems, anchored=anchor is not None)
        if anchor is None:
            return None
        self.claims.append(claim)
        return claim

    def check_figure(self, article: Article, values: dict, where: str, claims: list[Claim | None]) -> Figure | None:
        anchor = self.anchor(article, values, where)
        qualifier = _text(values, "qualifier", where, self.problems, required=True)
        value = _decimal(values, "value", where, self.problems)
        low = _decimal(values, "low", where, self.problems)
        high = _decimal(values, "high", where, self.problems)
        low, high = Figure.bounds_or_implied(qualifier or "", value, low, high)
        measure = _integer(values, "measure", where, self.problems)
        self.refer(Measure, measure, f"{where}.measure")
        claim = None
        claim_index = _integer(values, "claim", where, self.problems)
        if claim_index is not None:
            if not claims:
                self.problems.add(f"{where}.claim", "This article has no claims in the batch to point to.")
            elif not 0 <= claim_index < len(claims):
                self.problems.add(
                    f"{where}.claim", f"The position of one of this article's claims (0–{len(claims) - 1}) is needed."
                )
            else:
                claim = claims[claim_index]
        figure = Figure(
            article=article,
            # None when missing (reported above): the stubs cannot express an instance made only to be
            # validated, and "" instead would change the bounds messages, which quote the qualifier.
            qualifier=qualifier,  # type: ignore[misc]
            value=value,
            low=low,
            high=high,
            unit=_text(values, "unit", where, self.problems) or "",
            place=_text(values, "place", where, self.problems) or "",
            period=_text(values, "period", where, self.problems) or "",
            measure_id=measure,
            claim=claim,
            **(anchor or {}),
            **self.speaker(values, where),
        )
        _validate(figure, where, self.problems, anchored=anchor is not None)
        if anchor is None:
            return None
        self.figures.append(figure)
        return figure

    def check_references(self) -> None:
        for model, wanted in self.references.items():
            if not wanted:
                continue
            found = set(model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True))
            for pk in sorted(set(wanted) - found):
                for where in wanted[pk]:
                    self.problems.add(where, f"There is no {model._meta.verbose_name} {pk}.")

    def write(self, extract: bool) -> ImportResult:
        Article.objects.bulk_create(self.articles)
        Claim.objects.bulk_create(self.claims)
        Figure.objects.bulk_create(self.figures)
        self.result.claims, self.result.figures = len(self.claims), len(self.figures)
        if extract:
            # Queued in this transaction, one job per new article: the batch is stored with its jobs, or not at all.
            self.result.extractions_queued = extractions_enqueue(articles=self.articles)
        return self.result


@transaction.atomic
def articles_import(*, entries: list[Any], extract: bool = True) -> ImportResult:
    """Store a batch of articles with their claims and figures, all or nothing.

    Raises ValidationError, keyed by each problem's place in the batch, when anything in it
    is refused; nothing is written then. New articles have the extractor's run queued (a job
    each, in this transaction) unless `extract` is False.
    """
    batch = _Batch(entries)
    batch.check()
    try:
        return batch.write(extract)
    except DatabaseError as error:  # leaving the transaction by an exception rolls it back
        # Everything the constraints and triggers enforce was checked above, so this is a write
        # that got there first (the same body stored meanwhile), or a check this module misses.
        raise ValidationError({"articles": f"{_database_refusal(error)} Nothing was stored."}) from error


def _database_refusal(error: DatabaseError) -> str:
    """What the database refused, in the constraint's own words where it has them."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    if name == "facts_article_sha256_key":
        return "An article of the batch was stored by another writer meanwhile; send the batch again."
    for model in (Article, Claim, Figure, Proposal):
        for constraint in model._meta.constraints:
            if constraint.name == name:
                return f"A record in the batch breaks the rule “{constraint.get_violation_error_message()}” ({name})."
    return f"The database refused the batch: {str(error).strip()}"
