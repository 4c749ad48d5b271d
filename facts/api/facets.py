"""Facets: how the records of a filtered list divide among the values of one of its filters.

`?facet=kind&facet=speaker_person` on a list adds, for each facet, its most frequent values
(up to FACET_SIZE) over the whole filtered list, not just the page: each value as the filter
of the same name takes it (so `kind=direct_quote` narrows the list to that bucket), its label
and its count. Records with no value (an article with no known publisher) are one bucket with
value null. Datasette's facets work the same way.

Each list declares the facets it offers (`facets = facets.CLAIMS`); the definitions are here.
How long they may take is budgeted by facts.api.listing.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, F, Model, QuerySet, Value, When

from facts.models import Claim, Figure, Mention, Proposal

FACET_SIZE = 30
"""The most values a facet lists; `truncated` says there were more."""

UNKNOWN_LABEL = "(none)"


@dataclass(frozen=True)
class Facet:
    """One facet: `value` (a path or an expression) grouped, `label` naming each value.

    `label` is a path to the value's name (`speaker_person__name`), or None to show the value
    itself, or the choices' labels when `choices` is given. `through` facets count records
    across a relation that can hold several values per record (a claim's figures' measures):
    `through` is the related model, `back` its path to the listed record.
    """

    name: str
    value: Any
    label: str | None = None
    choices: dict[str, str] = field(default_factory=dict)
    through: type[Model] | None = None
    back: str = ""

    def rows(self, records: QuerySet) -> QuerySet:
        """The facet's values with their counts, most frequent first, one more than it shows."""
        if self.through is not None:
            source = self.through._default_manager.filter(
                **{f"{self.back}__in": records.values("pk"), f"{self.value}__isnull": False}
            )
            counted = Count(self.back, distinct=True)
        else:
            source, counted = records.order_by(), Count("pk")
        grouped = {"facet_value": self.value if not isinstance(self.value, str) else F(self.value)}
        if self.label is not None:
            grouped["facet_label"] = F(self.label)
        rows = source.annotate(**grouped).values(*grouped).annotate(facet_count=counted)
        return rows.order_by("-facet_count", F("facet_value").asc(nulls_last=True))[: FACET_SIZE + 1]

    def describe(self, row: dict[str, Any]) -> dict[str, Any]:
        """A value as the API shows it: as the filter takes it, its label, its count."""
        value = row["facet_value"]
        if value is None:
            return {"value": None, "label": UNKNOWN_LABEL, "count": row["facet_count"]}
        if self.label is None:
            label = self.choices.get(value, value)
        else:  # a related record's name, which it may not have (an article without a title)
            label = row["facet_label"] or f"{self.name.replace('_', ' ')} {value}"
        return {"value": str(value), "label": str(label), "count": row["facet_count"]}


def choice_facet(name: str, choices: list[tuple[str, str]], path: str | None = None) -> Facet:
    return Facet(name, path or name, choices=dict(choices))


def related_facet(name: str, path: str, label: str) -> Facet:
    return Facet(name, f"{path}_id", label=f"{path}__{label}")


SPEAKER_TYPE = Case(
    When(speaker_person__isnull=False, then=Value("person")),
    When(speaker_organization__isnull=False, then=Value("organization")),
    When(speaker_group__isnull=False, then=Value("group")),
    default=Value("article"),
    output_field=CharField(),
)
SPEAKER_TYPES = {
    "person": "a person",
    "organization": "an organization",
    "group": "an unnamed group",
    "article": "the article's own voice",
}


def speaker_facets() -> list[Facet]:
    return [
        related_facet("speaker_person", "speaker_person", "name"),
        related_facet("speaker_organization", "speaker_organization", "name"),
        Facet("speaker_group", "speaker_group"),
        Facet("speaker_type", SPEAKER_TYPE, choices=SPEAKER_TYPES),
    ]


def article_facets() -> list[Facet]:
    """The article a record is from, and that article's publisher."""
    return [related_facet("article", "article", "title"), Facet("publisher", "article__publisher")]


def facet_set(*facets: Facet) -> dict[str, Facet]:
    return {facet.name: facet for facet in facets}


CLAIMS = facet_set(
    *article_facets(),
    *speaker_facets(),
    choice_facet("kind", Claim.Kind.choices),
    choice_facet("review_status", Claim.ReviewStatus.choices),
    Facet("measure", "measure_id", label="measure__name", through=Figure, back="claim"),
)
FIGURES = facet_set(
    *article_facets(),
    *speaker_facets(),
    choice_facet("qualifier", Figure.Qualifier.choices),
    related_facet("measure", "measure", "name"),
    Facet("unit", "unit"),
)
ARTICLES = facet_set(Facet("publisher", "publisher"), Facet("language", "language"))
# A person or organization is counted once in each article that names them.
PEOPLE = facet_set(Facet("article", "article_id", label="article__title", through=Mention, back="person"))
ORGANIZATIONS = facet_set(Facet("article", "article_id", label="article__title", through=Mention, back="organization"))
MEASURES = facet_set(Facet("unit", "unit"))
MENTIONS = facet_set(
    related_facet("article", "article", "title"),
    related_facet("person", "person", "name"),
    related_facet("organization", "organization", "name"),
)
ROLES = facet_set(
    related_facet("article", "article", "title"),
    related_facet("person", "person", "name"),
    related_facet("organization", "organization", "name"),
    related_facet("affiliation", "affiliation", "name"),
    Facet("title", "title"),
)
PROPOSALS = facet_set(
    related_facet("article", "article", "title"),
    choice_facet("kind", Proposal.Kind.choices),
    choice_facet("status", Proposal.Status.choices),
    Facet("extractor_version", "extractor_version"),
)
CLAIM_REVIEWS = facet_set(
    related_facet("article", "article", "title"),
    choice_facet("review_status", Claim.ReviewStatus.choices),
    related_facet("speaker_person", "speaker_person", "name"),
)
