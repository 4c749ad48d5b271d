"""List pages: what they show, search and filters, and query counts that do not grow with rows."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from facts import services
from facts.models import Claim
from tests.factories import make_article, make_claim, make_figure, make_measure, make_organization, make_person

pytestmark = pytest.mark.django_db

# Every admin page starts with the same queries:
#   1. the session, 2. the signed-in user,
#   3. is the user an editor (once per request, see FactbaseAdminSite.has_permission),
#   4. the user's own permissions, 5. the user's groups' permissions.
# A list page adds the filters' choices, the filtered and the total count (2 queries), and
# the rows themselves (1 query), with their related records joined in (list_select_related)
# and counts as subqueries.
COMMON = 5
COUNTS_AND_ROWS = 3
CHANGELISTS = {
    # model: the filters' choice queries
    "article": ["languages", "publishers"],
    "claim": ["articles", "people", "organizations"],
    "figure": ["measures", "articles", "people", "organizations"],
    "mention": ["articles", "people", "organizations"],
    "role": ["articles", "affiliations", "people", "organizations"],
    "person": [],
    "organization": [],
    "measure": ["units"],
    "review": ["reviewers"],
}


def add_more_of_everything(count: int = 12) -> None:
    """Rows of every kind, with distinct related records, so N+1 queries would show."""
    for number in range(count):
        reviewer = get_user_model().objects.create_user(f"reviewer{number}")
        article = make_article(title=f"Story {number}", publisher=f"Paper {number}", language="en")
        person = make_person(f"Person {number}", aliases=[f"P. {number}"])
        organization = make_organization(f"Organization {number}")
        claim = make_claim(article, speaker_person=person, attribution_exact="added Mr. Flake")
        make_figure(article, measure=make_measure(), speaker_organization=organization)
        services.mention_create(article=article, exact="Gordon Flake", person=person)
        services.role_create(
            article=article,
            exact="executive director",
            title="executive director",
            person=person,
            affiliation=organization,
        )
        services.claim_review(claim=claim, status=Claim.ReviewStatus.VERIFIED, reviewer=reviewer)


@pytest.mark.parametrize("model", CHANGELISTS)
def test_every_list_page_runs_a_fixed_number_of_queries_however_many_rows(
    model, editor_client, seed, django_assert_num_queries
):
    url = reverse(f"admin:facts_{model}_changelist")
    expected = COMMON + len(CHANGELISTS[model]) + COUNTS_AND_ROWS

    with django_assert_num_queries(expected):
        assert editor_client.get(url).status_code == 200

    add_more_of_everything()
    with django_assert_num_queries(expected):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 12


def test_the_claims_list_shows_quote_speaker_kind_status_and_article(editor_client, seed):
    response = editor_client.get(reverse("admin:facts_claim_changelist"))

    assert response.context["cl"].list_display == [
        "action_checkbox",
        "quote",
        "speaker",
        "kind",
        "review_status",
        "article",
        "created_at",
    ]
    assert "Gordon Flake" in response.text


def test_people_are_found_by_an_alias(editor_client, seed):
    response = editor_client.get(reverse("admin:facts_person_changelist"), {"q": "Mr. Flake"})

    assert [person.name for person in response.context["cl"].result_list] == ["Gordon Flake"]


def test_claims_are_found_by_their_quote_text_and_by_their_speakers_alias(editor_client, seed):
    claims = reverse("admin:facts_claim_changelist")

    by_text = editor_client.get(claims, {"q": "up to 300,000"}).context["cl"].result_list
    by_alias = editor_client.get(claims, {"q": "Ms. Newland"}).context["cl"].result_list

    assert by_text and all("up to 300,000" in claim.exact for claim in by_text)
    assert by_alias and {claim.speaker_person.name for claim in by_alias} == {"Cathleen Newland"}


def test_articles_are_found_by_title_and_by_words_of_their_text(editor_client, seed):
    make_article(title="Harvest festival opens")
    articles = reverse("admin:facts_article_changelist")

    by_title = editor_client.get(articles, {"q": "Harvest"}).context["cl"].result_list
    by_text = editor_client.get(articles, {"q": "World Cup"}).context["cl"].result_list

    assert [article.title for article in by_title] == ["Harvest festival opens"]
    assert len(by_text) == 1 and "World Cup" in by_text[0].body


def test_claims_are_filtered_by_review_status_and_kind(editor_client, seed):
    claim = Claim.objects.filter(kind=Claim.Kind.DIRECT_QUOTE).first()
    services.claim_review(claim=claim, status=Claim.ReviewStatus.DISPUTED)
    claims = reverse("admin:facts_claim_changelist")

    disputed = editor_client.get(claims, {"review_status__exact": "disputed"}).context["cl"].result_list
    quotes = editor_client.get(claims, {"kind__exact": "direct_quote"}).context["cl"].result_list

    assert list(disputed) == [claim]
    assert quotes and {c.kind for c in quotes} == {"direct_quote"}


def test_figures_are_filtered_by_measure(editor_client, seed):
    measure = make_measure("Measure under test")
    figure = make_figure(measure=measure, value=Decimal(30))

    response = editor_client.get(reverse("admin:facts_figure_changelist"), {"measure__id__exact": measure.pk})

    assert list(response.context["cl"].result_list) == [figure]


def test_the_autocomplete_finds_speakers_by_alias(editor_client, seed):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "Flake", "app_label": "facts", "model_name": "claim", "field_name": "speaker_person"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Gordon Flake"]
