"""manage.py extract: queues the extractor's run on chosen articles or all of them (or runs it now), idempotently."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from facts.models import Extraction, Proposal
from tests.factories import make_article
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db


def test_the_extract_command_queues_chosen_or_all_articles_for_the_workers():
    first = make_article("Gordon Flake, executive director of the Mansfield Center, says more than 30 people fled.")
    second = make_article('"The border is open," said Erica Kang, a coordinator for the group.')
    out = StringIO()

    call_command("extract", "--article", str(first.pk), stdout=out)
    assert [job.args for job in queued_jobs()] == [{"article_id": first.pk}]
    call_command("extract", "--all", stdout=out)
    assert "Queued extraction for 1 of 2 articles (1 already waiting); workers propose their facts." in out.getvalue()
    assert sorted(job.args["article_id"] for job in queued_jobs()) == [first.pk, second.pk]
    assert not Proposal.objects.exists()

    assert run_queued_jobs() == 2
    assert first.proposals.exists() and second.proposals.exists()
    count = Proposal.objects.count()
    call_command("extract", "--all", stdout=out)
    assert run_queued_jobs() == 2
    assert Proposal.objects.count() == count
    with pytest.raises(CommandError, match="No article with id 999999"):
        call_command("extract", "--article", "999999", stdout=out)


def test_the_extract_command_runs_here_and_now_when_asked():
    first = make_article("Gordon Flake, executive director of the Mansfield Center, says more than 30 people fled.")
    out = StringIO()

    call_command("extract", "--article", str(first.pk), "--now", stdout=out)
    assert first.proposals.exists() and queued_jobs() == []
    assert Extraction.objects.get(article=first).status == "done"
    count = Proposal.objects.count()
    call_command("extract", "--all", "--now", stdout=out)

    assert Proposal.objects.count() == count
    assert out.getvalue().rstrip().endswith(": 0 new proposals, 0 older pending proposals superseded.")


def test_a_new_extractor_version_supersedes_older_pending_proposals_and_never_touches_accepted_facts(monkeypatch):
    from facts import extraction, services
    from facts.models import Claim

    article = make_article('"The border is open," said Erica Kang, a coordinator for the group. More than 30 fled.')
    call_command("extract", "--all", "--now", stdout=StringIO())
    old = list(article.proposals.all())
    accepted = next(p for p in old if p.kind == Proposal.Kind.CLAIM)
    services.proposal_accept(proposal=accepted, user=None)
    rejected = next(p for p in old if p.kind == Proposal.Kind.FIGURE)
    services.proposal_reject(proposal=rejected, user=None)
    monkeypatch.setattr(extraction, "EXTRACTOR_VERSION", "test-next")
    out = StringIO()

    call_command("extract", "--all", "--now", stdout=out)
    call_command("extract", "--all", "--now", stdout=out)  # idempotent

    statuses = dict(Proposal.objects.filter(pk__in=[p.pk for p in old]).values_list("pk", "status"))
    assert statuses[accepted.pk] == "accepted" and statuses[rejected.pk] == "rejected"
    others = [p.pk for p in old if p.pk not in (accepted.pk, rejected.pk)]
    assert {statuses[pk] for pk in others} == {"superseded"}
    assert article.proposals.filter(extractor_version="test-next", status="pending").count() == len(old)
    assert Claim.objects.filter(article=article).count() == 1
    assert f"{len(others)} older pending proposals superseded" in out.getvalue().splitlines()[1]
    assert out.getvalue().splitlines()[-1].endswith("0 new proposals, 0 older pending proposals superseded.")
    superseded = Proposal.objects.get(pk=others[0])
    assert [e.status for e in superseded.events.order_by("pgh_id")][-2:] == ["pending", "superseded"]
