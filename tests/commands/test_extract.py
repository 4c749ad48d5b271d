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
    assert "Extracted from 1 article: 0 new proposals." in out.getvalue()
