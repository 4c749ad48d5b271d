"""The quality targets (facts.extraction.evaluation.TARGETS), met on the seed articles."""

from facts.extraction.evaluation import TARGETS, evaluate
from facts.seed import FIXTURES_DIR


def test_the_extractor_meets_the_quality_targets_on_the_seed_articles():
    scores = evaluate(FIXTURES_DIR)

    for kind, target in TARGETS.items():
        score = scores[kind]
        assert score.meets(target), f"{kind}: P={score.precision:.3f} R={score.recall:.3f}, misses {score.misses}"
