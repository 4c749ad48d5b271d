"""Proposals: made by the job queued on ingest and on demand, accepted (as proposed or corrected) or rejected."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from facts import services
from facts.extraction import EXTRACTOR_VERSION
from facts.models import Article, Claim, Extraction, Figure, Measure, Mention, Organization, Person, Proposal, Role
from facts.seed import load_seed
from tests.factories import make_article
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db

FLAKE_QUOTE_START = 1972  # "Refugee flows across the Chinese border …," added Mr. Flake.


@pytest.fixture
def user(django_user_model):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_user("reviewer")


@pytest.fixture
def article_002(seed_bodies) -> Article:
    article, _ = services.article_ingest(body=seed_bodies["002_4b77666affaa1ff0"])
    run_queued_jobs()
    return article


def proposal(article: Article, kind: str, exact: str, start: int | None = None) -> Proposal:
    found = Proposal.objects.filter(article=article, kind=kind, exact=exact)
    if start is not None:
        found = found.filter(start=start)
    return found.get()


# Extraction -------------------------------------------------------------------------------


def test_ingesting_a_new_article_queues_its_extraction_in_the_same_transaction(seed_bodies):
    article, _ = services.article_ingest(body=seed_bodies["000_0b70f8eb3d6f89fe"])

    assert [job.args for job in queued_jobs()] == [{"article_id": article.pk}]
    assert not Proposal.objects.exists()  # nothing is extracted while the client waits
    assert Extraction.objects.get(article=article).status == "queued"


def test_ingesting_a_new_article_proposes_its_facts(article_000):
    proposals = Proposal.objects.filter(article=article_000)

    assert set(proposals.values_list("kind", flat=True)) == set(Proposal.Kind.values)
    assert set(proposals.values_list("status", flat=True)) == {"pending"}
    assert set(proposals.values_list("extractor_version", flat=True)) == {EXTRACTOR_VERSION}
    for found in proposals:
        assert article_000.body[found.start : found.end] == found.exact
        assert 0 <= found.confidence <= 1
    quote = proposal(article_000, "claim", start=FLAKE_QUOTE_START, exact=article_000.body[1972:2117])
    assert quote.data["speaker"] == {"type": "person", "name": "Gordon Flake"}
    assert quote.data["attribution"] == {"start": 2119, "end": 2134, "exact": "added Mr. Flake"}
    assert Claim.objects.count() == Figure.objects.count() == 0  # nothing is recorded until accepted


def test_ingesting_the_same_text_again_proposes_nothing_more(article_000):
    count = Proposal.objects.count()

    again, created = services.article_ingest(body=article_000.body)

    assert (again, created) == (article_000, False)
    assert Proposal.objects.count() == count
    assert queued_jobs() == []


def test_ingesting_can_skip_extraction():
    make_article("Gordon Flake says more than 30 people fled.", extract=False)

    assert Proposal.objects.count() == 0
    assert queued_jobs() == [] and not Extraction.objects.exists()


def test_extracting_again_is_idempotent_and_keeps_reviews(article_000, user):
    first = services.article_extract(article=article_000)
    rejected = first[0]
    services.proposal_reject(proposal=rejected, user=user)

    second = services.article_extract(article=article_000)

    assert [p.pk for p in second] == [p.pk for p in first]
    assert Proposal.objects.get(pk=rejected.pk).status == "rejected"


def test_the_seed_loader_records_curated_facts_without_proposals():
    load_seed()

    assert Claim.objects.exists()
    assert not Proposal.objects.exists()


def test_proposed_people_note_a_stored_person_with_that_name_or_alias(seed_bodies):
    flake = Person.objects.create(name="G. Flake", aliases=["Mr. Flake"])

    article, _ = services.article_ingest(body=seed_bodies["000_0b70f8eb3d6f89fe"])
    run_queued_jobs()

    person = proposal(article, "person", "Gordon Flake", start=1604)
    assert person.data["match"] == {"id": flake.pk, "name": "G. Flake"}
    assert "match" not in proposal(article, "person", "Cathleen Newland").data


# Accepting --------------------------------------------------------------------------------


def test_accepting_a_quote_records_the_claim_with_its_speaker_and_attribution(article_000, user):
    quote = proposal(article_000, "claim", article_000.body[1972:2117], start=FLAKE_QUOTE_START)

    claim = services.proposal_accept(proposal=quote, user=user)

    assert isinstance(claim, Claim)
    assert (claim.kind, claim.start, claim.end, claim.exact) == ("direct_quote", 1972, 2117, quote.exact)
    assert claim.speaker_person.name == "Gordon Flake"
    assert (claim.attribution_start, claim.attribution_exact) == (2119, "added Mr. Flake")
    quote.refresh_from_db()
    assert (quote.status, quote.claim, quote.reviewed_by, quote.edits) == ("accepted", claim, user, {})
    assert quote.reviewed_at is not None


def test_accepting_twice_creates_nothing_twice(article_000, user):
    quote = proposal(article_000, "claim", article_000.body[1972:2117], start=FLAKE_QUOTE_START)
    first = services.proposal_accept(proposal=quote, user=user)
    counts = (Claim.objects.count(), Person.objects.count())

    second = services.proposal_accept(proposal=quote, user=user)
    services.proposals_accept(proposals=[quote], user=user)

    assert second == first
    assert (Claim.objects.count(), Person.objects.count()) == counts


def test_the_speaker_is_a_stored_person_found_by_name_or_alias(article_000, user):
    flake = Person.objects.create(name="G. Flake", aliases=["Gordon Flake", "Mr. Flake"])
    quote = proposal(article_000, "claim", article_000.body[1972:2117], start=FLAKE_QUOTE_START)

    claim = services.proposal_accept(proposal=quote, user=user)

    assert claim.speaker_person == flake
    assert Person.objects.count() == 1


def test_accepting_a_person_creates_them_with_the_forms_the_article_uses(article_000, user):
    person = services.proposal_accept(proposal=proposal(article_000, "person", "Gordon Flake", start=1604), user=user)

    assert (person.name, person.aliases) == ("Gordon Flake", ["Mr. Flake"])


def test_accepting_a_person_who_is_stored_adds_the_new_forms_to_them(article_000, user):
    flake = Person.objects.create(name="Gordon Flake")

    person = services.proposal_accept(proposal=proposal(article_000, "person", "Gordon Flake", start=1604), user=user)

    assert person == flake
    flake.refresh_from_db()
    assert flake.aliases == ["Mr. Flake"]


def test_accepting_mentions_and_roles_names_the_same_people_and_organizations(article_000, user):
    services.proposals_accept(
        proposals=list(Proposal.objects.filter(article=article_000, kind__in=["person", "mention", "role"])),
        user=user,
    )

    flake = Person.objects.get(name="Gordon Flake")
    assert flake.mentions.count() == 8  # twice by full name, six times as Mr. Flake
    role = Role.objects.get(start=1618)
    assert (role.person, role.title, role.affiliation.name) == (
        flake,
        "executive director",
        "Mansfield Center for Pacific Affairs",
    )
    assert Person.objects.count() == 3
    assert set(Organization.objects.values_list("name", flat=True)) == {
        "Mansfield Center for Pacific Affairs",
        "Chinese Foreign Ministry",
        "Migration Policy Institute",
        "U.S. embassy in Beijing",
    }


def test_a_figure_links_the_claim_it_sits_in_and_a_measure_named_as_its_noun(article_002, user):
    measure = Measure.objects.create(name="North Koreans", unit="people")
    statement = Proposal.objects.get(article=article_002, kind="claim", start=1879)
    tens = proposal(article_002, "figure", "tens of thousands")

    services.proposals_accept(proposals=[tens, statement], user=user)  # figures are accepted after claims

    figure = Figure.objects.get(start=1879)
    assert (figure.qualifier, figure.low, figure.high, figure.value) == ("vague", 20000, 100000, None)
    assert figure.claim == Claim.objects.get(start=1879)
    assert figure.speaker_person.name == "Erica Kang"
    assert (figure.measure, figure.unit) == (measure, "people")


def test_a_figure_without_a_measure_of_that_name_is_left_for_editors(article_002, user):
    Measure.objects.create(name="North Korean refugees in China", unit="people")

    figure = services.proposal_accept(proposal=proposal(article_002, "figure", "seven"), user=user)

    assert (figure.qualifier, figure.value, figure.low, figure.high) == ("exact", 7, 7, 7)
    assert figure.measure is None


def test_accepting_with_edits_records_the_corrected_values_and_keeps_the_corrections(article_000, user):
    measure = Measure.objects.create(name="North Korean refugees in China", unit="people")
    hedged = proposal(article_000, "figure", "More than 100,000, and perhaps as many as 300,000")
    quote = proposal(article_000, "claim", article_000.body[1972:2117], start=FLAKE_QUOTE_START)

    figure = services.proposal_accept(
        proposal=hedged, edits={"measure": measure.pk, "place": "northeastern China"}, user=user
    )
    claim = services.proposal_accept(
        proposal=quote, edits={"speaker": {"type": "group", "name": "a Mansfield Center expert"}}, user=user
    )

    assert (figure.measure, figure.place, figure.low, figure.high) == (measure, "northeastern China", 100000, 300000)
    assert (claim.speaker_group, claim.speaker_person) == ("a Mansfield Center expert", None)
    hedged.refresh_from_db()
    assert hedged.edits == {"measure": measure.pk, "place": "northeastern China"}
    assert hedged.data["qualifier"] == "range"  # what was proposed stays as it was


def test_a_corrected_qualifier_gets_the_bounds_it_implies(article_000, user):
    more_than_30 = proposal(article_000, "figure", "more than 30")

    figure = services.proposal_accept(proposal=more_than_30, edits={"qualifier": "at_least"}, user=user)

    assert (figure.qualifier, figure.value, figure.low, figure.high) == ("at_least", 30, 30, None)


def test_a_corrected_passage_is_anchored_like_any_other(article_000, user):
    quote = proposal(article_000, "claim", article_000.body[1972:2117], start=FLAKE_QUOTE_START)

    claim = services.proposal_accept(
        proposal=quote, edits={"exact": "Refugee flows across the Chinese border"}, user=user
    )
    assert (claim.start, claim.exact) == (1972, "Refugee flows across the Chinese border")

    other = proposal(article_000, "figure", "more than 30")
    with pytest.raises(ValidationError, match="does not occur"):
        services.proposal_accept(proposal=other, edits={"exact": "more than 31"}, user=user)


def test_unknown_or_invalid_edits_are_refused_and_record_nothing(article_000, user):
    quote = proposal(article_000, "claim", article_000.body[1972:2117], start=FLAKE_QUOTE_START)
    figure = proposal(article_000, "figure", "more than 30")

    with pytest.raises(ValidationError, match="Cannot correct qualifier"):
        services.proposal_accept(proposal=quote, edits={"qualifier": "exact"}, user=user)
    with pytest.raises(ValidationError, match="decimal number"):
        services.proposal_accept(proposal=figure, edits={"value": "thirty"}, user=user)
    with pytest.raises(ValidationError, match=r"high bound"):
        services.proposal_accept(proposal=figure, edits={"qualifier": "range", "low": "40", "high": "30"}, user=user)

    assert Claim.objects.count() == Figure.objects.count() == Person.objects.count() == 0
    assert set(Proposal.objects.filter(pk__in=[quote.pk, figure.pk]).values_list("status", flat=True)) == {"pending"}


def test_editing_an_accepted_proposal_is_refused(article_000, user):
    figure = proposal(article_000, "figure", "more than 30")
    services.proposal_accept(proposal=figure, user=user)

    with pytest.raises(ValidationError, match="already accepted"):
        services.proposal_accept(proposal=figure, edits={"qualifier": "at_least"}, user=user)


def test_a_passage_already_recorded_is_linked_not_recorded_twice(seed_bodies, user):
    load_seed()
    article = Article.objects.get(body=seed_bodies["000_0b70f8eb3d6f89fe"])
    services.article_extract(article=article)
    curated = Claim.objects.get(article=article, start=FLAKE_QUOTE_START)
    count = Claim.objects.count()

    claim = services.proposal_accept(
        proposal=proposal(article, "claim", curated.exact, start=FLAKE_QUOTE_START), user=user
    )

    assert claim == curated
    assert Claim.objects.count() == count


def test_accepting_several_is_all_or_nothing(article_000, user):
    good = proposal(article_000, "figure", "more than 30")
    bad = proposal(article_000, "figure", "hundreds")
    Proposal.objects.filter(pk=bad.pk).update(data={**bad.data, "qualifier": "range", "high": None})

    with pytest.raises(ValidationError, match=f"Proposal {bad.pk}"):
        services.proposals_accept(proposals=[good, bad], user=user)

    assert not Figure.objects.exists()
    assert Proposal.objects.get(pk=good.pk).status == "pending"


def test_a_deleted_record_leaves_its_proposal_accepted_without_a_link(article_000, user):
    figure_proposal = proposal(article_000, "figure", "more than 30")
    services.proposal_accept(proposal=figure_proposal, user=user).delete()

    figure_proposal.refresh_from_db()
    assert (figure_proposal.status, figure_proposal.figure) == ("accepted", None)
    with pytest.raises(ValidationError, match="since been deleted"):
        services.proposal_accept(proposal=figure_proposal, user=user)


def test_reviews_are_recorded_in_the_history(article_000, user):
    figure_proposal = proposal(article_000, "figure", "more than 30")

    services.proposal_accept(proposal=figure_proposal, user=user)

    labels = list(
        Proposal.pgh_event_model.objects.filter(pgh_obj_id=figure_proposal.pk)
        .order_by("pgh_id")
        .values_list("pgh_label", "status")
    )
    assert labels == [("insert", "pending"), ("update", "accepted")]


# Rejecting --------------------------------------------------------------------------------


def test_rejecting_records_nothing_and_can_be_undone_by_accepting(article_000, user):
    figure_proposal = proposal(article_000, "figure", "more than 30")

    rejected = services.proposal_reject(proposal=figure_proposal, user=user)
    again = services.proposal_reject(proposal=figure_proposal, user=user)

    assert (rejected.status, rejected.reviewed_by, again.reviewed_at) == ("rejected", user, rejected.reviewed_at)
    assert not Figure.objects.exists()
    services.proposal_accept(proposal=figure_proposal, user=user)
    assert Proposal.objects.get(pk=figure_proposal.pk).status == "accepted"


def test_an_accepted_proposal_cannot_be_rejected(article_000, user):
    figure_proposal = proposal(article_000, "figure", "more than 30")
    services.proposal_accept(proposal=figure_proposal, user=user)

    with pytest.raises(ValidationError, match="already accepted"):
        services.proposal_reject(proposal=figure_proposal, user=user)


def test_the_database_refuses_a_pending_proposal_with_a_record(article_000):
    from django.db import IntegrityError, transaction

    figure_proposal = proposal(article_000, "figure", "more than 30")
    mention = Mention.objects.create(
        article=article_000, start=1604, end=1616, exact="Gordon Flake", person=Person.objects.create(name="G")
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=figure_proposal.pk).update(mention=mention)


def test_decimal_values_are_stored_as_decimal_strings(article_000):
    hedged = proposal(article_000, "figure", "More than 100,000, and perhaps as many as 300,000")

    assert (hedged.data["low"], hedged.data["high"], hedged.data["value"]) == ("100000", "300000", None)
    assert Decimal(hedged.data["low"]) == 100000
