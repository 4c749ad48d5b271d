"""The seed fixtures: the three articles byte for byte, and every fact curated from them."""

import hashlib
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Person, Role
from facts.seed import FIXTURES_DIR, load_seed

pytestmark = pytest.mark.django_db

# SHA-256 of the seed files as delivered in shared/seeds/ (no trailing newlines).
SEED_SHA256 = {
    "000_0b70f8eb3d6f89fe": "0b0eddd71440a50c",
    "001_9d277471cee10d5a": "700791d1a7356d03",
    "002_4b77666affaa1ff0": "cd220a79d4605b10",
}


def test_the_fixture_texts_are_the_seed_files_byte_for_byte():
    for stem, digest in SEED_SHA256.items():
        data = (FIXTURES_DIR / "articles" / f"{stem}.txt").read_bytes()
        assert hashlib.sha256(data).hexdigest().startswith(digest), stem


def test_loading_the_fixtures_stores_every_article_exactly_and_every_passage_matches():
    load_seed()

    assert Article.objects.count() == 3
    for stem in SEED_SHA256:
        body = (FIXTURES_DIR / "articles" / f"{stem}.txt").read_bytes().decode("utf-8")
        article = Article.objects.get(sha256=hashlib.sha256(body.encode()).hexdigest())
        assert article.body == body
        assert (article.title, article.publisher, article.url, article.published_on) == (None, None, None, None)
    for model in (Claim, Figure, Mention, Role):
        records = model.objects.select_related("article")
        assert records.exists(), model
        for record in records:
            assert record.article.body[record.start : record.end] == record.exact, record
    for claim in Claim.objects.exclude(attribution_exact=None).select_related("article"):
        assert claim.article.body[claim.attribution_start : claim.attribution_end] == claim.attribution_exact
    out = StringIO()
    call_command("verify_passages", stdout=out)
    assert " 0 mismatches" in out.getvalue()


def test_loading_the_fixtures_twice_adds_nothing():
    first = load_seed()
    counts = {model: model.objects.count() for model in (Article, Claim, Figure, Mention, Role, Person)}

    second = load_seed()

    assert first["claims"] > 0
    assert sum(second.values()) == 0
    assert counts == {model: model.objects.count() for model in counts}


def test_the_seed_records_what_an_editor_would_find():
    load_seed()

    flake = Person.objects.get(name="Gordon Flake")
    assert "Mr. Flake" in flake.aliases
    assert flake.roles.get().title == "executive director"
    assert flake.roles.get().affiliation.name == "Mansfield Center for Pacific Affairs"
    assert flake.mentions.count() >= 7
    assert flake.claims.filter(kind="direct_quote").count() >= 4
    assert Person.objects.filter(name="Chun Ki-won").exists()
    # The quote in single quotation marks in article 001.
    chun_quote = Claim.objects.get(speaker_person__name="Chun Ki-won", kind="direct_quote")
    assert chun_quote.exact.startswith("They come to Thailand because")
    assert Organization.objects.filter(name="Good Friends").exists()


def test_one_measure_lines_up_the_refugee_estimates_of_all_three_articles():
    load_seed()

    measure = Measure.objects.get(name="North Korean refugees in China")
    figures = {figure.exact: figure for figure in measure.figures.all()}

    assert set(figures) == {"More than 100,000, and perhaps as many as 300,000", "up to 300,000", "tens of thousands"}
    assert figures["up to 300,000"].speaker_group == "Some activists"
    assert (figures["up to 300,000"].qualifier, figures["up to 300,000"].high) == ("up_to", 300_000)
    assert figures["tens of thousands"].speaker_person.name == "Erica Kang"
    assert (
        figures["More than 100,000, and perhaps as many as 300,000"].low,
        figures["More than 100,000, and perhaps as many as 300,000"].high,
    ) == (100_000, 300_000)
    assert Figure.objects.filter(measure=measure).values("article").distinct().count() == 3


def test_a_broken_fixture_is_refused_and_nothing_is_written(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "entities.json").write_text('{"people": [{"name": "Gordon Flake", "aliases": []}]}')
    (tmp_path / "articles" / "a.txt").write_bytes(b"Gordon Flake spoke.")
    (tmp_path / "articles" / "a.json").write_text(
        '{"mentions": [{"person": "Gordon Flake", "exact": "Gordon Flake"},'
        ' {"person": "Gordon Flake", "exact": "Gordon Flak3"}]}'
    )

    with pytest.raises(ValidationError, match=r"a\.json.*does not occur"):
        load_seed(tmp_path)

    assert (Article.objects.count(), Person.objects.count(), Mention.objects.count()) == (0, 0, 0)


def test_the_load_seed_command_reports_what_it_added_then_that_nothing_was_left():
    out = StringIO()
    call_command("load_seed", stdout=out)
    call_command("load_seed", stdout=out)

    first, second = out.getvalue().strip().splitlines()
    assert first.startswith("Loaded ") and "3 articles" in first
    assert second == "The seed data is already loaded; nothing to add."
