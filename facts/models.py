"""The Factbase domain: articles, and the facts recorded from them with exact provenance.

Every fact sits on a passage of one article: `start`/`end` are offsets into the article
body in Unicode code points (Python `str` indices, end exclusive), and `exact` is the text
between them. The database refuses impossible spans (constraints here, and a trigger in
migration 0002 that compares `exact` with the article body); the model layer refuses them
with a message a person can act on.
"""

import hashlib
import json
from decimal import Decimal
from typing import Any

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Length, Sqrt

CONTEXT_LENGTH = 32
"""How many characters of text before and after a passage are kept as its prefix/suffix."""

EDITORS_GROUP = "editors"
"""The group whose members may record, review and correct facts (API writes and the admin)."""

SEARCH_CONFIG = "english"
"""The Postgres text search configuration for full-text search (stemming, stop words)."""


MERGE_EVENT = "merge"
"""The history label of the event recorded on the person or organization kept by a merge."""


def tracked(*extra: pghistory.Tracker, exclude: tuple[str, ...] = ()) -> Any:
    """Record every insert, update and delete of a model in its history (django-pghistory).

    Postgres triggers write the events, so bulk updates and raw SQL are recorded too. An
    update is recorded only when a field other than the automatic timestamps changes.
    `exclude` leaves fields out of the events: generated search vectors (derived data),
    and an article's body (it never changes, so copying it into every event would only
    grow the table).
    """
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(condition=pghistory.AnyChange(exclude_auto=True)),
        pghistory.DeleteEvent(),
        *extra,
        exclude=list(exclude),
    )


def is_editor(user: Any) -> bool:
    """Whether a user may write: an active member of the editors group, or a superuser."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


def record_etag(instance: models.Model) -> str:
    """A strong ETag from a record's stored values: any change to the row, by any path, changes it.

    The API sends it as ETag and requires it back in If-Match; the admin keeps it in the
    change form. Either way, a change made by someone else in between is never overwritten.
    """
    values = [
        [field.attname, field.value_to_string(instance)]
        for field in instance._meta.concrete_fields
        if not field.generated
    ]
    digest = hashlib.sha256(json.dumps(values, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f'"{digest[:40]}"'


def validate_storable_text(value: str) -> None:
    """Refuse characters Postgres cannot store in a text column.

    A NUL character and a lone surrogate would otherwise fail deep in the database
    driver; refusing them here gives a clear message instead. The text is never altered.
    """
    if "\x00" in value:
        raise ValidationError(
            "Text may not contain the NUL character (U+0000); remove it and send the text again.",
            code="nul_character",
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            "Text contains a lone surrogate (U+%(code)04X) at position %(position)d, which is not a "
            "valid Unicode character; send the text as valid UTF-8.",
            code="lone_surrogate",
            params={"code": ord(value[error.start]), "position": error.start},
        ) from None


def body_sha256(body: str) -> str:
    """The hex SHA-256 of an article body's UTF-8 bytes: the body's identity."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Sha256Hex(models.Func):
    """Postgres's built-in sha256() of a text's UTF-8 bytes, as hex (no pgcrypto needed)."""

    template = "encode(sha256(convert_to(%(expressions)s, 'UTF8')), 'hex')"
    output_field = models.CharField()


def _not_empty(field: str) -> Q:
    # Unknown metadata is NULL; an empty string would be a second spelling of "unknown".
    return Q(**{f"{field}__isnull": True}) | ~Q(**{field: ""})


class Timestamped(models.Model):
    """When a record was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


@tracked(exclude=("body", "search_vector"))
class Article(Timestamped):
    """A news article: its text exactly as received, plus what is known about it.

    The body never changes once stored (a corrected text is a new article); its SHA-256
    identifies it, so the same text stored twice resolves to one article. Metadata is
    NULL when unknown: never invented.
    """

    body = models.TextField(validators=[validate_storable_text])
    sha256 = models.CharField(
        "SHA-256",
        max_length=64,
        unique=True,
        editable=False,
        help_text="Hex SHA-256 of the body's UTF-8 bytes.",
    )
    title = models.CharField(max_length=500, null=True, blank=True, validators=[validate_storable_text])
    publisher = models.CharField(max_length=200, null=True, blank=True, validators=[validate_storable_text])
    url = models.URLField("URL", max_length=2000, null=True, blank=True)
    language = models.CharField(
        max_length=35,
        null=True,
        blank=True,
        validators=[validate_storable_text],
        help_text="BCP 47 language tag, such as en or pt-BR.",
    )
    published_on = models.DateField(null=True, blank=True)
    # Full-text search over title and body, kept by Postgres itself.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="facts_article_search"),
            models.Index(fields=["publisher", "published_on"], name="facts_article_publisher"),
            models.Index(fields=["published_on"], name="facts_article_published_on"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="facts_article_body_not_empty"),
            models.CheckConstraint(
                condition=Q(sha256=Sha256Hex("body")),
                name="facts_article_sha256_matches_body",
                violation_error_message="The stored SHA-256 does not match the article body.",
            ),
            *(
                models.CheckConstraint(condition=_not_empty(field), name=f"facts_article_{field}_not_empty")
                for field in ("title", "publisher", "url", "language")
            ),
        ]

    def __str__(self) -> str:
        if self.title:
            return self.title
        opening = self.body[:60]
        return f"{opening}…" if len(self.body) > 60 else opening

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.body_changed():
            raise ValidationError(
                "An article's body never changes once stored; store the corrected text as a new article.",
                code="body_immutable",
            )
        self.sha256 = body_sha256(self.body)
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            # A stored article's body, hash and creation time never change, so an update writes
            # only the other fields (the application's database role may not write the body).
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and not field.generated and field.name not in ("body", "sha256", "created_at")
            ]
        super().save(*args, **kwargs)
        self._stored_body = self.body

    @classmethod
    def from_db(cls, db, field_names, values):  # type: ignore[no-untyped-def]
        instance = super().from_db(db, field_names, values)
        # Remember the body as stored, so a change to it can be refused.
        instance._stored_body = instance.__dict__.get("body")
        return instance

    def body_changed(self) -> bool:
        stored = getattr(self, "_stored_body", None)
        return self.pk is not None and stored is not None and stored != self.body

    def clean(self) -> None:
        if self.body_changed():
            raise ValidationError(
                {
                    "body": ValidationError(
                        "An article's body never changes once stored; store the corrected text as a new article.",
                        code="body_immutable",
                    )
                }
            )
        self.sha256 = body_sha256(self.body)


class Actor(Timestamped):
    """Something with a name that can speak or be named: a person or an organization."""

    name = models.CharField(max_length=300, validators=[validate_storable_text])
    aliases = ArrayField(
        models.CharField(max_length=300, validators=[validate_storable_text]),
        default=list,
        blank=True,
        help_text="Other forms of the name used in articles, such as “Mr. Flake”.",
    )

    class Meta:
        abstract = True
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="%(app_label)s_%(class)s_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.name in self.aliases:
            raise ValidationError({"aliases": "An alias repeats the name; list only other forms."})
        if len(set(self.aliases)) != len(self.aliases):
            raise ValidationError({"aliases": "An alias is listed twice."})


@tracked(pghistory.ManualEvent(MERGE_EVENT))
class Person(Actor):
    """A named person. Roles and mentions are recorded per article, with their passages."""

    class Meta(Actor.Meta):
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"], name="facts_person_name")]


@tracked(pghistory.ManualEvent(MERGE_EVENT))
class Organization(Actor):
    """A named organization: a company, a government body, an NGO, a newspaper."""

    class Meta(Actor.Meta):
        indexes = [models.Index(fields=["name"], name="facts_organization_name")]


@tracked()
class Measure(Timestamped):
    """What a figure counts (“North Korean refugees hiding in northeast China”).

    Figures from many articles that count the same thing share a measure, so the values
    different sources reported can be lined up side by side.
    """

    name = models.CharField(max_length=300, unique=True, validators=[validate_storable_text])
    description = models.TextField(blank=True, validators=[validate_storable_text])
    unit = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_storable_text],
        help_text="The unit the values are in, such as people or US dollars.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="facts_measure_name_not_empty")]

    def __str__(self) -> str:
        return self.name


class Passage(Timestamped):
    """Where a fact sits: a span of one article's body (W3C TextPosition + TextQuote).

    `body[start:end] == exact` always holds; `prefix` and `suffix` are up to 32
    characters of the text just before and after, for re-anchoring and display.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="%(class)ss")
    start = models.PositiveIntegerField(help_text="Offset of the first character, in code points.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character (exclusive).")
    exact = models.TextField(validators=[validate_storable_text])
    prefix = models.TextField(blank=True, validators=[validate_storable_text])
    suffix = models.TextField(blank=True, validators=[validate_storable_text])

    class Meta:
        abstract = True
        ordering = ["article", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")),
                name="%(app_label)s_%(class)s_start_before_end",
                violation_error_message="A passage must start before it ends.",
            ),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("exact")),
                name="%(app_label)s_%(class)s_exact_fits_span",
                violation_error_message="The passage text must be exactly end − start characters long.",
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                name="%(app_label)s_%(class)s_one_per_span",
                violation_error_message="This passage of the article is already recorded.",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.article_id is None or self.start is None or self.end is None or self.exact is None:
            return  # field validation reports what is missing
        problem = passage_problem(
            self.article.body, start=self.start, end=self.end, exact=self.exact, prefix=self.prefix, suffix=self.suffix
        )
        if problem:
            raise ValidationError({"exact": ValidationError(problem, code="passage_mismatch")})


def passage_problem(body: str, *, start: int, end: int, exact: str, prefix: str = "", suffix: str = "") -> str:
    """Say what is wrong with a passage against an article body, or "" when it holds."""
    if not 0 <= start < end:
        return f"The offsets {start}–{end} are not a span: start must be at least 0 and less than end."
    if end > len(body):
        return f"The passage ends at {end}, past the end of the article body ({len(body)} characters)."
    if body[start:end] != exact:
        return f"The article text at {start}–{end} is {body[start:end]!r}, not {exact!r}."
    if prefix and not body[:start].endswith(prefix):
        return f"The text before {start} is not the given prefix {prefix!r}."
    if suffix and not body[end:].startswith(suffix):
        return f"The text after {end} is not the given suffix {suffix!r}."
    return ""


def _at_most_one(*fields: str) -> Q:
    """A condition that holds when at most one of the fields is set."""
    conditions = Q()
    for field in fields:
        others = {f"{other}__isnull": True for other in fields if other != field}
        conditions |= Q(**others)
    return conditions


def _exactly_one(*fields: str) -> Q:
    conditions = Q()
    for field in fields:
        only = {f"{other}__isnull": other != field for other in fields}
        conditions |= Q(**only)
    return conditions


class Attributed(models.Model):
    """Who a statement or figure comes from.

    A named person, a named organization, an unnamed group or individual described in
    words (“some activists”, “a South Korean diplomat”), or none of these: the article's
    own voice.
    """

    speaker_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="%(class)ss"
    )
    speaker_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="%(class)ss"
    )
    speaker_group = models.CharField(
        max_length=300,
        null=True,
        blank=True,
        validators=[validate_storable_text],
        help_text="An unnamed source described in words, as the article does (“some activists”).",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=_at_most_one("speaker_person", "speaker_organization", "speaker_group"),
                name="%(app_label)s_%(class)s_one_speaker",
                violation_error_message="Give one speaker: a person, an organization or a group, not several.",
            ),
            models.CheckConstraint(
                condition=_not_empty("speaker_group"), name="%(app_label)s_%(class)s_speaker_group_not_empty"
            ),
        ]

    @property
    def speaker(self) -> "Person | Organization | str | None":
        """The speaker, whichever kind it is; None for the article's own voice."""
        return self.speaker_person or self.speaker_organization or self.speaker_group


@tracked(exclude=("search_vector",))
class Claim(Passage, Attributed):
    """One statement in one article: what was said, by whom, in which words, and its review.

    The passage is the statement itself (for a direct quote, the words inside the
    quotation marks); the words that attribute it (“added Mr. Flake”) may be recorded as
    their own passage of the same article.
    """

    class Kind(models.TextChoices):
        DIRECT_QUOTE = "direct_quote", "direct quote"
        PARAPHRASE = "paraphrase", "paraphrase"
        ASSERTION = "assertion", "assertion"

    class ReviewStatus(models.TextChoices):
        UNREVIEWED = "unreviewed", "unreviewed"
        VERIFIED = "verified", "verified"
        DISPUTED = "disputed", "disputed"
        FALSE = "false", "false"
        UNVERIFIABLE = "unverifiable", "unverifiable"
        RETRACTED = "retracted", "retracted"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    attribution_start = models.PositiveIntegerField(null=True, blank=True)
    attribution_end = models.PositiveIntegerField(null=True, blank=True)
    attribution_exact = models.TextField(null=True, blank=True, validators=[validate_storable_text])
    review_status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED)
    search_vector = models.GeneratedField(
        expression=SearchVector("exact", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            *Attributed.Meta.constraints,
            models.CheckConstraint(
                condition=Q(
                    attribution_start__isnull=True, attribution_end__isnull=True, attribution_exact__isnull=True
                )
                | Q(
                    attribution_start__lt=F("attribution_end"),
                    attribution_end=F("attribution_start") + Length("attribution_exact"),
                ),
                name="facts_claim_attribution_is_a_span",
                violation_error_message="The attribution needs its text and a span that fits it.",
            ),
        ]
        indexes = [
            models.Index(fields=["review_status"], name="facts_claim_review_status"),
            models.Index(fields=["speaker_person", "id"], name="facts_claim_speaker_person"),
            models.Index(fields=["speaker_organization", "id"], name="facts_claim_speaker_org"),
            models.Index(fields=["kind"], name="facts_claim_kind"),
            GinIndex(fields=["search_vector"], name="facts_claim_search"),
        ]

    def __str__(self) -> str:
        return self.exact if len(self.exact) <= 80 else f"{self.exact[:79]}…"

    def clean(self) -> None:
        super().clean()
        if self.attribution_exact is None or self.article_id is None:
            return
        problem = passage_problem(
            self.article.body,
            start=self.attribution_start,
            end=self.attribution_end,
            exact=self.attribution_exact,
        )
        if problem:
            raise ValidationError({"attribution_exact": ValidationError(problem, code="passage_mismatch")})


class Review(models.Model):
    """An editor's verdict on a claim, with a note; the claim keeps the latest status."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=20, choices=Claim.ReviewStatus.choices)
    note = models.TextField(blank=True, validators=[validate_storable_text])
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        get_latest_by = "reviewed_at"

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.claim}"


class FigureQuerySet(models.QuerySet):
    def with_central_estimate(self) -> "FigureQuerySet":
        """Annotate what each figure reports as numbers that can be compared across sources.

        `lower_bound`/`upper_bound`: the interval it states (NULL where open);
        `central_estimate`: its value, or for a range or vague figure the geometric mean of
        its bounds (its low bound when it has no high). Geometric, because sources that
        disagree do so by orders of magnitude (“tens of thousands” against “300,000”).
        """
        return self.annotate(
            lower_bound=Coalesce("low", "value"),
            upper_bound=Coalesce("high", "value"),
            central_estimate=Coalesce("value", Sqrt(F("low") * F("high")), "low"),
        )


@tracked()
class Figure(Passage, Attributed):
    """One number as reported: its value or bounds, qualifier, unit, and what it counts.

    Which of `value`, `low` and `high` are set follows from the qualifier:

    ============================  =====  =====  =====
    qualifier                     value  low    high
    ============================  =====  =====  =====
    exact                         n      n      n
    approximately                 n      —      —
    more than, at least           n      n      —
    fewer than, up to, as many as n      —      n
    range                         —      a      b
    vague (“tens of thousands”)   —      min    max or —
    ============================  =====  =====  =====
    """

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exact"
        APPROXIMATELY = "approximately", "approximately"
        MORE_THAN = "more_than", "more than"
        AT_LEAST = "at_least", "at least"
        UP_TO = "up_to", "up to"
        AS_MANY_AS = "as_many_as", "as many as"
        RANGE = "range", "range"
        FEWER_THAN = "fewer_than", "fewer than"
        VAGUE = "vague", "vague"

    LOWER_BOUNDED = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
    UPPER_BOUNDED = (Qualifier.FEWER_THAN, Qualifier.UP_TO, Qualifier.AS_MANY_AS)
    # What an editor gives besides the article and the passage, in the order forms show it
    # (the API's write serializer, the admin, the add form and the bulk import share it).
    RECORD_FIELDS = (
        "qualifier",
        "value",
        "low",
        "high",
        "unit",
        "measure",
        "place",
        "period",
        "claim",
        "speaker_person",
        "speaker_organization",
        "speaker_group",
    )

    value = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    low = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    high = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices)
    unit = models.CharField(max_length=100, blank=True, validators=[validate_storable_text])
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, null=True, blank=True, related_name="figures")
    place = models.CharField(
        max_length=300, blank=True, validators=[validate_storable_text], help_text="Where the figure applies."
    )
    period = models.CharField(
        max_length=300, blank=True, validators=[validate_storable_text], help_text="When the figure applies."
    )
    claim = models.ForeignKey(
        Claim,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="figures",
        help_text="The claim this figure is part of, if any.",
    )

    objects = FigureQuerySet.as_manager()

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            *Attributed.Meta.constraints,
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="facts_figure_low_not_above_high",
                violation_error_message="The low bound may not be above the high bound.",
            ),
            models.CheckConstraint(
                condition=Q(qualifier="exact", value__isnull=False, low=F("value"), high=F("value"))
                | Q(qualifier="approximately", value__isnull=False, low__isnull=True, high__isnull=True)
                | Q(qualifier__in=["more_than", "at_least"], value__isnull=False, low=F("value"), high__isnull=True)
                | Q(
                    qualifier__in=["fewer_than", "up_to", "as_many_as"],
                    value__isnull=False,
                    low__isnull=True,
                    high=F("value"),
                )
                | Q(qualifier="range", value__isnull=True, low__isnull=False, high__isnull=False)
                | Q(qualifier="vague", value__isnull=True, low__isnull=False),
                name="facts_figure_bounds_match_qualifier",
                violation_error_message="The value and bounds do not match the qualifier.",
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "value"], name="facts_figure_measure_value"),
            models.Index(fields=["qualifier"], name="facts_figure_qualifier"),
        ]

    def __str__(self) -> str:
        return self.exact

    @classmethod
    def implied_bounds(cls, qualifier: str, value: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
        """The (low, high) bounds a qualifier gives a stated value, per the class table."""
        if value is None:
            return None, None
        if qualifier == cls.Qualifier.EXACT:
            return value, value
        if qualifier in cls.LOWER_BOUNDED:
            return value, None
        if qualifier in cls.UPPER_BOUNDED:
            return None, value
        return None, None

    @classmethod
    def bounds_or_implied(
        cls, qualifier: str, value: Decimal | None, low: Decimal | None, high: Decimal | None
    ) -> tuple[Decimal | None, Decimal | None]:
        """The (low, high) bounds given, each left out taken from what the qualifier implies."""
        implied_low, implied_high = cls.implied_bounds(qualifier, value)
        return (implied_low if low is None else low, implied_high if high is None else high)

    def clean(self) -> None:
        super().clean()
        errors = self._bounds_problems()
        if self.claim_id is not None and self.article_id is not None and self.claim.article_id != self.article_id:
            errors["claim"] = "The claim must be from the same article as the figure."
        if errors:
            raise ValidationError(errors)

    def _bounds_problems(self) -> dict[str, str]:
        q = self.Qualifier
        label = q(self.qualifier).label if self.qualifier in q.values else self.qualifier
        if self.qualifier in (q.RANGE, q.VAGUE):
            errors = {}
            if self.value is not None:
                errors["value"] = f"A {label} figure has bounds, not a single value; leave value empty."
            if self.low is None and self.qualifier == q.RANGE:
                errors["low"] = "A range needs its low bound."
            if self.high is None and self.qualifier == q.RANGE:
                errors["high"] = "A range needs its high bound."
            if self.low is None and self.qualifier == q.VAGUE:
                errors["low"] = "A vague figure needs the smallest value its words allow (“hundreds”: 200)."
            if not errors and self.high is not None and self.low > self.high:
                errors["high"] = "The high bound may not be below the low bound."
            return errors
        if self.value is None:
            return {"value": f"A figure qualified as “{label}” needs its value."}
        low, high = self.implied_bounds(self.qualifier, self.value)
        errors = {}
        if self.low != low:
            errors["low"] = f"For “{label}” the low bound is {_describe(low)}."
        if self.high != high:
            errors["high"] = f"For “{label}” the high bound is {_describe(high)}."
        return errors


def _describe(bound: Decimal | None) -> str:
    return "empty" if bound is None else f"the value ({bound.normalize():f})"


@tracked()
class Mention(Passage):
    """A place in an article where a person or an organization is named."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="mentions")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="mentions"
    )

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            models.CheckConstraint(
                condition=_exactly_one("person", "organization"),
                name="facts_mention_names_one_actor",
                violation_error_message="A mention names exactly one person or one organization.",
            ),
        ]

    def __str__(self) -> str:
        return self.exact

    @property
    def actor(self) -> Person | Organization:
        return self.person or self.organization


@tracked()
class Role(Passage):
    """A role or affiliation as one article states it, with its passage.

    “Gordon Flake, executive director of the Mansfield Center for Pacific Affairs”: the
    person is Gordon Flake, the title “executive director”, the affiliation the Mansfield
    Center. Roles change and sources differ, so each is recorded per article.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="roles")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    title = models.CharField(max_length=300, validators=[validate_storable_text])
    affiliation = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliated_roles",
        help_text="The organization the role is held at, if the article names one.",
    )

    class Meta(Passage.Meta):
        constraints = [
            *Passage.Meta.constraints,
            models.CheckConstraint(
                condition=_exactly_one("person", "organization"),
                name="facts_role_has_one_holder",
                violation_error_message="A role belongs to exactly one person or one organization.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="facts_role_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.holder}: {self.title}"

    @property
    def holder(self) -> Person | Organization:
        return self.person or self.organization


class IdempotencyKey(models.Model):
    """A create the API has answered, so a retry with the same Idempotency-Key gets the same answer.

    Keys belong to the account that sent them. The request's fingerprint (method, path and
    body) is kept, so reusing a key for a different request is refused instead of answered
    with the wrong record.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the method, path and body.")
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="facts_idempotencykey_one_per_user")]

    def __str__(self) -> str:
        return self.key


class ProposalQuerySet(models.QuerySet):
    def pending(self) -> "ProposalQuerySet":
        return self.filter(status=Proposal.Status.PENDING)


@tracked()
class Proposal(Passage):
    """A candidate fact the extractor found in an article, waiting for an editor's verdict.

    The passage is where the candidate sits (for a person or an organization: where the
    article first names it in full). `data` holds the proposed values, by kind:

    - person, organization: `name`, `aliases`, and `match` (an existing record with that
      name or alias, when there is exactly one);
    - mention: `actor` ("person" or "organization") and `name`;
    - role: `holder` ({type, name}), `title`, `affiliation` (an organization's name or null);
    - claim: `kind` (direct_quote or paraphrase), `speaker` ({type, name} or null) and
      `attribution` ({start, end, exact} or null);
    - figure: `qualifier`, `value`, `low`, `high` (decimal strings or null), `unit`, `noun`
      (the counted noun phrase, {start, end, exact} or null), `speaker`, `claim` ({start,
      end} of the statement it sits in, or null);

    and `rule`, the pattern that found it. A proposal never becomes a claim or a figure by
    itself: accepting it (facts.services.proposal_accept) creates the record, through the
    same services as every other write, and links it here; `edits` keeps the corrections
    the editor made on accepting. Proposals are unique per article, kind, span and
    extractor version, so running the same extractor again proposes nothing twice.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANIZATION = "organization", "organization"
        MENTION = "mention", "mention"
        ROLE = "role", "role"
        CLAIM = "claim", "claim"
        FIGURE = "figure", "figure"

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"

    # What accepting created (or found already recorded), by kind.
    RECORD_FIELDS = {
        Kind.PERSON: "person",
        Kind.ORGANIZATION: "organization",
        Kind.MENTION: "mention",
        Kind.ROLE: "role",
        Kind.CLAIM: "claim",
        Kind.FIGURE: "figure",
    }

    kind = models.CharField(max_length=20, choices=Kind.choices)
    data = models.JSONField(help_text="The proposed values (see the model's documentation for each kind).")
    edits = models.JSONField(
        default=dict, blank=True, help_text="The corrections the editor made to `data` when accepting."
    )
    confidence = models.FloatField(help_text="How sure the extractor is, from 0 to 1.")
    extractor_version = models.CharField(max_length=50)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals_reviewed"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # A deleted record leaves its proposal accepted, with the link emptied.
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    mention = models.ForeignKey(Mention, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")
    figure = models.ForeignKey(Figure, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals")

    objects = ProposalQuerySet.as_manager()

    class Meta(Passage.Meta):
        ordering = ["article", "start", "end", "kind"]
        constraints = [
            # A passage's own checks, but not its one-record-per-span rule: several kinds, and
            # several extractor versions, can propose on the same span.
            *(c for c in Passage.Meta.constraints if not isinstance(c, models.UniqueConstraint)),
            models.UniqueConstraint(
                fields=["article", "kind", "start", "end", "extractor_version"],
                name="facts_proposal_one_per_span_and_version",
                violation_error_message="This extractor version already proposed this kind of record here.",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1),
                name="facts_proposal_confidence_range",
                violation_error_message="Confidence is between 0 and 1.",
            ),
            models.CheckConstraint(
                condition=~Q(status="pending")
                | Q(
                    reviewed_at__isnull=True,
                    person__isnull=True,
                    organization__isnull=True,
                    mention__isnull=True,
                    role__isnull=True,
                    claim__isnull=True,
                    figure__isnull=True,
                ),
                name="facts_proposal_pending_is_unreviewed",
                violation_error_message="A pending proposal has no reviewer date and no record.",
            ),
            models.CheckConstraint(
                condition=_at_most_one("person", "organization", "mention", "role", "claim", "figure"),
                name="facts_proposal_one_record",
                violation_error_message="A proposal leads to one record at most.",
            ),
            models.CheckConstraint(condition=~Q(extractor_version=""), name="facts_proposal_version_not_empty"),
        ]
        indexes = [
            models.Index(fields=["article", "status"], name="facts_proposal_article_status"),
            models.Index(fields=["status", "kind"], name="facts_proposal_status_kind"),
        ]

    def __str__(self) -> str:
        text = self.exact if len(self.exact) <= 60 else f"{self.exact[:59]}…"
        return f"{self.get_kind_display()}: {text}"

    @property
    def record(self) -> models.Model | None:
        """What accepting created or found, if it still exists."""
        return getattr(self, self.RECORD_FIELDS[self.kind])
