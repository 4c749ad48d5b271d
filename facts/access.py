"""Who may read what: the read policy, FACTBASE_READ_ACCESS, in one place.

Three levels (factbase/settings.py reads the variable and refuses any other value):

- `public` (the default): anyone reads everything, as before the setting existed.
- `reviewed`: anonymous readers see only what an editor has reviewed: claims whose review
  status is not `unreviewed`, the figures that are part of those claims, the people and
  organizations who made those claims or gave those figures, the measures those figures
  count, the articles those claims are from (without their body) and the claims' reviews.
  Nothing else: no unreviewed claim, no figure outside a reviewed claim, no mention, role
  or proposal, no article body beyond each passage's own prefix and suffix.
- `signed-in`: anonymous readers see nothing but the API's documentation and the sign-in page.

Any signed-in account reads everything at every level. Who reviewed a claim and the internal
review notes stay for editors only whatever the level (facts/editors.py, `sees_internals`).

The level is read at call time, not at import, so `override_settings` changes it in tests.
The API (facts/api/permissions.py and the views), the exports, the feeds and the public
pages all ask here; `visible(queryset, user)` (or `Model.objects.visible_to(user)`) is the
one filter they share.
"""

from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from facts.models import CURRENT_ARTICLE, Article, Claim, Figure, Measure, Organization, Person, Review

PUBLIC = "public"
REVIEWED = "reviewed"
SIGNED_IN = "signed-in"
LEVELS = (PUBLIC, REVIEWED, SIGNED_IN)
"""The values FACTBASE_READ_ACCESS may take, from the most open to the most closed."""

SIGN_IN_HINT = (
    "Sign in: send the header 'Authorization: Token <your token>' (an administrator creates one with "
    "`manage.py create_editor`), or sign in at /api-auth/login/."
)
SIGN_IN_TO_READ = f"This Factbase is readable by signed-in users only (FACTBASE_READ_ACCESS=signed-in). {SIGN_IN_HINT}"
BODY_FOR_SIGNED_IN = (
    "Article bodies are shown to signed-in readers only here (FACTBASE_READ_ACCESS=reviewed); each passage "
    f"carries its own text with its prefix and suffix. {SIGN_IN_HINT}"
)


def hidden_from_anonymous(what: str) -> str:
    """The message refusing an anonymous reader something only signed-in readers see under `reviewed`."""
    return (
        f"{what} are shown to signed-in readers only here (FACTBASE_READ_ACCESS=reviewed): anonymous readers "
        f"see reviewed claims, their figures, and the people, organizations, measures and articles they involve. "
        f"{SIGN_IN_HINT}"
    )


def read_access() -> str:
    """The level in force: `public`, `reviewed` or `signed-in`."""
    return str(getattr(settings, "FACTBASE_READ_ACCESS", PUBLIC))


def is_signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated)


def can_read_everything(user: Any) -> bool:
    """Whether `user` (None or AnonymousUser for an anonymous reader) reads every record and every body.

    True for any signed-in account, and for everyone under `public`. Internals (reviewers,
    internal notes) are a separate question: facts.editors.sees_internals.
    """
    return read_access() == PUBLIC or is_signed_in(user)


def can_read_at_all(user: Any) -> bool:
    """Whether `user` may read anything beyond the documentation: false only for anonymous under `signed-in`."""
    return read_access() != SIGNED_IN or is_signed_in(user)


M = TypeVar("M", bound=Model)


def _reviewed_claims() -> QuerySet[Claim]:
    return Claim.objects.filter(CURRENT_ARTICLE).exclude(review_status=Claim.ReviewStatus.UNREVIEWED)


def _reviewed_figures() -> QuerySet[Figure]:
    return Figure.objects.filter(CURRENT_ARTICLE, claim__isnull=False).exclude(
        claim__review_status=Claim.ReviewStatus.UNREVIEWED
    )


def _involved(field: str) -> Q:
    """Actors (through `field`: speaker_person, speaker_organization) who made a reviewed claim or gave its figure."""
    # One EXISTS over a UNION ALL, not two EXISTS joined by OR: Postgres answers an OR of EXISTS by
    # hashing every reviewed claim and figure on each request (254 ms for the people list on the S
    # benchmark, 19k reviewed claims), a UNION by probing the indexes for the rows of the page (49 ms).
    claims = _reviewed_claims().filter(**{field: OuterRef("pk")}).values("pk")
    figures = _reviewed_figures().filter(**{field: OuterRef("pk")}).values("pk")
    return Q(Exists(claims.union(figures, all=True)))


def reviewed_condition(model: type[Model]) -> Q | None:
    """What anonymous readers see of `model` under `reviewed`, as a filter; None when they see none of it."""
    if model is Claim:
        return ~Q(review_status=Claim.ReviewStatus.UNREVIEWED)
    if model is Figure:
        return Q(claim__isnull=False) & ~Q(claim__review_status=Claim.ReviewStatus.UNREVIEWED)
    if model is Review:
        return ~Q(claim__review_status=Claim.ReviewStatus.UNREVIEWED)
    if model is Person:
        return _involved("speaker_person")
    if model is Organization:
        return _involved("speaker_organization")
    if model is Measure:
        return Q(Exists(_reviewed_figures().filter(measure=OuterRef("pk"))))
    if model is Article:
        return Q(Exists(_reviewed_claims().filter(article=OuterRef("pk"))))
    return None  # mentions, roles, proposals, anything else: not reviewed, not shown


def visible(queryset: QuerySet[M], user: Any) -> QuerySet[M]:
    """`queryset` narrowed to what `user` may read (all of it, for whoever can_read_everything)."""
    if can_read_everything(user):
        return queryset
    if not can_read_at_all(user):
        return queryset.none()
    condition = reviewed_condition(queryset.model)
    return queryset.none() if condition is None else queryset.filter(condition)


def is_visible(model: type[Model], user: Any) -> bool:
    """Whether `user` may read any record of `model` at all (false: refuse the whole resource)."""
    return can_read_everything(user) or (can_read_at_all(user) and reviewed_condition(model) is not None)
