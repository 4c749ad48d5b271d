"""The editors' working surfaces, as the server draws them: the article page's cards, anchoring help
in the add forms, a measure's comparison, a claim's ClaimReview link. The same flows in a browser
are in test_workspace_browser.py."""

import time

import pytest
from django.urls import reverse

from facts import services
from facts.admin.anchoring_help import closest_passages, normalise, occurrences
from facts.models import Claim, Figure, Measure
from tests.factories import make_article, make_claim, make_figure, make_person
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

TWICE = 'Mr. Flake said "no." Later, in Seoul, Mr. Flake said "no." again, said Ms. Kang. Then said Ms. Kang.'
SECOND_FLAKE = TWICE.index("Mr. Flake said", 1)
KANG = TWICE.index("said Ms. Kang")
SECOND_KANG = TWICE.index("said Ms. Kang", KANG + 1)


def extracted_article():
    """An article with the extractor's proposals: its queued extraction run here, as a worker would."""
    article = make_article(extract=True)
    run_queued_jobs()
    return article


def article_url(article) -> str:
    return reverse("admin:facts_article_change", args=[article.pk])


# The article page --------------------------------------------------------------------------


def test_each_fact_is_a_card_with_its_speaker_by_name_kind_and_review(editor_client):
    article = make_article()
    claim = make_claim(article, speaker_person=make_person(), attribution_exact="added Mr. Flake")
    figure = make_figure(article, measure=Measure.objects.create(name="people who fled", unit="people"))

    response = editor_client.get(article_url(article))

    cards = response.context["workspace"]["cards"]
    claim_card = next(card for card in cards if card.key == f"claim-{claim.pk}")
    assert claim_card.details == [
        ("speaker", "Gordon Flake"),
        ("kind", "direct quote"),
        ("attributed by", "added Mr. Flake"),
    ]
    assert claim_card.status == "unreviewed"
    figure_card = next(card for card in cards if card.key == f"figure-{figure.pk}")
    assert ("value", "more than 30") in figure_card.details
    assert ("measure", "people who fled") in figure_card.details
    # No ID badges: the page says who, not C12.
    assert f"C{claim.pk}" not in response.text
    assert f'data-passage="claim-{claim.pk}"' in response.text


def test_pending_proposals_are_highlighted_and_carded_with_accept_correct_and_reject(editor_client):
    article = extracted_article()
    pending = list(article.proposals.pending())
    assert pending

    response = editor_client.get(article_url(article))

    for proposal in pending:
        assert f'id="passage-proposal-{proposal.pk}"' in response.text
        assert f'id="card-proposal-{proposal.pk}"' in response.text
        assert f'formaction="{reverse("admin:facts_proposal_accept", args=[proposal.pk])}"' in response.text
        assert f'formaction="{reverse("admin:facts_proposal_reject", args=[proposal.pk])}"' in response.text
    # The buttons post a form of their own, outside the article's form (forms cannot nest).
    text = response.text
    assert text.index('<form id="proposal-review"') < text.index('<form method="post" id="article_form"')


def test_a_proposal_once_reviewed_leaves_the_text_and_the_cards(editor_client):
    article = extracted_article()
    proposal = article.proposals.pending().first()
    services.proposal_reject(proposal=proposal, user=None)

    response = editor_client.get(article_url(article))

    assert f'card-proposal-{proposal.pk}"' not in response.text
    assert f'passage-proposal-{proposal.pk}"' not in response.text


def test_the_extraction_status_says_where_the_job_stands_and_what_its_proposals_became(editor_client):
    article = make_article(extract=True)
    never_run = make_article()

    queued = editor_client.get(article_url(article)).text
    run_queued_jobs()
    services.proposal_reject(proposal=article.proposals.first(), user=None)
    done = editor_client.get(article_url(article)).text
    nothing = editor_client.get(article_url(never_run)).text

    total = article.proposals.count()
    assert '<strong class="extraction-queued">queued</strong>: waiting for a worker' in queued
    assert '<strong class="extraction-done">done</strong>' in done
    assert f"Proposals: {total} in all, {total - 1} pending, 0 accepted, 1 rejected" in " ".join(done.split())
    assert "Not asked for: this article was stored without extraction" in nothing


# Every admin page's 5 queries (session, user, editor check, user and group permissions), the
# article (with its counts), then the working surface: claims with their speakers, figures with
# their measures and speakers, roles with holders and affiliations, mentions with their actors,
# pending proposals, and the proposals' totals (the extraction job's state is read with the
# article); then its versions (with their opening words, not their bodies) and the facts carried
# to it. (The history link's content type is cached by the writes that made the data.)
ARTICLE_PAGE_QUERIES = 5 + 1 + 6 + 2


def test_the_article_page_runs_a_fixed_number_of_queries_however_many_facts(editor_client, django_assert_num_queries):
    article = extracted_article()
    make_claim(article, speaker_person=make_person())
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        assert editor_client.get(article_url(article)).status_code == 200

    flake = make_person("Another Person")
    make_figure(article, measure=Measure.objects.create(name="fled", unit="people"), speaker_person=flake)
    services.mention_create(article=article, exact="Gordon Flake", person=flake)
    services.mention_create(article=article, exact="Mr. Flake", person=flake)
    services.role_create(article=article, exact="executive director", title="executive director", person=flake)
    make_claim(article, exact="added Mr. Flake", kind=Claim.Kind.ASSERTION, speaker_group="they")
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = editor_client.get(article_url(article))
    assert len(response.context["workspace"]["cards"]) >= 7


# Anchoring help ----------------------------------------------------------------------------


def test_occurrences_come_with_the_words_around_them():
    found = occurrences(TWICE, "Mr. Flake said")

    assert [passage.start for passage in found] == [0, SECOND_FLAKE]
    assert found[1].before.endswith("Later, in Seoul, ")
    assert found[1].after.startswith(' "no." again')


def test_normalising_folds_quotes_dashes_spaces_and_case_and_keeps_the_original_offsets():
    text, positions = normalise("  “Open”\u00a0\n– Now")

    assert text == '"open" - now'
    assert positions[0] == 2 and positions[-1] == len("  “Open”\u00a0\n– Now") - 1


def test_a_quote_with_curly_quotes_finds_the_passage_with_straight_ones():
    body = 'He says more than 30 people fled. "The border is open," added Mr. Flake.'

    best = closest_passages(body, "“The border is open,” added Mr. Flake")[0]

    assert best.exact == '"The border is open," added Mr. Flake'
    assert best.score == 1
    assert body[best.start : best.end] == best.exact


def test_a_quote_one_word_off_finds_the_passage_without_its_full_stop():
    body = 'He says more than 30 people fled. "The border is open," added Mr. Flake.'

    best = closest_passages(body, "more than 40 people fled")[0]

    assert best.exact == "more than 30 people fled"
    assert 0.9 < best.score < 1


def test_an_unrelated_quote_gets_no_suggestion():
    assert closest_passages(TWICE, "China has opened its border to all refugees") == []


def test_the_closest_passages_of_a_long_article_are_found_while_the_editor_waits(seed_bodies):
    body = "\n".join(seed_bodies.values()) * 4  # about 43,000 characters

    began = time.perf_counter()
    found = closest_passages(body, "More than 100 000 and perhaps as many as 300,000 North Koreans are hiding")
    elapsed = time.perf_counter() - began

    assert found and found[0].exact.startswith("More than 100,000")
    assert elapsed < 5, f"{elapsed:.2f} s"


def add_claim(client, article, **fields):
    data = {"article": article.pk, "kind": "paraphrase", "exact": "", "start": "", "prefix": "", "suffix": ""}
    data.update({"speaker_group": "", "attribution_exact": "", "attribution_start": "", **fields})
    return client.post(reverse("admin:facts_claim_add"), data)


def test_an_ambiguous_quote_gets_a_picker_of_its_occurrences_and_the_pick_is_saved(editor_client):
    article = make_article(TWICE)

    refused = add_claim(editor_client, article, exact="Mr. Flake said")
    saved = add_claim(editor_client, article, exact="Mr. Flake said", start=str(SECOND_FLAKE))

    assert refused.status_code == 200
    assert 'type="radio" name="start" value="0"' in refused.text
    assert f'type="radio" name="start" value="{SECOND_FLAKE}"' in refused.text
    assert "Later, in Seoul, <mark" in refused.text
    assert saved.status_code == 302
    assert Claim.objects.get().start == SECOND_FLAKE


def test_an_ambiguous_attribution_gets_a_picker_too(editor_client):
    article = make_article(TWICE)

    refused = add_claim(editor_client, article, exact="Then", attribution_exact="said Ms. Kang")
    saved = add_claim(
        editor_client, article, exact="Then", attribution_exact="said Ms. Kang", attribution_start=str(SECOND_KANG)
    )

    assert f'type="radio" name="attribution_start" value="{KANG}"' in refused.text
    assert f'type="radio" name="attribution_start" value="{SECOND_KANG}"' in refused.text
    assert saved.status_code == 302
    assert Claim.objects.get().attribution_start == SECOND_KANG


def test_a_near_miss_offers_the_closest_passage_and_one_click_saves_it(editor_client):
    article = make_article()
    near_miss = "“The border is open,” added Mr. Flake"

    refused = add_claim(editor_client, article, exact=near_miss)
    start = article.body.index('"The border')
    button = f'name="_use_passage" value="exact:{start}:{start + len(near_miss)}"'
    saved = add_claim(editor_client, article, exact=near_miss, _use_passage=f"exact:{start}:{start + len(near_miss)}")

    assert "does not occur in article" in refused.text
    assert button in refused.text
    assert saved.status_code == 302
    assert Claim.objects.get().exact == '"The border is open," added Mr. Flake'


def test_a_crafted_use_passage_value_changes_nothing_and_the_quote_is_refused_as_typed(editor_client):
    article = make_article()

    response = add_claim(editor_client, article, exact="not in it", _use_passage="exact:5:99999999")

    assert response.status_code == 200
    assert "does not occur in article" in response.text
    assert not Claim.objects.exists()


def test_the_api_still_refuses_an_ambiguous_quote_with_its_offsets(api_client_for_editor):
    article = make_article(TWICE)

    response = api_client_for_editor.post(
        "/api/v1/claims/", {"article": article.pk, "exact": "Mr. Flake said", "kind": "paraphrase"}, format="json"
    )

    assert response.status_code == 400
    assert "occurs 2 times" in response.json()["exact"][0]


@pytest.fixture
def api_client_for_editor(editor):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor)
    return client


# Measures and claims -----------------------------------------------------------------------


def test_a_measures_page_shows_the_apis_comparison_with_links_to_json_and_csv(editor_client):
    measure = Measure.objects.create(name="North Koreans in China", unit="people")
    make_figure(make_article(), measure=measure, value=30)
    make_figure(
        make_article(published_on="2002-05-20"),
        measure=measure,
        exact="30",
        qualifier=Figure.Qualifier.EXACT,
        speaker_person=make_person("Ms. Kang"),
    )

    response = editor_client.get(reverse("admin:facts_measure_change", args=[measure.pk]))

    comparison = response.context["comparison"]
    assert comparison["figure_count"] == 2 and len(comparison["rows"]) == 2
    assert comparison["rows"][0]["date"] == "2002-05-20"  # the API's order: dated articles first
    assert comparison["rows"][0]["speaker"] == "Ms. Kang"
    assert "Sources agree" in response.text
    json_url = reverse("measure-comparison", args=[measure.pk])
    assert f'href="{json_url}"' in response.text and f'href="{json_url}?format=csv"' in response.text
    assert editor_client.get(json_url).json()["figure_count"] == 2


def test_a_measures_comparison_is_read_as_the_editor_whatever_the_read_access(editor_client, editor, settings):
    # Under `reviewed` anonymous readers see no unreviewed figure; the editor sees both, and the page stays theirs.
    settings.FACTBASE_READ_ACCESS = "reviewed"
    measure = Measure.objects.create(name="North Koreans in China", unit="people")
    make_figure(make_article(), measure=measure, value=30)
    make_figure(make_article(), measure=measure)

    response = editor_client.get(reverse("admin:facts_measure_change", args=[measure.pk]))

    assert response.context["comparison"]["figure_count"] == 2
    assert response.context["user"] == editor
    assert f"<strong>{editor.get_username()}</strong>" in response.text


def test_a_bad_tolerance_on_a_measures_page_is_said_not_a_500(editor_client):
    measure = Measure.objects.create(name="fled", unit="people")

    response = editor_client.get(reverse("admin:facts_measure_change", args=[measure.pk]), {"tolerance": "x"})

    assert response.status_code == 200
    assert "A number from 1 to 1000" in response.text


def test_a_reviewed_claims_page_links_to_its_claimreview_export(editor_client, editor):
    claim = make_claim()
    unreviewed = editor_client.get(reverse("admin:facts_claim_change", args=[claim.pk])).text
    services.claim_review(claim=claim, status=Claim.ReviewStatus.VERIFIED, reviewer=editor)

    reviewed = editor_client.get(reverse("admin:facts_claim_change", args=[claim.pk])).text

    export = reverse("claimreview-detail", args=[claim.pk])
    assert "No ClaimReview until reviewed" in unreviewed and export not in unreviewed
    assert f'href="{export}"' in reviewed
    assert editor_client.get(export).json()["@type"] == "ClaimReview"
