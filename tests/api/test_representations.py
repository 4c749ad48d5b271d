"""The read serializers build their JSON directly (facts/api/representations.py); it must be
byte for byte what DRF's generic field-by-field serialization makes."""

from decimal import Decimal

import pytest
from rest_framework import serializers as drf_serializers
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from facts.api.serializers import FastReadMixin
from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Person, Role
from tests import factories

pytestmark = pytest.mark.django_db


def generic(self, instance):  # type: ignore[no-untyped-def]
    return drf_serializers.Serializer.to_representation(self, instance)


def urls() -> list[str]:
    article = Article.objects.order_by("id").first()
    person = Person.objects.get(name="Gordon Flake")
    return [
        *(
            f"/api/v1/{resource}/?page_size=500"
            for resource in (
                "articles",
                "claims",
                "figures",
                "mentions",
                "roles",
                "people",
                "organizations",
                "measures",
            )
        ),
        f"/api/v1/articles/{article.pk}/",
        f"/api/v1/claims/{Claim.objects.order_by('id').first().pk}/",
        f"/api/v1/figures/{Figure.objects.order_by('id').first().pk}/",
        f"/api/v1/mentions/{Mention.objects.filter(organization__isnull=False).first().pk}/",
        f"/api/v1/roles/{Role.objects.filter(affiliation__isnull=False).first().pk}/",
        f"/api/v1/people/{person.pk}/",
        f"/api/v1/people/{person.pk}/claims/",
        f"/api/v1/organizations/{Organization.objects.order_by('id').first().pk}/",
        f"/api/v1/measures/{Measure.objects.get(name='North Korean refugees in China').pk}/comparison/",
        "/api/v1/claims.json?page_size=5",
        f"/api/v1/articles/{article.pk}.json",
        "/api/v1/figures/?page_size=500&format=csv",
    ]


def test_every_read_serializer_writes_what_drfs_generic_fields_would(anonymous, seed, monkeypatch):
    # Numbers with fractions and many digits, as the normalizing DecimalField writes them.
    factories.make_figure(exact="more than 30", qualifier="approximately", value=Decimal("30.250000"))
    factories.make_figure(exact="more than 30", qualifier="approximately", value=Decimal("123456789012345678901234.5"))
    fast = {url: anonymous.get(url) for url in urls()}
    monkeypatch.setattr(FastReadMixin, "to_representation", generic)
    for url, response in fast.items():
        assert response.status_code == 200, url
        assert anonymous.get(url).content == response.content, url


def test_json_is_rendered_exactly_as_drfs_renderer_would(anonymous, seed):
    odd = factories.make_article(body='Line\u2028separator\u2029, control \x01\x1f, "quoted" \\ backslash, é, 😀.')
    for url in [*urls()[:-1], f"/api/v1/articles/{odd.pk}/", "/api/v1/claim-reviews/"]:
        response = anonymous.get(url)
        assert response.content == DRFJSONRenderer().render(response.data), url
