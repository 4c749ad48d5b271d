"""Corrected texts: a new version linked to the old one, every fact carried with its anchoring status."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from facts.models import Article, CarriedFact, Claim, Figure, Mention, Role
from facts.services import (
    article_version_create,
    article_withdraw,
    carried_fact_confirm,
    claim_review,
    reanchoring_run,
)
from facts.services.records import mention_create, role_create
from tests.factories import make_article, make_claim, make_figure, make_person
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db

BODY = (
    "Gordon Flake, executive director of the Mansfield Center, says more than 30 people fled. "
    '"The border is open," added Mr. Flake. "We are ready to help the refugees who arrive," he said.'
)
QUOTE = '"We are ready to help the refugees who arrive,"'
QUOTE_TEXT = "We are ready to help the refugees who arrive,"


def _carried(claim: Claim) -> CarriedFact:
    return CarriedFact.objects.get(from_claim=claim)


def _version(article: Article, body: str) -> Article:
    """The next version, its facts carried by the job its creation queued (run here, as a worker would)."""
    version = article_version_create(article=article, body=body)
    assert run_queued_jobs("reanchor_version") == 1
    return version


def test_a_correction_is_a_new_version_linked_to_the_old_one_which_does_not_change():
    old = make_article(BODY, title="Flake on the border")
    before = Article.objects.filter(pk=old.pk).values().get()

    new = _version(old, BODY + " Updated.")

    assert (new.previous_version, new.first_version, new.version) == (old, old, 2)
    assert new.title == "Flake on the border"
    assert Article.objects.filter(pk=old.pk).values().get() == before
    newest = _version(new, BODY + " Updated twice.")
    assert (newest.previous_version, newest.first_version, newest.version) == (new, old, 3)
    assert list(old.versions()) == [old, new, newest]


def test_an_unchanged_passage_is_carried_exact_at_the_same_offsets():
    old = make_article(BODY)
    claim = make_claim(old, exact=QUOTE_TEXT)
    claim_review(claim=claim, status=Claim.ReviewStatus.VERIFIED)

    new = _version(old, BODY + " He left on Monday.")

    carried = _carried(claim)
    copy = carried.to_claim
    assert (carried.status, carried.similarity) == ("exact", 1.0)
    assert (copy.article, copy.start, copy.end, copy.exact) == (new, claim.start, claim.end, QUOTE_TEXT)
    assert copy.review_status == Claim.ReviewStatus.VERIFIED
    assert new.body[copy.start : copy.end] == copy.exact


def test_a_passage_after_inserted_text_is_carried_exact_with_shifted_offsets():
    old = make_article(BODY)
    claim = make_claim(old, exact=QUOTE_TEXT)
    inserted = "SEOUL (Reuters) - "

    _version(old, inserted + BODY)

    carried = _carried(claim)
    assert carried.status == "exact"
    assert (carried.to_claim.start, carried.to_claim.end) == (claim.start + len(inserted), claim.end + len(inserted))


def test_a_quote_moved_to_another_place_is_carried_moved():
    old = make_article(BODY)
    claim = make_claim(old, exact=QUOTE_TEXT)
    rest = BODY.replace(" " + QUOTE + " he said.", "")
    moved_body = f"{QUOTE} he said. Many more lines of reporting came first in the first text. {rest}"

    new = _version(old, moved_body)

    carried = _carried(claim)
    assert carried.status == "moved"
    assert (carried.to_claim.start, carried.to_claim.exact) == (1, QUOTE_TEXT)
    assert new.body[1 : 1 + len(QUOTE_TEXT)] == QUOTE_TEXT


def test_a_reworded_quote_is_carried_fuzzy_unreviewed_until_an_editor_confirms_it(editor_user):
    old = make_article(BODY)
    claim = make_claim(old, exact=QUOTE_TEXT)
    claim_review(claim=claim, status=Claim.ReviewStatus.VERIFIED)
    reworded = BODY.replace("We are ready", "We are prepared")

    new = _version(old, reworded)

    carried = _carried(claim)
    copy = carried.to_claim
    assert carried.status == "fuzzy"
    assert 0.70 <= carried.similarity < 1
    start = reworded.index("We are prepared")
    assert (copy.start, copy.end) == (start, start + len("We are prepared to help the refugees who arrive,"))
    assert new.body[copy.start : copy.end] == copy.exact
    assert copy.review_status == Claim.ReviewStatus.UNREVIEWED
    assert carried.needs_confirmation

    carried_fact_confirm(carried=carried, user=editor_user)

    copy.refresh_from_db()
    carried.refresh_from_db()
    assert copy.review_status == Claim.ReviewStatus.VERIFIED
    assert (carried.confirmed_by, carried.needs_confirmation) == (editor_user, False)


def test_confirming_a_match_that_is_not_fuzzy_is_refused():
    old = make_article(BODY)
    claim = make_claim(old, exact=QUOTE_TEXT)
    _version(old, BODY + " More.")

    with pytest.raises(ValidationError, match="only a fuzzy match needs confirming"):
        carried_fact_confirm(carried=_carried(claim))


def test_a_deleted_quote_is_orphaned_and_stays_on_the_old_version_only():
    old = make_article(BODY)
    claim = make_claim(old, exact=QUOTE_TEXT)
    kept = make_claim(old, exact="The border is open,")

    new = _version(old, BODY.replace(" " + QUOTE + " he said.", ""))

    carried = _carried(claim)
    assert (carried.status, carried.to_claim) == ("orphaned", None)
    assert list(new.claims.values_list("exact", flat=True)) == ["The border is open,"]
    assert _carried(kept).status == "exact"
    assert Claim.objects.get(pk=claim.pk).article == old


def test_every_kind_of_fact_is_carried_and_a_figure_keeps_its_carried_claim():
    old = make_article(BODY)
    person = make_person()
    claim = make_claim(old, exact="says more than 30 people fled", kind=Claim.Kind.PARAPHRASE, speaker_person=person)
    figure = make_figure(old, exact="more than 30", claim=claim)
    mention = mention_create(article=old, exact="Gordon Flake", person=person)
    role = role_create(
        article=old, exact="executive director of the Mansfield Center", title="executive director", person=person
    )

    new = _version(old, "NEW YORK - " + BODY)

    assert CarriedFact.objects.filter(version=new).count() == 4
    assert {c.status for c in CarriedFact.objects.filter(version=new)} == {"exact"}
    figure_copy = Figure.objects.get(anchoring__from_figure=figure)
    assert figure_copy.claim == Claim.objects.get(anchoring__from_claim=claim)
    assert figure_copy.start == figure.start + len("NEW YORK - ")
    assert Mention.objects.get(anchoring__from_mention=mention).person == person
    assert Role.objects.get(anchoring__from_role=role).title == "executive director"


def test_a_claims_attribution_is_carried_with_it():
    old = make_article(BODY)
    claim = make_claim(old, exact="The border is open,", attribution_exact="added Mr. Flake")

    new = _version(old, "Dateline. " + BODY)

    copy = _carried(claim).to_claim
    assert copy.attribution_exact == "added Mr. Flake"
    assert new.body[copy.attribution_start : copy.attribution_end] == "added Mr. Flake"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (BODY, "identical to the article's body"),
        ("", "The corrected text is empty"),
    ],
)
def test_a_correction_that_corrects_nothing_is_refused_and_nothing_is_written(body, message):
    old = make_article(BODY)
    make_claim(old, exact=QUOTE_TEXT)

    with pytest.raises(ValidationError, match=message):
        _version(old, body)

    assert (Article.objects.count(), Claim.objects.count(), CarriedFact.objects.count()) == (1, 1, 0)


def test_a_correction_of_a_withdrawn_or_superseded_article_is_refused():
    old = make_article(BODY)
    new = _version(old, BODY + " Corrected.")

    with pytest.raises(ValidationError, match=f"article {new.pk} \\(version 2\\) already corrects it"):
        _version(old, BODY + " Another correction.")
    article_withdraw(article=new)
    with pytest.raises(ValidationError, match="is withdrawn; restore it"):
        _version(new, BODY + " Another correction.")
    assert Article.objects.count() == 2


def test_a_correction_whose_text_is_another_stored_article_is_refused():
    old = make_article(BODY)
    other = make_article("Another story entirely.")

    with pytest.raises(ValidationError, match=f"already stored as article {other.pk}"):
        _version(old, "Another story entirely.")


def test_the_database_refuses_relinking_a_stored_version():
    old = make_article(BODY)
    new = _version(old, BODY + " Corrected.")

    with pytest.raises(Exception, match="previous_version_id of facts_article"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE facts_article SET previous_version_id = NULL, version = 1, first_version_id = NULL WHERE id = %s",
            [new.pk],
        )


def test_the_facts_are_carried_by_a_job_queued_with_the_version_and_run_once():
    old = make_article(BODY)
    claim = make_claim(old, exact=QUOTE_TEXT)

    new = article_version_create(article=old, body=BODY + " More.")

    assert [job.args for job in queued_jobs("reanchor_version")] == [{"article_id": new.pk}]
    assert not CarriedFact.objects.filter(version=new).exists()  # not before the job runs
    run_queued_jobs("reanchor_version")
    assert reanchoring_run(article_id=new.pk) == []  # run again: carried already, nothing twice
    assert CarriedFact.objects.get(version=new).from_claim == claim
    assert new.claims.count() == 1


def test_queueing_a_versions_job_again_while_one_waits_keeps_the_one():
    from facts.services.versions import reanchor_version

    new = article_version_create(article=make_article(BODY), body=BODY + " More.")
    (waiting,) = queued_jobs("reanchor_version")

    assert reanchor_version(version=new) == waiting.id
    assert [job.id for job in queued_jobs("reanchor_version")] == [waiting.id]


def test_a_refused_correction_queues_no_job():
    old = make_article(BODY)

    with pytest.raises(ValidationError):
        article_version_create(article=old, body=BODY)

    assert queued_jobs("reanchor_version") == []
