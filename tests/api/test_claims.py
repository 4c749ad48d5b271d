"""/api/v1/claims/: recorded by quote, queried across articles, reviewed."""

from datetime import datetime

import pytest
from django.utils import timezone

from facts.models import Article, Claim, Person
from tests.factories import make_article, make_claim, make_person

pytestmark = pytest.mark.django_db

BODY = 'Mr. Flake says yes. Later, Mr. Flake says no. "Go,"  said Ms. Kang.'


def messages(response) -> str:
    return " ".join(message for field in response.json().values() for message in field)


def test_a_claim_is_created_from_the_article_and_the_quote_alone(editor):
    article = make_article(BODY)
    kang = make_person("Erica Kang", ["Ms. Kang"])

    response = editor.post(
        "/api/v1/claims/",
        {
            "article": article.pk,
            "exact": "Go,",
            "kind": "direct_quote",
            "speaker_person": kang.pk,
            "attribution_exact": "said Ms. Kang",
        },
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["passage"]["start"] == BODY.index("Go,")
    assert data["passage"]["exact"] == "Go,"
    assert data["passage"]["prefix"] == BODY[: BODY.index("Go,")][-32:]
    said = BODY.index("said Ms. Kang")
    assert data["attribution"] == {"start": said, "end": said + 13, "exact": "said Ms. Kang"}
    assert data["speaker"]["name"] == "Erica Kang" and data["speaker"]["type"] == "person"
    assert response["Location"] == data["url"]


def test_a_quote_with_surrounding_whitespace_is_stored_exactly(editor):
    article = make_article(BODY)

    response = editor.post("/api/v1/claims/", {"article": article.pk, "exact": ',"  said', "kind": "assertion"})

    assert response.status_code == 201, response.json()
    assert Claim.objects.get().exact == ',"  said'


def test_a_quote_not_in_the_article_is_400_naming_the_article(editor):
    article = make_article(BODY)

    response = editor.post("/api/v1/claims/", {"article": article.pk, "exact": "Mr Flake says", "kind": "paraphrase"})

    assert response.status_code == 400
    assert f"does not occur in article {article.pk}" in response.json()["exact"][0]
    assert Claim.objects.count() == 0


def test_an_ambiguous_quote_is_400_with_the_candidate_offsets(editor):
    article = make_article(BODY)

    response = editor.post("/api/v1/claims/", {"article": article.pk, "exact": "Mr. Flake says", "kind": "paraphrase"})

    assert response.status_code == 400
    assert "occurs 2 times" in response.json()["exact"][0]
    assert "0–14, 27–41" in response.json()["exact"][0]


def test_start_or_a_prefix_picks_one_occurrence(editor):
    article = make_article(BODY)

    by_start = editor.post(
        "/api/v1/claims/", {"article": article.pk, "exact": "Mr. Flake says", "kind": "paraphrase", "start": 27}
    )
    by_prefix = editor.post(
        "/api/v1/claims/", {"article": article.pk, "exact": "Mr. Flake says", "kind": "paraphrase", "suffix": " yes"}
    )

    assert by_start.json()["passage"]["start"] == 27
    assert by_prefix.json()["passage"]["start"] == 0


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"start": 1}, "exact", "at 1–15 is"),
        ({"start": -1}, "start", "greater than or equal to 0"),
        ({"start": "ten"}, "start", "A valid integer is required"),
        ({"start": 0, "end": 99}, "end", "span 99 characters"),
        ({"start": 10**12}, "start", "less than or equal to"),
        ({"kind": "rumour"}, "kind", "not a valid choice"),
        ({"speaker_person": 999999}, "speaker_person", "does not exist"),
        ({"speaker_group": "activists", "speaker_person": "x"}, "speaker_person", "Incorrect type"),
        ({"attribution_exact": "said Mr. Nobody"}, "attribution_exact", "does not occur"),
        ({"article": 999999}, "article", "does not exist"),
        ({"exact": ""}, "exact", "may not be blank"),
        ({"exact": 5}, "exact", "Not a valid string"),
    ],
)
def test_bad_claim_input_is_400_with_a_message_and_writes_nothing(editor, extra, field, message):
    article = make_article(BODY)
    payload = {"article": article.pk, "exact": "Mr. Flake says", "kind": "paraphrase", "suffix": " yes", **extra}

    response = editor.post("/api/v1/claims/", payload)

    assert response.status_code == 400
    assert message in " ".join(response.json()[field]), response.json()
    assert Claim.objects.count() == 0


def test_two_speakers_at_once_are_refused(editor):
    article = make_article(BODY)

    response = editor.post(
        "/api/v1/claims/",
        {
            "article": article.pk,
            "exact": "Go,",
            "kind": "direct_quote",
            "speaker_person": make_person().pk,
            "speaker_group": "x",
        },
    )

    assert response.status_code == 400
    assert "Give one speaker" in messages(response)


def test_the_same_passage_twice_is_refused(editor):
    article = make_article(BODY)
    payload = {"article": article.pk, "exact": "Go,", "kind": "direct_quote"}
    editor.post("/api/v1/claims/", payload)

    response = editor.post("/api/v1/claims/", payload)

    assert response.status_code == 400
    assert "already recorded" in messages(response)
    assert Claim.objects.count() == 1


def test_a_saved_claims_passage_cannot_change_but_its_speaker_and_kind_can(editor):
    article = make_article(BODY)
    created = editor.post("/api/v1/claims/", {"article": article.pk, "exact": "Go,", "kind": "assertion"})
    url, etag = created["Location"], created["ETag"]

    moved = editor.patch(url, {"exact": "Later"}, HTTP_IF_MATCH=etag)
    changed = editor.patch(url, {"kind": "direct_quote", "speaker_group": "a bystander"}, HTTP_IF_MATCH=etag)

    assert moved.status_code == 400
    assert "passage never changes" in moved.json()["exact"][0]
    assert changed.status_code == 200
    assert changed.json()["kind"] == "direct_quote"
    assert changed.json()["speaker"] == {"type": "group", "id": None, "url": None, "name": "a bystander"}


def test_reviewing_a_claim_records_the_verdict_reviewer_and_date(editor, editor_user):
    article = make_article(BODY)
    claim = editor.post("/api/v1/claims/", {"article": article.pk, "exact": "Go,", "kind": "direct_quote"}).json()
    before = timezone.now()

    response = editor.post(f"{claim['url']}review/", {"status": "disputed", "note": "Two witnesses differ."})

    assert response.status_code == 201
    data = response.json()
    assert data["review_status"] == "disputed"
    assert data["reviews"][0]["reviewer"] == "editor"
    assert data["reviews"][0]["note"] == "Two witnesses differ."
    assert before <= datetime.fromisoformat(data["reviews"][0]["reviewed_at"]) <= timezone.now()


def test_a_review_with_an_unknown_status_is_400_and_changes_nothing(editor):
    article = make_article(BODY)
    claim = editor.post("/api/v1/claims/", {"article": article.pk, "exact": "Go,", "kind": "direct_quote"}).json()

    response = editor.post(f"{claim['url']}review/", {"status": "probably true"})

    assert response.status_code == 400
    assert "status" in response.json()
    assert Claim.objects.get().review_status == "unreviewed"


def test_reviewing_needs_an_editor(anonymous, reader, seed):
    claim = Claim.objects.first()

    assert anonymous.post(f"/api/v1/claims/{claim.pk}/review/", {"status": "verified"}).status_code == 401
    assert reader.post(f"/api/v1/claims/{claim.pk}/review/", {"status": "verified"}).status_code == 403


# Reading across articles ------------------------------------------------------------------


def test_a_persons_claims_across_articles_carry_their_passages(anonymous, seed):
    flake = Person.objects.get(name="Gordon Flake")

    results = anonymous.get(f"/api/v1/people/{flake.pk}/claims/").json()["results"]
    filtered = anonymous.get("/api/v1/claims/", {"speaker_person": flake.pk, "page_size": 500}).json()["results"]

    assert {c["id"] for c in results} == {c["id"] for c in filtered} == set(flake.claims.values_list("id", flat=True))
    quote = next(c for c in results if c["passage"]["exact"].startswith("Refugee flows across"))
    assert quote["kind"] == "direct_quote"
    assert quote["attribution"]["exact"] == "added Mr. Flake"
    body = Article.objects.get(pk=quote["article"]["id"]).body
    assert body[quote["passage"]["start"] : quote["passage"]["end"]] == quote["passage"]["exact"]


def test_claims_filter_by_kind_speaker_type_and_review_status(anonymous, seed):
    quotes = anonymous.get("/api/v1/claims/", {"kind": "direct_quote", "page_size": 500}).json()["results"]
    own_voice = anonymous.get("/api/v1/claims/", {"speaker_type": "article", "page_size": 500}).json()["results"]
    groups = anonymous.get("/api/v1/claims/", {"speaker_group": "activists", "page_size": 500}).json()["results"]

    assert quotes and all(c["kind"] == "direct_quote" for c in quotes)
    assert len(quotes) == Claim.objects.filter(kind="direct_quote").count()
    assert own_voice and all(c["speaker"] is None for c in own_voice)
    assert groups and all("activists" in c["speaker"]["name"].lower() for c in groups)
    assert anonymous.get("/api/v1/claims/", {"review_status": "verified"}).json()["results"] == []


def test_full_text_search_supports_phrases_and_exclusion_ranked(anonymous, seed):
    phrase = anonymous.get("/api/v1/claims/", {"q": '"blind eye"'}).json()["results"]
    stemmed = anonymous.get("/api/v1/claims/", {"q": "lifeline"}).json()["results"]
    excluded = anonymous.get("/api/v1/claims/", {"q": "refugees -china", "page_size": 500}).json()["results"]

    assert [c["passage"]["exact"] for c in phrase] == ["China has turned a blind eye to the cross-border traffic"]
    assert any("lifelines" in c["passage"]["exact"] for c in stemmed)
    assert excluded and all("china" not in c["passage"]["exact"].lower() for c in excluded)


def test_search_results_page_through_without_repeats(anonymous, seed):
    url, seen = "/api/v1/claims/?q=north+korea&page_size=2", []
    while url:
        page = anonymous.get(url).json()
        seen += [c["id"] for c in page["results"]]
        url = page["next"]

    assert len(seen) == len(set(seen)) > 4


def test_who_reviewed_and_the_internal_note_are_shown_to_editors_only(editor, anonymous, reader):
    claim = make_claim()
    reviewed = editor.post(
        f"/api/v1/claims/{claim.pk}/review/",
        {"status": "disputed", "note": "Other counts differ.", "internal_note": "Asked the ministry; no answer."},
    )
    url = f"/api/v1/claims/{claim.pk}/"

    as_editor = editor.get(url).json()["reviews"][0]
    as_reader = reader.get(url).json()["reviews"][0]
    as_anyone = anonymous.get(url).json()["reviews"][0]
    exported = anonymous.get("/api/v1/claim-reviews/", HTTP_ACCEPT="application/json").json()

    assert reviewed.status_code == 201
    assert (as_editor["reviewer"], as_editor["internal_note"]) == ("editor", "Asked the ministry; no answer.")
    assert as_reader == as_anyone == {**as_editor, "reviewer": None, "internal_note": None}
    assert as_anyone["note"] == "Other counts differ."
    assert "ministry" not in str(exported) and "editor" not in str(exported)
    assert claim.reviews.get().events.get().internal_note == "Asked the ministry; no answer."
