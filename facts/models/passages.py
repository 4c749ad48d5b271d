"""Passages: the span of an article a fact sits on, and who a statement or figure is attributed to.

Both are abstract bases; claims, figures, mentions, roles and proposals are passages.
"""

from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length

from facts.models.actors import Actor, Organization, Person
from facts.models.articles import Article
from facts.models.common import ReadPolicyQuerySet, Timestamped, at_most_one, not_empty, validate_storable_text


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

    SPAN_FIELDS = ("exact", "start", "end", "prefix", "suffix")
    """The fields that say where the passage sits (besides its article): every write path takes these."""

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


ARTICLE_SUMMARY = ("article__body", "article__search_vector")
"""The columns of a record's article that lists leave in the database: they show it as a summary."""


def carried_relations(kind: str) -> tuple[str, str]:
    """What a read of facts of this kind joins in to show how each was carried between versions (versions.py)."""
    return (f"anchoring__from_{kind}", "carried_onward")


class AttributedQuerySet(ReadPolicyQuerySet):
    """Queries of the records that have a speaker (claims, figures)."""

    def by_speaker(self, actor: Actor) -> Self:
        """The records whose speaker is this person or organization."""
        if isinstance(actor, Person):
            return self.filter(speaker_person=actor)
        return self.filter(speaker_organization=actor)


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
                condition=at_most_one("speaker_person", "speaker_organization", "speaker_group"),
                name="%(app_label)s_%(class)s_one_speaker",
                violation_error_message="Give one speaker: a person, an organization or a group, not several.",
            ),
            models.CheckConstraint(
                condition=not_empty("speaker_group"), name="%(app_label)s_%(class)s_speaker_group_not_empty"
            ),
        ]

    @property
    def speaker(self) -> "Person | Organization | str | None":
        """The speaker, whichever kind it is; None for the article's own voice."""
        return self.speaker_person or self.speaker_organization or self.speaker_group
