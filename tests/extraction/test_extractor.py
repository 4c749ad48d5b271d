"""The extractor on its own: pure functions over a body, exact spans, deterministic, no Django.

No database here, but for the version stored on proposals. The patterns are tested by kind
in the modules next to this one: actors, attribution (quotes and paraphrases), figures, the
seed articles' targets, and articles in other outlets' styles (tests/extraction/articles/).
"""

import subprocess
import sys

import pytest

from facts.extraction import EXTRACTOR_VERSION, extract
from tests.extraction.helpers import ARTICLES_DIR, figure, quotes
from tests.factories import make_article
from tests.jobs import run_queued_jobs


def test_every_span_is_exactly_its_text_in_the_body(seeds):
    bodies = [body for body, _ in seeds.values()]
    bodies += [path.read_bytes().decode("utf-8") for path in sorted(ARTICLES_DIR.glob("*.txt"))]
    for body in bodies:
        found = extract(body)
        spans = [a.first for a in found.actors]
        spans += [m.span for m in found.mentions] + [r.span for r in found.roles]
        spans += [c.span for c in found.claims] + [c.attribution for c in found.claims if c.attribution]
        spans += [f.span for f in found.figures] + [f.noun for f in found.figures if f.noun]
        assert spans
        for span in spans:
            assert body[span.start : span.end] == span.exact
            assert span.start < span.end


def test_extraction_is_deterministic(seeds):
    body, first = seeds["000"]

    assert extract(body) == first


def test_the_extractor_imports_nothing_from_django():
    code = (
        "import sys, facts.extraction, facts.extraction.scoring; "
        "print(any(m.startswith('django') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "False"


@pytest.mark.django_db
def test_the_extractor_has_a_version():
    """A non-empty string, stored on every proposal made, so a newer extractor proposes again."""
    article = make_article("Gordon Flake says more than 30 people fled.", extract=True)
    assert run_queued_jobs() == 1

    stored = set(article.proposals.values_list("extractor_version", flat=True))

    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION.strip()
    assert stored == {EXTRACTOR_VERSION}


def test_offsets_are_code_points_not_bytes():
    body = "Über 300 Flüchtlinge — “Wir sind müde,” said Anna Weiß, a volunteer. More than 40 died."
    found = extract(body)

    assert quotes(found) == {"Wir sind müde,": "Anna Weiß"}
    forty = figure(found, "More than 40")
    assert body[forty.span.start : forty.span.end] == "More than 40"
