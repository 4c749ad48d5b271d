"""Factories for test data: small functions that build valid records through the services."""

from decimal import Decimal
from importlib import import_module
from itertools import count
from typing import Any

from django.contrib.auth.models import Group, Permission

from facts import services
from facts.models import EDITORS_GROUP, Article, Claim, Figure, Measure, Organization, Person

_numbers = count(1)

DEFAULT_BODY = (
    "Gordon Flake, executive director of the Mansfield Center, says more than 30 people "
    'fled. "The border is open," added Mr. Flake.'
)


def _story_tag(number: int) -> str:
    """A story number written in consonants ("130" is "cfb"): the tag makes each default body
    distinct without adding digits or words that a test's quote ("30", "fled") could also match."""
    return "".join("bcdfghjklm"[int(digit)] for digit in str(number))


def make_article(body: str | None = None, *, extract: bool = False, **metadata: Any) -> Article:
    """An article; each call without a body gets a distinct text.

    No proposals unless `extract`: test data holds exactly what a test makes.
    """
    if body is None:
        body = f"{DEFAULT_BODY} (Story {_story_tag(next(_numbers))}.)"
    article, _ = services.article_ingest(body=body, extract=extract, **metadata)
    return article


def make_person(name: str = "Gordon Flake", aliases: list[str] | None = None) -> Person:
    return Person.objects.create(name=name, aliases=aliases or [])


def make_organization(name: str = "Mansfield Center") -> Organization:
    return Organization.objects.create(name=name)


def make_measure(name: str | None = None) -> Measure:
    return Measure.objects.create(name=name or f"people who fled ({next(_numbers)})", unit="people")


def make_claim(article: Article | None = None, exact: str = "The border is open,", **fields: Any) -> Claim:
    fields.setdefault("kind", Claim.Kind.DIRECT_QUOTE)
    return services.claim_create(article=article or make_article(), exact=exact, **fields)


def make_figure(article: Article | None = None, exact: str = "more than 30", **fields: Any) -> Figure:
    fields.setdefault("qualifier", Figure.Qualifier.MORE_THAN)
    fields.setdefault("value", Decimal(30))
    return services.figure_create(article=article or make_article(), exact=exact, **fields)


def editors_group() -> Group:
    """The editors group with the permissions its migration grants.

    Tests with real transactions (the live server, concurrent clients) empty the database
    after each of them, so the group the migration created is gone for the next one: it
    is made again here with the migration's own permission list.
    """
    codenames = [
        *import_module("facts.migrations.0004_editors_group").codenames(),
        *import_module("facts.migrations.0008_editors_review_proposals").codenames(),
        *import_module("facts.migrations.0014_article_versions").codenames(),
        *import_module("facts.migrations.0020_editors_follow_article_requests").codenames(),
    ]
    group, created = Group.objects.get_or_create(name=EDITORS_GROUP)
    if created:
        group.permissions.set(Permission.objects.filter(content_type__app_label="facts", codename__in=codenames))
    return group


def client_for(user: Any) -> Any:
    """An API client that signs in with the user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
