"""The quality targets (facts.extraction.scoring.TARGETS): met by the extractor on the seed
articles, and again through the database (ingest, accept every proposal, score what was recorded).
"""

from io import StringIO

import pytest
from django.core.management import call_command

from facts.accepted_scoring import ingest_accept_and_score
from facts.extraction.scoring import TARGETS, evaluate
from facts.seed import FIXTURES_DIR


def test_the_extractor_meets_the_quality_targets_on_the_seed_articles():
    scores = evaluate(FIXTURES_DIR)

    for kind, target in TARGETS.items():
        score = scores[kind]
        assert score.meets(target), f"{kind}: P={score.precision:.3f} R={score.recall:.3f}, misses {score.misses}"


@pytest.mark.django_db
def test_ingesting_the_seed_texts_into_an_empty_database_and_accepting_every_proposal_meets_the_targets():
    scores = ingest_accept_and_score(FIXTURES_DIR)

    for kind, target in TARGETS.items():
        score = scores[kind]
        assert score.meets(target), f"{kind}: P={score.precision:.3f} R={score.recall:.3f} misses={score.misses}"
    out = StringIO()
    call_command("verify_passages", stdout=out)
    assert " 0 mismatches" in out.getvalue()
