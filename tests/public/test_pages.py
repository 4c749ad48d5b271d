"""The public pages: what each shows, what it escapes, what it hides, and how many queries it costs."""

import json
import re
from decimal import Decimal

import pytest
from django.test import Client, override_settings
from django.utils.html import escape

from facts import services
from facts.models import Article, Claim, Measure, Organization, Person
from facts.seed import load_seed
from tests.factories import (
    make_article,
    make_claim,
    make_figure,
    make_measure,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def seed(db) -> None:
    load_seed()


@pytest.fixture
def reader() -> Client:
    return Client()


def json_ld_of(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def test_a_reviewed_claim_page_shows_its_passage_in_context_speaker_verdict_note_and_claim_review(reader, seed):
    claim = Claim.objects.get(exact__startswith="They come to Thailand")
    services.claim_review(claim=claim, status="disputed", note="The count of countries is unclear.")

    response = reader.get(f"/claims/{claim.pk}/")

    assert response.status_code == 200
    html = response.text
    assert f'<mark class="passage">{escape(claim.exact)}</mark>' in html
    # The text just before and after the passage is shown around it.
    assert f"{escape(claim.prefix.splitlines()[-1])}<mark" in html
    assert f"</mark>{escape(claim.suffix)}" in html
    assert "Chun Ki-won" in html
    assert "Disputed" in html
    assert "The count of countries is unclear." in html
    [document] = json_ld_of(html)
    assert document["@type"] == "ClaimReview"
    assert document["url"] == f"http://testserver/claims/{claim.pk}/"
    assert document["reviewRating"]["alternateName"] == "Disputed"


def test_an_unreviewed_claim_page_has_no_claim_review(reader, seed):
    claim = Claim.objects.filter(review_status="unreviewed").first()

    response = reader.get(f"/claims/{claim.pk}/")

    assert response.status_code == 200
    assert json_ld_of(response.text) == []
    assert "Unreviewed" in response.text


def test_every_page_has_a_canonical_link_to_its_stable_address(reader, seed):
    claim = Claim.objects.first()
    person, organization = Person.objects.first(), Organization.objects.first()
    measure, article = Measure.objects.first(), Article.objects.first()
    for path in (
        f"/claims/{claim.pk}/",
        f"/people/{person.pk}/",
        f"/organizations/{organization.pk}/",
        f"/measures/{measure.pk}/",
        f"/articles/{article.pk}/",
    ):
        response = reader.get(path, {"utm_source": "feed"})

        assert response.status_code == 200, path
        assert f'<link rel="canonical" href="http://testserver{path}">' in response.text
        assert "/admin/" not in response.text


def test_text_from_the_data_is_escaped_and_cannot_leave_the_json_ld_block(reader):
    article = make_article('Activists said <b>"</script><script>alert(1)</script>" was posted</b> at night.')
    claim = make_claim(article, exact="</script><script>alert(1)</script>", speaker_group="<i>activists</i>")
    services.claim_review(claim=claim, status="false", note="</script><img src=x onerror=alert(2)>")

    html = reader.get(f"/claims/{claim.pk}/").text

    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;i&gt;activists&lt;/i&gt;" in html
    [document] = json_ld_of(html)  # one block, whole: nothing closed it early
    assert document["reviewBody"] == "</script><img src=x onerror=alert(2)>"
    assert document["itemReviewed"]["creditText"] == "<i>activists</i>"
    article_html = reader.get(f"/articles/{article.pk}/").text
    assert "<b>" not in article_html and "&lt;b&gt;" in article_html


def test_a_withdrawn_article_and_its_facts_are_not_found(reader, seed):
    article = Article.objects.first()
    claim = article.claims.first()
    services.article_withdraw(article=article)

    for path in (f"/articles/{article.pk}/", f"/claims/{claim.pk}/"):
        response = reader.get(path)

        assert response.status_code == 404, path
        assert "Not found" in response.text
        assert response["Content-Type"].startswith("text/html")


def test_an_unknown_id_is_a_not_found_page(reader, db):
    response = reader.get("/people/999999/")

    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text


def test_a_person_page_lists_their_roles_claims_and_figures_with_links(reader, seed):
    flake = Person.objects.get(name="Gordon Flake")

    html = reader.get(f"/people/{flake.pk}/").text

    assert "<h1>Gordon Flake</h1>" in html
    assert "executive director" in html
    for claim in flake.claims.all():
        assert f'href="/claims/{claim.pk}/"' in html


def test_an_organization_page_lists_its_claims(reader):
    center = make_organization("Mansfield Center")
    claim = make_claim(kind="assertion", speaker_organization=center)

    html = reader.get(f"/organizations/{center.pk}/").text

    assert "<h1>Mansfield Center</h1>" in html
    assert f'href="/claims/{claim.pk}/"' in html
    assert "No figures recorded." in html


def test_a_measure_page_sets_its_figures_side_by_side_and_says_when_sources_disagree(reader):
    measure = make_measure("North Koreans in northeast China")
    article = make_article("More than 100,000 are hiding. Activists say up to 300,000. Officials say 10,000.")
    make_figure(article, exact="More than 100,000", value=Decimal(100_000), measure=measure)
    make_figure(article, exact="10,000", qualifier="exact", value=Decimal(10_000), measure=measure)

    response = reader.get(f"/measures/{measure.pk}/")

    assert response.status_code == 200
    assert "“More than 100,000”" in response.text and "“10,000”" in response.text
    assert "The sources disagree" in response.text


def test_a_measure_page_with_a_bad_tolerance_is_a_bad_request_naming_it(reader):
    measure = make_measure()

    response = reader.get(f"/measures/{measure.pk}/", {"tolerance": "lots"})

    assert response.status_code == 400
    assert "tolerance" in response.text


def test_an_article_page_highlights_its_passages_linking_to_their_public_pages(reader, seed):
    article = Article.objects.get(claims__exact__startswith="They come to Thailand")
    claim = article.claims.get(exact__startswith="They come to Thailand")

    html = reader.get(f"/articles/{article.pk}/").text

    assert f'id="passage-claim-{claim.pk}"' in html
    assert f'href="/claims/{claim.pk}/"' in html
    assert "/admin/" not in html and "/api/v1/claims/" not in html


def test_an_editor_writes_a_claim_summary_through_the_api_and_it_becomes_the_claim_reviewed(editor, seed):
    claim = Claim.objects.get(exact__startswith="They come to Thailand")
    services.claim_review(claim=claim, status="verified")
    api = editor

    etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    response = api.patch(
        f"/api/v1/claims/{claim.pk}/", {"summary": "Refugees reach Thailand from many countries"}, HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Refugees reach Thailand from many countries"
    review = api.get(f"/api/v1/claim-reviews/{claim.pk}/").json()
    assert review["claimReviewed"] == "Refugees reach Thailand from many countries"


def test_a_summary_longer_than_the_limit_is_refused_and_nothing_changes(editor, seed):
    claim = Claim.objects.first()

    etag = editor.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    response = editor.patch(f"/api/v1/claims/{claim.pk}/", {"summary": "x" * 151}, HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    assert "summary" in response.json()
    claim.refresh_from_db()
    assert claim.summary == ""


# Query counts: each page reads a fixed number of queries whatever the data (anonymous, no session).


@pytest.fixture
def many(db) -> dict:
    """A person and an organization with claims and figures over several articles, all on one measure."""
    flake, center, measure = make_person(), make_organization(), make_measure()
    for n in range(6):
        article = make_article(f"Refugees wait at gate {n}, said Mr. Flake. About {n + 1}00 wait, the center says.")
        claim = make_claim(article, exact=f"Refugees wait at gate {n},", speaker_person=flake)
        services.claim_review(claim=claim, status="verified", note="Checked.")
        services.claim_review(claim=claim, status="disputed", note="Doubted.")
        make_figure(
            article,
            exact=f"About {n + 1}00",
            qualifier="approximately",
            value=Decimal((n + 1) * 100),
            measure=measure,
            speaker_organization=center,
            claim=None,
        )
        make_claim(article, exact="the center says", kind="assertion", speaker_organization=center)
        services.role_create(article=article, exact="the center", title="center", organization=center)
        services.mention_create(article=article, exact="Mr. Flake", person=flake)
    return {"flake": flake, "center": center, "measure": measure, "article": article, "claim": claim}


def test_a_claim_page_is_two_queries(reader, many, django_assert_num_queries):
    # 1: the claim with its article and speakers; 2: its reviews, newest first.
    with django_assert_num_queries(2):
        assert reader.get(f"/claims/{many['claim'].pk}/").status_code == 200


def test_a_person_or_organization_page_is_four_queries(reader, many, django_assert_num_queries):
    # 1: the actor; 2: their claims with articles; 3: their figures with articles and measures;
    # 4: their roles with articles and affiliations.
    for path in (f"/people/{many['flake'].pk}/", f"/organizations/{many['center'].pk}/"):
        with django_assert_num_queries(4):
            assert reader.get(path).status_code == 200


def test_a_measure_page_is_three_queries(reader, many, django_assert_num_queries):
    # 1: the measure; 2: the figures' count and spread; 3: the figures with articles and speakers.
    with django_assert_num_queries(3):
        response = reader.get(f"/measures/{many['measure'].pk}/")

    assert response.text.count("<tr>") == 1 + 6  # the head and a row per figure


def test_an_article_page_is_five_queries(reader, many, django_assert_num_queries):
    # 1: the article; 2: its claims with speakers; 3: figures with measures; 4: roles; 5: mentions.
    with django_assert_num_queries(5):
        response = reader.get(f"/articles/{many['article'].pk}/")

    assert response.text.count('class="passage passage-') >= 5


# The read policy (FACTBASE_READ_ACCESS, facts/access.py) decides for the pages as for the API.


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_access_anonymous_readers_get_reviewed_claims_with_their_prefix_and_suffix_only(reader, seed):
    claim = Claim.objects.get(exact__startswith="They come to Thailand")
    services.claim_review(claim=claim, status="verified")
    unreviewed = Claim.objects.filter(review_status="unreviewed").first()

    html = reader.get(f"/claims/{claim.pk}/").text
    article_html = reader.get(f"/articles/{claim.article_id}/").text

    assert f"{escape(claim.prefix)}<mark" in html  # the whole prefix, not cut at its line break
    assert "awaiting resettlement" not in html  # the sentence after the suffix
    assert reader.get(f"/claims/{unreviewed.pk}/").status_code == 404
    assert "shown to signed-in readers only" in article_html
    assert claim.article.body[:60] not in article_html
    assert f'href="/claims/{claim.pk}/"' in article_html
    assert f'href="/claims/{unreviewed.pk}/"' not in article_html


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_access_a_person_without_reviewed_claims_is_not_found(reader, seed):
    flake = Person.objects.get(name="Gordon Flake")

    assert reader.get(f"/people/{flake.pk}/").status_code == 404
    services.claim_review(claim=flake.claims.first(), status="false")
    html = reader.get(f"/people/{flake.pk}/").text
    assert html.count('href="/claims/') == 1


@override_settings(FACTBASE_READ_ACCESS="signed-in")
def test_under_signed_in_access_anonymous_readers_get_no_page_and_signed_in_ones_do(reader, seed, django_user_model):
    claim = Claim.objects.first()
    paths = [f"/claims/{claim.pk}/", f"/articles/{claim.article_id}/", f"/measures/{Measure.objects.first().pk}/"]

    assert [reader.get(path).status_code for path in paths] == [404, 404, 404]
    reader.force_login(django_user_model.objects.create_user("reader"))
    assert [reader.get(path).status_code for path in paths] == [200, 200, 200]


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_access_a_measure_page_lists_only_figures_of_reviewed_claims_unless_signed_in(
    reader, django_user_model
):
    measure = make_measure()
    article = make_article("Activists say 300 crossed. Officials say 30 crossed.")
    reviewed = make_claim(article, exact="300 crossed.", kind="assertion", speaker_group="Activists")
    services.claim_review(claim=reviewed, status="disputed")
    make_figure(article, exact="300", qualifier="exact", value=Decimal(300), measure=measure, claim=reviewed)
    start = article.body.index("say 30 ") + len("say ")
    make_figure(article, exact="30", start=start, qualifier="exact", value=Decimal(30), measure=measure)

    anonymous_html = reader.get(f"/measures/{measure.pk}/").text
    reader.force_login(django_user_model.objects.create_user("reader"))
    signed_in_html = reader.get(f"/measures/{measure.pk}/").text

    assert "“300”" in anonymous_html and "“30”" not in anonymous_html
    assert "“300”" in signed_in_html and "“30”" in signed_in_html
