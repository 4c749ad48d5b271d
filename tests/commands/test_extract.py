"""manage.py extract: runs the extractor on chosen articles or all of them, idempotently."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from facts.models import Proposal
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_extract_command_runs_on_chosen_or_all_articles():
    first = make_article("Gordon Flake, executive director of the Mansfield Center, says more than 30 people fled.")
    second = make_article('"The border is open," said Erica Kang, a coordinator for the group.')
    out = StringIO()

    call_command("extract", "--article", str(first.pk), stdout=out)
    assert first.proposals.exists() and not second.proposals.exists()
    call_command("extract", "--all", stdout=out)
    assert second.proposals.exists()
    count = Proposal.objects.count()
    call_command("extract", "--all", stdout=out)

    assert Proposal.objects.count() == count
    assert "Extracted from 2 articles: 0 new proposals." in out.getvalue()
    with pytest.raises(CommandError, match="No article with id 999999"):
        call_command("extract", "--article", "999999", stdout=out)
