"""Query parameters of the list endpoints: one FilterSet per resource.

Ids are filtered as plain whole numbers (an id that no record has simply matches nothing), so
a filter costs no extra query. A value that is not what the parameter takes (`article=1.5`,
`kind=rumour`, `value_min=lots`, or anything but text left empty) is refused with 400 naming
the parameter; an empty text parameter (`speaker_group=`, `q=`) is taken as not sent.
`q` is full-text search with web-search syntax (`"quoted phrase"`, `-excluded`, `or`),
ranked: with `q` and no `ordering`, the best matches come first.
"""

import copy
from datetime import UTC, datetime
from typing import Any

import django_filters as filters
from django import forms
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, TextField
from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field

from facts.api.search import full_text
from facts.models import (
    WIKIDATA_ID,
    Article,
    CarriedFact,
    Claim,
    Figure,
    Measure,
    Mention,
    Organization,
    Person,
    Proposal,
    Role,
    validate_wikidata_id,
)

SEARCH_HELP = (
    'Full-text search, web-search syntax: words, "a quoted phrase", -excluded, or. Matches are '
    "stemmed (English) and ranked; without `ordering` the best come first."
)


EMPTY_VALUE = "Empty: give a value, or leave the parameter out."


class IdFilter(filters.NumberFilter):
    """A record's id: a whole number (django-filter's NumberFilter takes any decimal).

    The schema says integer: drf-spectacular reads the model field, or the `int` hint of the
    filter's method.
    """

    field_class = forms.IntegerField


class AnyNumberFilter(filters.NumberFilter):
    """A number, however large: django-filter caps NumberFilter at 1e50, which the schema cannot say,
    and a bound past every stored value is a question with an answer (nothing, or everything)."""

    def get_max_validator(self) -> None:
        return None


class InstantFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 date-time, compared in UTC. ISO allows offsets up to ±23:59 and Postgres takes
    only ±15:59, so the instant is converted first; one before year 1 or after 9999 in UTC is the
    earliest or latest instant Python has, which compares the same against every stored time."""

    def filter(self, queryset: QuerySet, value: datetime | None) -> QuerySet:
        if value is not None:
            try:
                value = value.astimezone(UTC)
            except OverflowError:
                value = (datetime.min if value.year == 1 else datetime.max).replace(tzinfo=UTC)
        return super().filter(queryset, value)


class FilterSet(filters.FilterSet):
    """django-filter's FilterSet without its per-request rebuilding.

    django-filter deep-copies every declared filter and builds a new form class for every
    request, which costs more than a page of rows. The filters here keep no per-request
    state but their parent (and the method bound to it), so a shallow copy of each is enough, and the form class (made
    of the filters' form fields) is made once per FilterSet class.
    """

    def __init__(
        self, data: Any = None, queryset: QuerySet | None = None, *, request: Any = None, prefix: Any = None
    ) -> None:
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method  # binds the filter's method to this copy and its parent

    @classmethod
    def get_filters(cls) -> dict[str, filters.Filter]:
        found = super().get_filters()
        for name, filter_ in found.items():
            # django-filter labels a filter by its model field, "[invalid name]" when it has none
            # (a method filter such as speaker_type): the browsable API's form shows the label.
            if filter_.label is None and filter_.method is not None:
                filter_.label = name.replace("_", " ").capitalize()
        return found

    def sent_none(self) -> bool:
        return self.is_bound and not any(name in self.data for name in self.filters)

    def is_valid(self) -> bool:
        if self.sent_none():
            return True  # nothing to validate, and no form to build
        valid = super().is_valid()
        for name, filter_ in self.filters.items():
            # "" is text, but not a number, a date, one of a list of choices or an identifier (as the schema says).
            takes_empty = isinstance(filter_, filters.CharFilter) and not isinstance(filter_, WikidataIdFilter)
            if self.data.get(name) == "" and not takes_empty:
                self.form.add_error(name, EMPTY_VALUE)
                valid = False
        return valid

    @property
    def qs(self) -> QuerySet:
        if self.sent_none():
            return self.queryset.all()
        return super().qs

    def get_form_class(self) -> type:
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class


class ChangedFilters(FilterSet):
    """When records were created and last changed: every list has these, to fetch what is new since."""

    created_after = InstantFilter(field_name="created_at", lookup_expr="gte", help_text="Created at or after.")
    created_before = InstantFilter(field_name="created_at", lookup_expr="lte", help_text="Created at or before.")
    updated_after = InstantFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Created or changed at or after (ISO 8601): what changed since a time. Deletions are in "
        "/api/v1/changes/.",
    )
    updated_before = InstantFilter(
        field_name="updated_at", lookup_expr="lte", help_text="Last created or changed at or before."
    )


class SpeakerFilters(FilterSet):
    speaker_person = IdFilter(help_text="Only what this person (id) said or gave.")
    speaker_organization = IdFilter(help_text="Only what this organization (id) said or gave.")
    speaker_group = filters.CharFilter(
        lookup_expr="icontains", help_text="Unnamed sources whose description contains this (“activists”)."
    )
    speaker_type = filters.ChoiceFilter(
        choices=[("person", "person"), ("organization", "organization"), ("group", "group"), ("article", "article")],
        method="filter_speaker_type",
        help_text="Who is speaking: a person, an organization, an unnamed group, or the article's own voice.",
    )

    def filter_speaker_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "person":
            return queryset.filter(speaker_person__isnull=False)
        if value == "organization":
            return queryset.filter(speaker_organization__isnull=False)
        if value == "group":
            return queryset.filter(speaker_group__isnull=False)
        return queryset.filter(speaker_person=None, speaker_organization=None, speaker_group=None)


class ArticleDateFilters(ChangedFilters):
    """Filters on the article a record comes from."""

    publisher = filters.CharFilter(field_name="article__publisher", lookup_expr="iexact", help_text="Publisher name.")
    published_after = filters.DateFilter(
        field_name="article__published_on", lookup_expr="gte", help_text="Articles published on or after (YYYY-MM-DD)."
    )
    published_before = filters.DateFilter(
        field_name="article__published_on", lookup_expr="lte", help_text="Articles published on or before."
    )


class VersionFilters(FilterSet):
    """Which versions of their articles facts come from, and how they were carried (facts/services/versions.py)."""

    article_versions = filters.ChoiceFilter(
        choices=[("latest", "latest"), ("all", "all")],
        method="filter_article_versions",
        help_text="`latest`: only facts of the latest version of each article. `all`: facts across every version, "
        "each carried fact once (its copy on the latest version it reached; a fact orphaned by a correction on "
        "the version it stayed on). Left out: every stored record, a carried fact once per version.",
    )
    anchoring = filters.ChoiceFilter(
        choices=[*CarriedFact.Status.choices[:3], ("unconfirmed", "unconfirmed")],
        method="filter_anchoring",
        help_text="Facts carried from a previous version with this status; `unconfirmed`: fuzzy, not yet confirmed.",
    )

    def filter_article_versions(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "latest":
            return queryset.filter(article__next_version__isnull=True)
        return queryset.filter(Q(carried_onward__isnull=True) | Q(carried_onward__status=CarriedFact.Status.ORPHANED))

    def filter_anchoring(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "unconfirmed":
            return queryset.filter(anchoring__status=CarriedFact.Status.FUZZY, anchoring__confirmed_at=None)
        return queryset.filter(anchoring__status=value)


class ClaimFilterSet(SpeakerFilters, ArticleDateFilters, VersionFilters):
    article = IdFilter(help_text="Only claims in this article (id).")
    kind = filters.ChoiceFilter(choices=Claim.Kind.choices, help_text="direct_quote, paraphrase or assertion.")
    review_status = filters.ChoiceFilter(choices=Claim.ReviewStatus.choices, help_text="The latest review verdict.")
    measure = IdFilter(method="filter_measure", help_text="Only claims with a figure counting this measure (id).")
    q = filters.CharFilter(method=full_text, help_text=SEARCH_HELP)

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_measure(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Exists(Figure.objects.filter(claim=OuterRef("pk"), measure_id=value)))


class FigureFilterSet(SpeakerFilters, ArticleDateFilters, VersionFilters):
    article = IdFilter(help_text="Only figures in this article (id).")
    measure = IdFilter(help_text="Only figures counting this measure (id).")
    claim = IdFilter(help_text="Only figures inside this claim (id).")
    qualifier = filters.ChoiceFilter(choices=Figure.Qualifier.choices, help_text="How the number was qualified.")
    unit = filters.CharFilter(lookup_expr="iexact", help_text="The unit, such as people.")
    value_min = AnyNumberFilter(
        method="filter_value_min",
        help_text="Figures whose value, or for ranges and vague figures whose high bound, is at least this "
        "(an open high bound always qualifies).",
    )
    value_max = AnyNumberFilter(
        method="filter_value_max",
        help_text="Figures whose value, or for ranges and vague figures whose low bound, is at most this.",
    )

    class Meta:
        model = Figure
        fields: list[str] = []

    def filter_value_min(self, queryset: QuerySet, name: str, value: float) -> QuerySet:
        # value is a Decimal; the hint tells the schema the parameter is a number.
        return queryset.filter(
            Q(value__gte=value) | Q(value__isnull=True) & (Q(high__gte=value) | Q(high__isnull=True))
        )

    def filter_value_max(self, queryset: QuerySet, name: str, value: float) -> QuerySet:
        # value is a Decimal; the hint tells the schema the parameter is a number.
        return queryset.filter(Q(value__lte=value) | Q(value__isnull=True, low__lte=value))


class ArticleFilterSet(ChangedFilters):
    publisher = filters.CharFilter(lookup_expr="iexact", help_text="Publisher name.")
    language = filters.CharFilter(lookup_expr="iexact", help_text="BCP 47 language tag, such as en.")
    published_after = filters.DateFilter(
        field_name="published_on", lookup_expr="gte", help_text="Published on or after."
    )
    published_before = filters.DateFilter(
        field_name="published_on", lookup_expr="lte", help_text="Published on or before."
    )
    person = IdFilter(method="filter_person", help_text="Only articles that name this person (id).")
    organization = IdFilter(method="filter_organization", help_text="Only articles that name this organization (id).")
    q = filters.CharFilter(method=full_text, help_text=SEARCH_HELP + " Searches titles and bodies.")
    # The words true or false, nothing else (a BooleanFilter would read "null" or "maybe" as unset).
    latest = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_latest",
        help_text="true: only each text's latest version (no current correction replaces it); false: older ones.",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_person(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Exists(Mention.objects.filter(article=OuterRef("pk"), person_id=value)))

    def filter_latest(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The list annotates each article's latest version not withdrawn (ArticleQuerySet.with_version_links).
        latest = Q(pk=F("latest_version_pk"))
        return queryset.filter(latest) if value == "true" else queryset.exclude(latest)

    def filter_organization(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Exists(Mention.objects.filter(article=OuterRef("pk"), organization_id=value)))


WIKIDATA_ID_HELP = "The one with this Wikidata item identifier, such as Q42."


# The schema is given whole here (drf-spectacular then takes the description from it too).
@extend_schema_field({"type": "string", "pattern": f"^{WIKIDATA_ID.pattern}$", "description": WIKIDATA_ID_HELP})
class WikidataIdFilter(filters.CharFilter):
    """A Wikidata item identifier (Q42), its format in the schema too, so clients send only valid ones."""


class ActorFilterSet(ChangedFilters):
    name = filters.CharFilter(lookup_expr="icontains", help_text="Name contains this (any case).")
    q = filters.CharFilter(method="filter_q", help_text="Name or an alias contains this (any case).")
    article = IdFilter(method="filter_article", help_text="Only those named in this article (id).")
    wikidata_id = WikidataIdFilter(validators=[validate_wikidata_id], help_text=WIKIDATA_ID_HELP)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.alias(alias_text=AliasesText(F("aliases"))).filter(
            Q(name__icontains=value) | Q(alias_text__icontains=value)
        )

    def filter_article(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        holder = queryset.model._meta.model_name
        return queryset.filter(Exists(Mention.objects.filter(article_id=value, **{holder: OuterRef("pk")})))


class AliasesText(Func):
    """The aliases as one searchable text, one a line: facts_aliases_text (migration 0014), an
    array_to_string that can be indexed, so the trigram index serves this filter."""

    function = "facts_aliases_text"
    output_field = TextField()


class PersonFilterSet(ActorFilterSet):
    class Meta:
        model = Person
        fields: list[str] = []


class OrganizationFilterSet(ActorFilterSet):
    class Meta:
        model = Organization
        fields: list[str] = []


class MeasureFilterSet(ChangedFilters):
    name = filters.CharFilter(lookup_expr="icontains", help_text="Name contains this (any case).")
    unit = filters.CharFilter(lookup_expr="iexact", help_text="The unit, such as people.")

    class Meta:
        model = Measure
        fields: list[str] = []


class MentionFilterSet(ChangedFilters, VersionFilters):
    article = IdFilter(help_text="Only mentions in this article (id).")
    person = IdFilter(help_text="Only mentions of this person (id).")
    organization = IdFilter(help_text="Only mentions of this organization (id).")

    class Meta:
        model = Mention
        fields: list[str] = []


class RoleFilterSet(ChangedFilters, VersionFilters):
    article = IdFilter(help_text="Only roles stated in this article (id).")
    person = IdFilter(help_text="Only roles of this person (id).")
    organization = IdFilter(help_text="Only roles of this organization (id).")
    affiliation = IdFilter(help_text="Only roles held at this organization (id).")
    title = filters.CharFilter(lookup_expr="icontains", help_text="The title contains this (any case).")

    class Meta:
        model = Role
        fields: list[str] = []


class ProposalFilterSet(ChangedFilters):
    article = IdFilter(help_text="Only proposals for this article (id).")
    kind = filters.ChoiceFilter(
        choices=Proposal.Kind.choices, help_text="person, organization, mention, role, claim or figure."
    )
    status = filters.ChoiceFilter(
        choices=Proposal.Status.choices, help_text="pending, accepted, rejected or superseded."
    )
    min_confidence = AnyNumberFilter(
        field_name="confidence", lookup_expr="gte", help_text="Only proposals at least this confident (0 to 1)."
    )
    extractor_version = filters.CharFilter(help_text="Only proposals of this extractor version.")

    class Meta:
        model = Proposal
        fields: list[str] = []


class ClaimReviewFilterSet(ChangedFilters):
    article = IdFilter(help_text="Only reviewed claims in this article (id).")
    speaker_person = IdFilter(help_text="Only what this person (id) said.")
    review_status = filters.ChoiceFilter(
        choices=[choice for choice in Claim.ReviewStatus.choices if choice[0] != Claim.ReviewStatus.UNREVIEWED],
        help_text="The latest review verdict.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []
