"""The accepting rules: what an editor rejected stays rejected, and a bulk accept touches pending proposals only."""

import pytest
from django.core.exceptions import ValidationError

from facts import services
from facts.models import Article, Claim, Mention, Organization, Person, Proposal
from tests.factories import make_article, make_person
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

TEXT = (
    "Sunee Chaiyarat, who runs a shelter in Samut Sakhon, said: “The raids continue every week.” "
    "Workers are afraid to leave their rooms, Sunee Chaiyarat said."
)
NAME = "Sunee Chaiyarat"


@pytest.fixture
def article() -> Article:
    article = make_article(TEXT, extract=True)
    assert run_queued_jobs() == 1
    return article


def proposal(article: Article, kind: str, **data: str) -> Proposal:
    return article.proposals.get(kind=kind, **{f"data__{key}": value for key, value in data.items()})


def quote_of(article: Article) -> Proposal:
    return article.proposals.get(kind="claim", data__kind="direct_quote")


def test_a_quote_by_a_rejected_person_gets_her_words_as_a_group_and_creates_no_one(article):
    services.proposal_reject(proposal=proposal(article, "person"), user=None)

    acceptance = services.proposal_accept_noting(proposal=quote_of(article), user=None)

    claim = acceptance.record
    assert isinstance(claim, Claim)
    assert (claim.speaker_person, claim.speaker_group) == (None, NAME)
    assert not Person.objects.exists()
    assert acceptance.notes == [
        f"“{NAME}” was rejected as a person in this article, so the speaker is recorded as an unnamed group in "
        "those words; choose a speaker on the record if that is wrong."
    ]


def test_a_rejected_person_who_is_already_stored_is_linked_since_nothing_is_created(article):
    stored = make_person(NAME)
    services.proposal_reject(proposal=proposal(article, "person"), user=None)

    claim = services.proposal_accept(proposal=quote_of(article), user=None)

    assert claim.speaker_person == stored


def test_a_speaker_the_editor_corrected_is_taken_as_given_even_if_rejected(article):
    services.proposal_reject(proposal=proposal(article, "person"), user=None)

    claim = services.proposal_accept(
        proposal=quote_of(article),
        edits={"speaker": {"type": "person", "name": NAME}},
        user=None,
    )

    assert claim.speaker_person.name == NAME


def test_a_mention_of_a_rejected_person_is_refused_and_creates_nothing(article):
    services.proposal_reject(proposal=proposal(article, "person"), user=None)
    mention = proposal(article, "mention", actor="person")

    with pytest.raises(services.RejectedActor, match="was rejected as a person in this article"):
        services.proposal_accept(proposal=mention, user=None)

    assert not Person.objects.exists() and not Mention.objects.exists()
    assert Proposal.objects.get(pk=mention.pk).status == "pending"


def test_a_bulk_accept_accepts_pending_proposals_only(article):
    rejected = proposal(article, "person")
    services.proposal_reject(proposal=rejected, user=None)
    accepted = proposal(article, "organization")
    services.proposal_accept(proposal=accepted, user=None)

    result = services.proposals_accept_pending(proposals=list(article.proposals.all()), user=None)

    assert (result.already_accepted, result.rejected) == (1, 1)
    assert len(result.accepted) == 3
    assert [p.data["actor"] for p, _ in result.left_pending] == ["person"]
    assert Proposal.objects.get(pk=rejected.pk).status == "rejected"
    assert not Person.objects.exists()


def test_a_dry_run_says_what_would_be_created_and_stores_nothing(article):
    before = Proposal.objects.filter(status="pending").count()

    result = services.proposals_accept_pending(proposals=list(article.proposals.all()), user=None, dry_run=True)

    assert result.new_people == [NAME] and result.new_organizations == [NAME]
    assert len(result.accepted) == before
    assert not Person.objects.exists() and not Organization.objects.exists() and not Claim.objects.exists()
    assert Proposal.objects.filter(status="pending").count() == before


def test_a_bulk_accept_with_a_proposal_that_cannot_be_accepted_accepts_none(article):
    bad = quote_of(article)
    Proposal.objects.filter(pk=bad.pk).update(data={**bad.data, "kind": "nonsense"})

    with pytest.raises(ValidationError, match="could not be accepted"):
        services.proposals_accept_pending(proposals=list(article.proposals.all()), user=None)

    assert not Claim.objects.exists() and not Person.objects.exists()
