"""Reviewing proposals in the editors' workspace: the list, its actions, a proposal's page, the article page."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from facts import services
from facts.models import Article, Claim, Figure, Measure, Proposal
from tests.factories import make_article
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:facts_proposal_changelist")


@pytest.fixture
def article(seed_bodies) -> Article:
    article, _ = services.article_ingest(body=seed_bodies["000_0b70f8eb3d6f89fe"])
    run_queued_jobs()
    return article


@pytest.fixture
def more_than_30(article) -> Proposal:
    return article.proposals.get(kind="figure", exact="more than 30")


@pytest.fixture
def quote(article) -> Proposal:
    return article.proposals.get(kind="claim", start=1972)


def accept_url(proposal: Proposal) -> str:
    return reverse("admin:facts_proposal_accept", args=[proposal.pk])


# The list ---------------------------------------------------------------------------------

# Every admin page's 5 queries (session, user, editor check, user and group permissions),
# the filters' choices (extractor versions, articles), the filtered and total counts, and
# the rows with their articles and reviewers joined in.
LIST_QUERIES = 5 + 2 + 3


def test_the_list_runs_a_fixed_number_of_queries_however_many_rows(editor_client, article, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        assert editor_client.get(CHANGELIST).status_code == 200

    for number in range(5):
        make_article(f"Jane Doe{number}, a lawyer, said more than {number + 40} people left.", extract=True)
    assert run_queued_jobs() == 5
    services.proposals_accept(proposals=list(article.proposals.filter(kind="figure")), user=None)
    with django_assert_num_queries(LIST_QUERIES):
        response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["cl"].result_count > article.proposals.count()


def test_the_list_shows_what_is_proposed_and_finds_by_text(editor_client, article):
    response = editor_client.get(CHANGELIST, {"q": "added Mr. Flake", "kind__exact": "claim"})
    everything = editor_client.get(CHANGELIST, {"kind__exact": "figure", "status__exact": "pending"})

    assert response.context["cl"].list_display == [
        *("action_checkbox", "passage", "kind", "proposed", "confidence", "status", "article", "reviewed_by"),
        "record",
    ]
    figures = everything.context["cl"].result_list
    assert {p.kind for p in figures} == {"figure"} and len(
        figures
    ) == 6  # with "five" (years ago): durations are figures (issue 12)
    assert "more than 30 North Koreans (people), by the article" in everything.text


def test_selected_proposals_are_accepted_together(editor_client, editor, article):
    chosen = list(article.proposals.filter(start__in=[1865, 3778]) | article.proposals.filter(kind="person"))
    selection = {"action": "accept_selected", ACTION_CHECKBOX_NAME: [p.pk for p in chosen]}

    confirmation = editor_client.post(CHANGELIST, selection)
    assert confirmation.status_code == 200
    assert f"Accept {len(chosen)} pending proposals" in confirmation.text
    assert not Figure.objects.exists()  # nothing is recorded before the editor confirms
    response = editor_client.post(CHANGELIST, {**selection, "_confirm": "Accept"}, follow=True)

    assert f"Accepted {len(chosen)} proposals." in response.text
    hundreds = Figure.objects.get(exact="hundreds")
    assert hundreds.speaker_group == "humanitarian groups who work on refugee issues"
    assert set(Proposal.objects.filter(pk__in=[p.pk for p in chosen]).values_list("status", "reviewed_by")) == {
        ("accepted", editor.pk)
    }


def test_a_selection_that_cannot_all_be_accepted_accepts_none(editor_client, article, more_than_30):
    bad = article.proposals.get(kind="figure", exact="hundreds")
    Proposal.objects.filter(pk=bad.pk).update(data={**bad.data, "qualifier": "nonsense"})

    response = editor_client.post(
        CHANGELIST, {"action": "accept_selected", ACTION_CHECKBOX_NAME: [more_than_30.pk, bad.pk]}, follow=True
    )

    assert "Nothing was accepted" in response.text
    assert not Figure.objects.exists()


def test_selected_proposals_are_rejected_and_accepted_ones_left_alone(editor_client, article, more_than_30, quote):
    services.proposal_accept(proposal=more_than_30, user=None)

    response = editor_client.post(
        CHANGELIST, {"action": "reject_selected", ACTION_CHECKBOX_NAME: [more_than_30.pk, quote.pk]}, follow=True
    )

    assert "Rejected 1 proposal." in response.text
    assert "Left 1 accepted proposal as they are" in response.text
    assert Proposal.objects.get(pk=quote.pk).status == "rejected"
    assert Proposal.objects.get(pk=more_than_30.pk).status == "accepted"


def test_proposals_are_never_added_or_deleted_by_hand(editor_client, more_than_30):
    assert editor_client.get(reverse("admin:facts_proposal_add")).status_code == 403
    assert editor_client.get(reverse("admin:facts_proposal_delete", args=[more_than_30.pk])).status_code == 403


# A proposal's page -----------------------------------------------------------------------


def test_a_proposals_page_shows_it_in_its_article_with_the_review_buttons(editor_client, quote):
    response = editor_client.get(reverse("admin:facts_proposal_change", args=[quote.pk]))

    assert response.status_code == 200
    assert '<mark class="passage passage-proposal">Refugee flows across' in response.text
    assert accept_url(quote) in response.text
    assert reverse("admin:facts_proposal_reject", args=[quote.pk]) in response.text
    assert 'name="as_proposed"' in response.text
    assert "direct quote by Gordon Flake" in response.text


def test_accepting_as_proposed_from_its_page(editor_client, editor, quote):
    response = editor_client.post(accept_url(quote), {"as_proposed": "1"})

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.speaker_person.name, claim.attribution_exact) == ("Gordon Flake", "added Mr. Flake")
    quote.refresh_from_db()
    assert (quote.status, quote.claim, quote.reviewed_by) == ("accepted", claim, editor)
    page = editor_client.get(reverse("admin:facts_proposal_change", args=[quote.pk]))
    assert 'name="as_proposed"' not in page.text  # nothing left to review
    assert reverse("admin:facts_claim_change", args=[claim.pk]) in page.text


def test_the_correction_form_is_prefilled_with_what_was_proposed(editor_client, more_than_30):
    response = editor_client.get(accept_url(more_than_30))

    form = response.context["form"]
    assert form.initial["qualifier"] == "more_than"
    assert form.initial["value"] == "30"
    assert set(form.fields) >= {"qualifier", "value", "low", "high", "unit", "measure", "speaker_type"}


def test_accepting_with_corrections_records_only_what_changed(editor_client, more_than_30):
    measure = Measure.objects.create(name="North Koreans seeking asylum at foreign missions in China", unit="people")
    form = {
        "qualifier": "more_than",
        "value": "30",
        "low": "30",
        "high": "",
        "unit": "people",
        "measure": measure.pk,
        "place": "China",
        "period": "the last month",
        "speaker_type": "",
        "speaker_name": "",
    }

    response = editor_client.post(accept_url(more_than_30), form)

    assert response.status_code == 302
    figure = Figure.objects.get()
    assert (figure.measure, figure.place, figure.period, figure.low) == (measure, "China", "the last month", 30)
    more_than_30.refresh_from_db()
    assert more_than_30.edits == {"measure": measure.pk, "place": "China", "period": "the last month"}


def test_corrections_that_do_not_hold_are_shown_and_record_nothing(editor_client, quote, more_than_30):
    no_name = editor_client.post(accept_url(quote), {"kind": "direct_quote", "speaker_type": "person"})
    bad_bounds = editor_client.post(accept_url(more_than_30), {"qualifier": "range", "low": "50", "high": "40"})

    assert no_name.status_code == 200
    assert no_name.context["form"].errors["speaker_name"]
    assert bad_bounds.status_code == 200
    messages = [str(m) for m in bad_bounds.context["messages"]]
    assert any(m.startswith("Not accepted:") and "high bound" in m for m in messages)
    assert not Claim.objects.exists() and not Figure.objects.exists()


def test_rejecting_from_its_page(editor_client, more_than_30):
    reject = reverse("admin:facts_proposal_reject", args=[more_than_30.pk])

    assert editor_client.get(reject).status_code == 405
    response = editor_client.post(reject)

    assert response.status_code == 302
    assert Proposal.objects.get(pk=more_than_30.pk).status == "rejected"
    assert not Figure.objects.exists()


def test_reviewing_needs_the_permission_to_review(client, django_user_model, more_than_30):
    from django.contrib.auth.models import Permission

    from tests.admin.conftest import make_editor

    watcher = make_editor(django_user_model, "watcher")
    watcher.groups.clear()
    watcher.user_permissions.add(Permission.objects.get(codename="view_proposal"))
    watcher.is_superuser = False
    watcher.save()
    # An account outside the editors group cannot use the workspace at all.
    client.force_login(watcher)

    assert client.post(accept_url(more_than_30), {"as_proposed": "1"}).status_code == 302
    assert Proposal.objects.get(pk=more_than_30.pk).status == "pending"


# The article page --------------------------------------------------------------------------


def test_the_article_page_lists_its_pending_proposals(editor_client, article, more_than_30):
    services.proposal_reject(proposal=more_than_30, user=None)

    response = editor_client.get(reverse("admin:facts_article_change", args=[article.pk]))

    pending = article.proposals.filter(status="pending")
    assert f"{pending.count()} pending proposals" in response.text
    assert reverse("admin:facts_proposal_change", args=[pending.first().pk]) in response.text
    assert reverse("admin:facts_proposal_change", args=[more_than_30.pk]) not in response.text
    assert f"{CHANGELIST}?article__id__exact={article.pk}&amp;status__exact=pending" in response.text


def test_editors_queue_the_extractor_on_selected_articles(editor_client):
    stored = make_article("Gordon Flake, executive director of the Mansfield Center, says more than 30 people fled.")

    response = editor_client.post(
        reverse("admin:facts_article_changelist"),
        {"action": "propose_facts", ACTION_CHECKBOX_NAME: [stored.pk]},
        follow=True,
    )

    assert "Queued extraction for 1 article; a worker proposes their facts in the background." in response.text
    assert [job.args for job in queued_jobs()] == [{"article_id": stored.pk}]
    assert not stored.proposals.exists()
    assert run_queued_jobs() == 1
    assert stored.proposals.count() > 0
