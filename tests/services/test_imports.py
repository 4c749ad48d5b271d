"""Bulk ingestion (services.articles_import): checked first, all or nothing, few queries.

manage.py import_articles, which feeds it JSON Lines files, is tested in tests/commands/.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from facts.models import Article, Claim, Extraction, Figure, Proposal, body_sha256
from facts.services.imports import _Batch, articles_import
from tests.factories import make_article, make_measure, make_person
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db

NORTH_KOREANS = "002_4b77666affaa1ff0"


def entry(body: str, **fields) -> dict:
    return {"body": body, "title": "Asylum bid in Beijing", "publisher": "VOA", **fields}


def problems(error: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return error.value.message_dict


def test_the_seed_articles_are_stored_with_their_claims_and_figures_exactly_as_quoted(seed_bodies):
    teaser, railroad, korea = seed_bodies.values()
    friends = make_person("Good Friends")
    measure = make_measure("North Koreans seeking asylum")
    quote = "Recognize North Korean defectors as refugees,"  # inside double quotation marks, comma kept
    # The teaser's last words, cut off at "try t..." (the full text follows it, from "Some").
    cut = teaser[teaser.index("to call attention") : teaser.index("try t...") + len("try t...")]

    result = articles_import(
        entries=[
            entry(teaser, claims=[{"exact": cut, "kind": "paraphrase", "speaker_group": "international activists"}]),
            entry(railroad, claims=[{"exact": "'underground railroad'", "kind": "assertion"}]),
            entry(
                korea,
                published_on="2002-09-23",
                claims=[
                    {"exact": quote, "kind": "direct_quote", "speaker_group": "A South Korean diplomat"},
                    {"exact": "Monday's request for refuge", "kind": "paraphrase", "speaker_person": friends.pk},
                ],
                figures=[
                    {
                        "exact": "seven",
                        "start": korea.index("seven"),
                        "qualifier": "exact",
                        "value": 7,
                        "measure": measure.pk,
                        "claim": 0,
                    }
                ],
            ),
        ],
        extract=False,
    )

    assert [created for _, created in result.articles] == [True, True, True]
    assert (result.claims, result.figures, result.extractions_queued) == (4, 1, 0)
    assert queued_jobs() == []
    for (article, _), body in zip(result.articles, (teaser, railroad, korea), strict=True):
        article.refresh_from_db()
        assert (article.body, article.sha256) == (body, body_sha256(body))
    for claim in Claim.objects.select_related("article"):
        assert claim.article.body[claim.start : claim.end] == claim.exact
    assert cut.endswith("refugees who try t...") and teaser[Claim.objects.get(exact=cut).end] == "S"
    assert Claim.objects.filter(exact="'underground railroad'", speaker_group=None).exists()
    figure = Figure.objects.get()
    assert (figure.value, figure.low, figure.high, figure.measure) == (7, 7, 7, measure)
    assert (figure.claim.exact, str(figure.article.published_on)) == (quote, "2002-09-23")


def test_new_articles_have_their_extraction_queued_in_the_batch_transaction(seed_bodies):
    result = articles_import(entries=[entry(body) for body in seed_bodies.values()])

    assert result.created == result.extractions_queued == 3
    ids = {a.pk for a, _ in result.articles}
    assert sorted(job.args["article_id"] for job in queued_jobs()) == sorted(ids)
    assert set(Extraction.objects.filter(article__in=ids).values_list("status", flat=True)) == {"queued"}
    assert not Proposal.objects.exists()
    assert run_queued_jobs() == 3
    assert set(Proposal.objects.values_list("article", flat=True)) == ids


def test_a_refused_batch_queues_nothing(seed_bodies):
    entries = [entry(body) for body in seed_bodies.values()] + [{"body": 12}]

    with pytest.raises(ValidationError):
        articles_import(entries=entries)

    assert queued_jobs() == [] and not Extraction.objects.exists()


def test_an_article_already_stored_is_left_as_it_is_and_its_facts_are_not_added_again(seed_bodies):
    body = seed_bodies[NORTH_KOREANS]
    stored = make_article(body, title="Kept title")

    result = articles_import(
        entries=[entry(body, title="Other title", claims=[{"exact": "Give us freedom.", "kind": "direct_quote"}])]
    )

    assert result.articles == [(stored, False)]
    assert result.claims == 0 and not Claim.objects.exists()
    stored.refresh_from_db()
    assert stored.title == "Kept title"


def test_importing_the_same_batch_twice_adds_nothing_the_second_time(seed_bodies):
    batch = [
        entry(body, claims=[{"exact": body[:20], "start": 0, "kind": "paraphrase"}]) for body in seed_bodies.values()
    ]
    articles_import(entries=batch, extract=False)

    again = articles_import(entries=batch, extract=False)

    assert again.created == 0 and again.claims == 0
    assert (Article.objects.count(), Claim.objects.count()) == (3, 3)


def test_one_bad_record_refuses_the_whole_batch_listing_every_problem_by_place(seed_bodies):
    korea, *others = seed_bodies.values()
    batch = [
        entry(others[0], claims=[{"exact": others[0][:30], "kind": "paraphrase"}]),
        entry(
            korea,
            title="",
            claims=[
                {"exact": "not in the article", "kind": "paraphrase"},
                {"exact": korea[:10], "kind": "rumour"},
                {"exact": korea[:10], "kind": "paraphrase", "start": "0"},
            ],
            figures=[{"exact": korea[:5], "qualifier": "range", "value": 3.5}],
        ),
    ]

    with pytest.raises(ValidationError) as error:
        articles_import(entries=batch)

    found = problems(error)
    assert "does not occur in the article" in found["articles[1].claims[0].exact"][0]
    assert "not a valid choice" in found["articles[1].claims[1].kind"][0]
    assert found["articles[1].claims[2].start"] == ["Must be a whole number, not str."]
    assert found["articles[1].title"] == ["Empty; leave the field out (or null) when it is not known."]
    assert "has bounds, not a single value" in found["articles[1].figures[0].value"][0]
    assert (Article.objects.count(), Claim.objects.count(), Proposal.objects.count()) == (0, 0, 0)


def test_text_is_never_trimmed_a_quote_with_a_space_more_is_refused(seed_bodies):
    body = seed_bodies[NORTH_KOREANS]

    with pytest.raises(ValidationError) as error:
        articles_import(entries=[entry(body, claims=[{"exact": "Give us freedom. ", "kind": "direct_quote"}])])

    assert list(problems(error)) == ["articles[0].claims[0].exact"]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("record", "where", "message"),
    [
        ({"speaker_person": 999999}, "claims[0].speaker_person", "There is no person 999999."),
        ({"speaker_organization": 999999}, "claims[0].speaker_organization", "There is no organization 999999."),
        ({"speaker_group": "some activists", "speaker_person": 1}, "claims[0]", "Give one speaker"),
        ({"speaker_group": ""}, "claims[0].speaker_group", "Empty; leave the field out"),
        ({"colour": "red"}, "claims[0].colour", "Unknown field."),
        ({"start": 0}, "claims[1].exact", "The same passage as articles[0].claims[0]."),
    ],
)
def test_references_speakers_and_spans_are_checked_before_anything_is_written(seed_bodies, record, where, message):
    body = seed_bodies[NORTH_KOREANS]
    claims = [{"exact": body[:7], "kind": "paraphrase", **record}]
    if where == "claims[1].exact":
        claims.append({"exact": body[:7], "kind": "paraphrase"})

    with pytest.raises(ValidationError) as error:
        articles_import(entries=[entry(body, claims=claims)])

    assert problems(error)[f"articles[0].{where}"][0].startswith(message)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("batch", "where", "message"),
    [
        ([], "articles", "Give a non-empty list of articles."),
        ([["not", "an", "object"]], "articles[0]", "Must be an object, not list."),
        ([{"title": "no body"}], "articles[0].body", "This field is required."),
        ([{"body": ""}], "articles[0].body", "The article body is empty."),
        ([{"body": "a\x00b"}], "articles[0].body", "Text may not contain the NUL character"),
        ([{"body": "x"}, {"body": "x"}], "articles[1].body", "The same text as articles[0]."),
        ([{"body": "x", "claims": {}}], "articles[0].claims", "Must be a list, not dict."),
        (
            [{"body": "x", "figures": [{"exact": "x", "qualifier": "exact", "value": "lots"}]}],
            "articles[0].figures[0].value",
            "'lots' is not a number.",
        ),
        (
            [{"body": "x", "figures": [{"exact": "x", "qualifier": "exact", "value": 1, "claim": 0}]}],
            "articles[0].figures[0].claim",
            "This article has no claims in the batch to point to.",
        ),
        (
            [
                {
                    "body": "x",
                    "claims": [{"exact": "x", "kind": "paraphrase"}],
                    "figures": [{"exact": "x", "qualifier": "exact", "value": 1, "claim": 1}],
                }
            ],
            "articles[0].figures[0].claim",
            "The position of one of this article's claims (0–0) is needed.",
        ),
        (
            [{"body": "x", "published_on": "23/09/2002"}],
            "articles[0].published_on",
            "“23/09/2002” value has an invalid",
        ),
    ],
)
def test_malformed_batches_are_refused_with_the_place_of_each_problem(batch, where, message):
    with pytest.raises(ValidationError) as error:
        articles_import(entries=batch)

    assert problems(error)[where][0].startswith(message)
    assert not Article.objects.exists()


def test_a_body_stored_by_another_writer_meanwhile_refuses_the_batch_and_says_so(seed_bodies, monkeypatch):
    body = seed_bodies[NORTH_KOREANS]
    check = _Batch.check

    def check_while_another_writer_stores_the_body(self):
        check(self)
        make_article(body)  # between this batch's check and its INSERT

    monkeypatch.setattr(_Batch, "check", check_while_another_writer_stores_the_body)

    with pytest.raises(ValidationError) as error:
        articles_import(entries=[entry(body)])

    assert problems(error) == {
        "articles": [
            "An article of the batch was stored by another writer meanwhile; send the batch again. Nothing was stored."
        ]
    }
    assert not Article.objects.exists()


def test_a_batch_is_a_few_statements_whatever_its_size(seed_bodies):
    """Two reads (bodies already stored, the speakers referred to), then one INSERT per table."""
    speaker = make_person("Good Friends")

    def batch(copies: int, label: str) -> list[dict]:
        entries = []
        for n in range(copies):
            for body in seed_bodies.values():
                opening = f"{label} {n}: "
                passage = {"exact": body[:40], "start": len(opening)}
                entries.append(
                    entry(
                        opening + body,
                        claims=[{**passage, "kind": "paraphrase", "speaker_person": speaker.pk}],
                        figures=[{**passage, "qualifier": "approximately", "value": 1}],
                    )
                )
        return entries

    with CaptureQueriesContext(connection) as small:
        articles_import(entries=batch(1, "small"), extract=False)
    with CaptureQueriesContext(connection) as large:
        articles_import(entries=batch(20, "large"), extract=False)

    # ...and the savepoint of articles_import's transaction: the test runs inside one already.
    assert len(small) == len(large) == 2 + 3 + 2
    assert Claim.objects.count() == 63
