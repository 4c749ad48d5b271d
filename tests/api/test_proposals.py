"""Proposals over HTTP: listed and filtered by anyone, accepted and rejected by editors."""

from decimal import Decimal

import pytest

from facts import services
from facts.models import Article, Claim, Figure, Proposal
from tests.factories import make_article
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db

FLAKE_QUOTE_START = 1972


@pytest.fixture
def article(seed_bodies) -> Article:
    article, _ = services.article_ingest(body=seed_bodies["000_0b70f8eb3d6f89fe"])
    run_queued_jobs()
    return article


@pytest.fixture
def quote(article) -> Proposal:
    return Proposal.objects.get(article=article, kind="claim", start=FLAKE_QUOTE_START)


@pytest.fixture
def more_than_30(article) -> Proposal:
    return Proposal.objects.get(article=article, kind="figure", exact="more than 30")


# Reading ----------------------------------------------------------------------------------


def test_anyone_lists_proposals_with_their_passage_data_and_status(anonymous, article, quote):
    response = anonymous.get("/api/v1/proposals/", {"kind": "claim", "page_size": 500})

    assert response.status_code == 200
    listed = {item["id"]: item for item in response.json()["results"]}
    assert set(listed) == set(article.proposals.filter(kind="claim").values_list("pk", flat=True))
    item = listed[quote.pk]
    assert item["passage"]["start"] == FLAKE_QUOTE_START
    assert item["passage"]["exact"] == quote.exact
    assert item["data"]["speaker"] == {"type": "person", "name": "Gordon Flake"}
    assert item["data"]["attribution"]["exact"] == "added Mr. Flake"
    assert (item["status"], item["record"], item["reviewed_by"], item["kind"]) == ("pending", None, None, "claim")
    assert item["article"]["id"] == article.pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "figure"}, lambda p: p.kind == "figure"),
        ({"status": "pending"}, lambda p: p.status == "pending"),
        ({"min_confidence": "0.8"}, lambda p: p.confidence >= 0.8),
        ({"extractor_version": "nonexistent"}, lambda p: False),
    ],
)
def test_proposals_are_filtered(anonymous, article, query, expected):
    make_article("More than 40 people fled, said John Smith, a farmer.", extract=True)
    run_queued_jobs()
    services.proposal_reject(proposal=article.proposals.order_by("id").first(), user=None)  # one not pending

    response = anonymous.get("/api/v1/proposals/", {**query, "article": article.pk, "page_size": 500})

    ids = {item["id"] for item in response.json()["results"]}
    assert ids == {p.pk for p in article.proposals.all() if expected(p)}


def test_a_bad_filter_is_refused(anonymous, article):
    response = anonymous.get("/api/v1/proposals/", {"kind": "quote"})

    assert response.status_code == 400
    assert "kind" in response.json()


@pytest.mark.parametrize("page_size", [2, 50])
def test_the_list_is_one_query_at_any_page_size(
    no_throttling, anonymous, article, django_assert_num_queries, page_size
):
    # 1: the page of proposals with their articles (bodies left in the database) and reviewers.
    with django_assert_num_queries(1):
        response = anonymous.get("/api/v1/proposals/", {"page_size": page_size})

    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


@pytest.mark.usefixtures("no_throttling")
def test_an_editors_list_adds_only_the_token_checks_and_the_editor_check(editor, article, django_assert_num_queries):
    # 1: whether this address sent too many wrong tokens (django-axes); 2: the token with its user;
    # 3: the page; 4: whether the account is an editor, who is shown who reviewed each proposal
    # (once per request, facts.editors.sees_internals).
    with django_assert_num_queries(4):
        response = editor.get("/api/v1/proposals/?page_size=50")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 50


def test_proposals_are_listed_as_csv(anonymous, article):
    response = anonymous.get("/api/v1/proposals/", {"format": "csv", "kind": "figure"})

    assert response.status_code == 200
    assert '"passage.exact"' in b"".join(response.streaming_content).decode().splitlines()[0]


def test_an_article_links_to_its_proposals(anonymous, article):
    response = anonymous.get(f"/api/v1/articles/{article.pk}/")

    assert response.json()["proposals"].endswith(f"/api/v1/proposals/?article={article.pk}")


# Accepting and rejecting ------------------------------------------------------------------


def test_an_editor_accepts_a_proposal_and_gets_the_record(editor, quote):
    response = editor.post(f"/api/v1/proposals/{quote.pk}/accept/", {}, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    claim = Claim.objects.get()
    assert (body["status"], body["reviewed_by"]) == ("accepted", "editor")
    assert body["record"]["type"] == "claim" and body["record"]["id"] == claim.pk
    assert body["record"]["url"].endswith(f"/api/v1/claims/{claim.pk}/")
    assert (claim.speaker_person.name, claim.attribution_exact) == ("Gordon Flake", "added Mr. Flake")


def test_accepting_with_no_body_at_all_accepts_as_proposed(editor, more_than_30):
    response = editor.post(f"/api/v1/proposals/{more_than_30.pk}/accept/")

    assert response.status_code == 200
    assert Figure.objects.get().qualifier == "more_than"


@pytest.mark.parametrize("body", ["[]", '"edits"', "null"])
def test_accepting_with_a_body_that_is_not_an_object_is_400_and_accepts_nothing(editor, more_than_30, body):
    response = editor.post(f"/api/v1/proposals/{more_than_30.pk}/accept/", body, content_type="application/json")

    assert response.status_code == 400
    more_than_30.refresh_from_db()
    assert more_than_30.status == "pending" and not Figure.objects.exists()


def test_accepting_twice_creates_nothing_twice(editor, quote):
    first = editor.post(f"/api/v1/proposals/{quote.pk}/accept/", {}, format="json").json()
    second = editor.post(f"/api/v1/proposals/{quote.pk}/accept/", {}, format="json")

    assert second.status_code == 200
    assert second.json()["record"] == first["record"]
    assert Claim.objects.count() == 1


def test_an_editor_accepts_with_corrections(editor, more_than_30):
    response = editor.post(
        f"/api/v1/proposals/{more_than_30.pk}/accept/",
        {"edits": {"qualifier": "at_least", "period": "the last month"}},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["edits"] == {"qualifier": "at_least", "period": "the last month"}
    figure = Figure.objects.get()
    assert (figure.qualifier, figure.low, figure.period) == ("at_least", 30, "the last month")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"edits": {"colour": "red"}}, "edits"),  # not a field a figure proposal has
        ({"edits": {"value": "thirty"}}, "edits"),
        ({"edits": ["qualifier"]}, "edits"),
        ({"changes": {}}, "changes"),  # an unknown top-level field
    ],
)
def test_bad_corrections_are_refused_and_record_nothing(editor, more_than_30, payload, field):
    response = editor.post(f"/api/v1/proposals/{more_than_30.pk}/accept/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Figure.objects.exists()
    assert Proposal.objects.get(pk=more_than_30.pk).status == "pending"


def test_an_editor_rejects_a_proposal(editor, more_than_30):
    response = editor.post(f"/api/v1/proposals/{more_than_30.pk}/reject/")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["record"]) == ("rejected", None)
    assert not Figure.objects.exists()


def test_an_accepted_proposal_cannot_be_rejected(editor, more_than_30):
    editor.post(f"/api/v1/proposals/{more_than_30.pk}/accept/")

    response = editor.post(f"/api/v1/proposals/{more_than_30.pk}/reject/")

    assert response.status_code == 400
    assert "already accepted" in str(response.json())
    assert Proposal.objects.get(pk=more_than_30.pk).status == "accepted"


def test_an_editor_accepts_several_proposals_at_once(editor, article):
    chosen = list(article.proposals.filter(start__in=[1865, 1879]).values_list("pk", flat=True))
    chosen += list(article.proposals.filter(kind__in=["person", "mention"]).values_list("pk", flat=True))

    response = editor.post("/api/v1/proposals/accept/", {"ids": chosen}, format="json")

    assert response.status_code == 200, response.json()
    assert [item["id"] for item in response.json()["proposals"]] == chosen
    assert {item["status"] for item in response.json()["proposals"]} == {"accepted"}
    assert set(Proposal.objects.filter(pk__in=chosen).values_list("status", flat=True)) == {"accepted"}


@pytest.mark.parametrize("payload", [{"ids": []}, {"ids": [999999]}, {"ids": "1"}, {}, {"ids": [1], "all": True}])
def test_bad_bulk_accepts_are_refused(editor, article, payload):
    response = editor.post("/api/v1/proposals/accept/", payload, format="json")

    assert response.status_code == 400
    assert not Proposal.objects.filter(status="accepted").exists()


def test_a_bulk_accept_is_all_or_nothing(editor, article, more_than_30):
    bad = article.proposals.get(kind="figure", exact="hundreds")
    Proposal.objects.filter(pk=bad.pk).update(data={**bad.data, "qualifier": "nonsense"})

    response = editor.post("/api/v1/proposals/accept/", {"ids": [more_than_30.pk, bad.pk]}, format="json")

    assert response.status_code == 400
    assert f"Proposal {bad.pk}" in str(response.json())
    assert not Figure.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/proposals/{pk}/accept/", "/api/v1/proposals/{pk}/reject/", "/api/v1/proposals/accept/"],
)
def test_reviewing_needs_an_editor(anonymous, reader, more_than_30, url):
    url = url.format(pk=more_than_30.pk)
    payload = {"ids": [more_than_30.pk]}

    assert anonymous.post(url, payload, format="json").status_code == 401
    assert reader.post(url, payload, format="json").status_code == 403
    assert Proposal.objects.get(pk=more_than_30.pk).status == "pending"


def test_proposals_cannot_be_written_directly(editor, more_than_30):
    assert editor.post("/api/v1/proposals/", {"kind": "figure"}, format="json").status_code == 405
    assert editor.patch(f"/api/v1/proposals/{more_than_30.pk}/", {"status": "accepted"}).status_code == 405
    assert editor.delete(f"/api/v1/proposals/{more_than_30.pk}/").status_code == 405


def test_reviewing_a_missing_proposal_is_404(editor):
    assert editor.post("/api/v1/proposals/999999/accept/").status_code == 404
    assert editor.post("/api/v1/proposals/999999/reject/").status_code == 404


# Extraction over HTTP ---------------------------------------------------------------------


def test_storing_an_article_through_the_api_queues_its_extraction_and_the_job_proposes_its_facts(editor, anonymous):
    response = editor.post(
        "/api/v1/articles/", {"body": "Ms. Kang says tens of thousands of North Koreans have fled."}, format="json"
    )

    assert response.status_code == 201
    article_id = response.json()["id"]
    assert response.json()["extraction"]["status"] == "queued"
    assert not Proposal.objects.filter(article_id=article_id).exists()  # not while the client waited
    assert run_queued_jobs() == 1
    figure = Proposal.objects.get(article_id=article_id, kind="figure")
    assert (figure.exact, figure.data["speaker"]) == ("tens of thousands", {"type": "person", "name": "Ms. Kang"})
    extraction = anonymous.get(response["Location"]).json()["extraction"]
    count = Proposal.objects.filter(article_id=article_id).count()
    assert (extraction["status"], extraction["proposals"], extraction["error"]) == ("done", count, None)


def test_an_editor_queues_the_extractor_on_an_existing_article(editor, anonymous):
    stored = make_article('"The border is open," said Erica Kang, a coordinator for Good Friends. Seven people fled.')

    first = editor.post(f"/api/v1/articles/{stored.pk}/extract/")
    second = editor.post(f"/api/v1/articles/{stored.pk}/extract/")

    assert first.status_code == second.status_code == 202
    assert first["Location"].endswith(f"/api/v1/articles/{stored.pk}/")
    assert first.json() == second.json()  # a run already waiting is not queued twice
    assert (first.json()["status"], first.json()["proposals"], first.json()["error"]) == ("queued", None, None)
    assert len(queued_jobs()) == 1
    assert run_queued_jobs() == 1
    proposals = list(stored.proposals.all())
    assert {p.kind for p in proposals} >= {"person", "claim", "figure", "role", "mention"}

    again = editor.post(f"/api/v1/articles/{stored.pk}/extract/")
    assert again.status_code == 202 and again.json()["status"] == "queued"
    assert run_queued_jobs() == 1
    assert list(stored.proposals.all()) == proposals  # proposed nothing twice
    assert anonymous.get(f"/api/v1/articles/{stored.pk}/").json()["extraction"]["proposals"] == len(proposals)
    assert anonymous.post(f"/api/v1/articles/{stored.pk}/extract/").status_code == 401
    assert editor.post("/api/v1/articles/999999/extract/").status_code == 404


def test_a_correction_sent_as_a_json_number_with_a_fraction_is_kept_exactly(editor, more_than_30):
    response = editor.generic(
        "POST",
        f"/api/v1/proposals/{more_than_30.pk}/accept/",
        '{"edits": {"qualifier": "approximately", "value": 30.25}}',
        content_type="application/json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["edits"] == {"qualifier": "approximately", "value": "30.25"}
    assert Figure.objects.get().value == Decimal("30.25")


def test_who_reviewed_a_proposal_is_shown_to_editors_only(editor, anonymous, more_than_30):
    editor.post(f"/api/v1/proposals/{more_than_30.pk}/reject/")
    url = f"/api/v1/proposals/{more_than_30.pk}/"

    assert editor.get(url).json()["reviewed_by"] == "editor"
    assert anonymous.get(url).json()["reviewed_by"] is None
