"""/articles/{id}/versions/, latest/, diff/, and carried facts over HTTP: anchoring, across versions, confirming."""

import pytest

from facts.models import Article, CarriedFact, Claim
from facts.services import article_version_create, article_withdraw, claim_review
from tests.factories import make_article, make_claim
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

BODY = 'Mr. Flake spoke. "We are ready to help the refugees who arrive," he said. "The border is open," he added.'
READY = "We are ready to help the refugees who arrive,"
OPEN = "The border is open,"


@pytest.fixture
def old() -> Article:
    article = make_article(BODY, title="Flake speaks")
    claim_review(claim=make_claim(article, exact=READY), status="verified")
    make_claim(article, exact=OPEN)
    return article


def _post_version(client, article: Article, **data):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/articles/{article.pk}/versions/", data, format="json")


def _version(article: Article, body: str) -> Article:
    """The next version, its facts carried by its job (run here, as a worker would)."""
    version = article_version_create(article=article, body=body)
    run_queued_jobs("reanchor_version")
    return version


def test_an_editor_submits_a_correction_and_gets_the_new_version_with_its_carried_facts(editor, old):
    corrected = BODY.replace("We are ready", "We are prepared").replace(" he added.", " he added later.")

    response = _post_version(editor, old, body=corrected, title="Flake speaks (corrected)")

    assert response.status_code == 201, response.json()
    assert response.json()["claims"] == []  # carried by the job the correction queued
    assert run_queued_jobs("reanchor_version") == 1
    data = editor.get(response.json()["url"]).json()
    assert data["version"] == 2
    assert data["previous_version"].endswith(f"/api/v1/articles/{old.pk}/")
    assert (data["next_version"], data["latest_version"]) == (None, data["url"])
    assert (data["title"], data["body"]) == ("Flake speaks (corrected)", corrected)
    claims = {claim["passage"]["exact"]: claim for claim in data["claims"]}
    fuzzy = claims["We are prepared to help the refugees who arrive,"]
    assert fuzzy["anchoring"]["status"] == "fuzzy"
    assert fuzzy["anchoring"]["needs_confirmation"] is True
    assert fuzzy["anchoring"]["from_passage"]["exact"] == READY
    assert fuzzy["review_status"] == "unreviewed"
    assert claims[OPEN]["anchoring"]["status"] == "exact"
    old_read = editor.get(f"/api/v1/articles/{old.pk}/").json()
    assert old_read["next_version"] == data["url"] and old_read["latest_version"] == data["url"]
    assert old_read["body"] == BODY


def test_confirming_a_fuzzy_claim_carries_its_verdict(editor, old):
    version = _version(old, BODY.replace("We are ready", "We are prepared"))
    copy = Claim.objects.get(article=version, anchoring__status="fuzzy")

    response = editor.post(f"/api/v1/claims/{copy.pk}/confirm-anchoring/")

    assert response.status_code == 200, response.json()
    assert response.json()["review_status"] == "verified"
    assert response.json()["anchoring"]["needs_confirmation"] is False
    again = editor.post(f"/api/v1/claims/{copy.pk}/confirm-anchoring/")
    assert again.status_code == 400
    assert "confirmed already" in str(again.json())


def test_confirming_a_claim_recorded_on_its_article_is_refused(editor, old):
    claim = old.claims.first()

    response = editor.post(f"/api/v1/claims/{claim.pk}/confirm-anchoring/")

    assert response.status_code == 400
    assert "was not carried from a previous version" in response.json()["detail"]


def test_a_correction_identical_to_the_body_is_refused_with_400_and_nothing_written(editor, old):
    response = _post_version(editor, old, body=BODY)

    assert response.status_code == 400
    assert "identical to the article's body" in str(response.json()["body"])
    assert (Article.objects.count(), CarriedFact.objects.count()) == (1, 0)


def test_correcting_a_version_that_is_not_the_latest_is_a_conflict(editor, old):
    newer = _version(old, BODY + " More.")

    response = _post_version(editor, old, body=BODY + " Other.")

    assert response.status_code == 409
    assert "already corrects it" in response.json()["detail"] and str(newer.pk) in response.json()["detail"]
    assert Article.objects.count() == 2


def test_correcting_a_withdrawn_article_is_a_conflict(editor, old):
    article_withdraw(article=old)

    response = _post_version(editor, old, body=BODY + " More.")

    assert response.status_code == 409
    assert "withdrawn; restore it" in response.json()["detail"]
    assert (Article.objects.count(), CarriedFact.objects.count()) == (1, 0)


def test_an_unknown_field_in_a_correction_is_refused(editor, old):
    response = _post_version(editor, old, body=BODY + " More.", author="someone")

    assert response.status_code == 400
    assert "Unknown field" in str(response.json()["author"])
    assert Article.objects.count() == 1


def test_a_reader_may_not_submit_a_correction(reader, old):
    response = _post_version(reader, old, body=BODY + " More.")

    assert response.status_code == 403
    assert Article.objects.count() == 1


def test_the_versions_the_latest_and_the_latest_filter(anonymous, old):
    second = _version(old, BODY + " More.")
    third = _version(second, BODY + " More, again.")

    listed = anonymous.get(f"/api/v1/articles/{second.pk}/versions/").json()
    latest = anonymous.get(f"/api/v1/articles/{old.pk}/latest/").json()
    only_latest = anonymous.get("/api/v1/articles/?latest=true").json()["results"]

    assert [(a["id"], a["version"]) for a in listed] == [(old.pk, 1), (second.pk, 2), (third.pk, 3)]
    assert latest["id"] == third.pk
    assert [a["id"] for a in only_latest] == [third.pk]
    for bad in ("null", "yes", "1", ""):  # the words true or false, nothing else
        assert anonymous.get("/api/v1/articles/", {"latest": bad}).status_code == 400, bad


def test_the_diff_lists_the_changed_ranges_and_a_unified_diff(anonymous, old):
    corrected = BODY.replace("ready", "prepared")
    version = _version(old, corrected)

    response = anonymous.get(f"/api/v1/articles/{version.pk}/diff/")

    assert response.status_code == 200
    data = response.json()
    assert (data["from_version"]["id"], data["to_version"]["id"]) == (old.pk, version.pk)
    start = BODY.index("ready")
    assert data["changes"] == [
        {
            "op": "replace",
            "from_start": start,
            "from_end": start + len("ready"),
            "to_start": start,
            "to_end": start + len("prepared"),
            "removed": "ready",
            "added": "prepared",
        }
    ]
    assert "-Mr. Flake spoke." in data["unified"] and "+Mr. Flake spoke." in data["unified"]


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "is a first version"), ("?from=abc", "a whole number"), ("?from={other}", "is not another version")],
)
def test_a_diff_without_another_version_of_the_text_is_refused(anonymous, old, query, message):
    other = make_article("Unrelated text.")

    response = anonymous.get(f"/api/v1/articles/{old.pk}/diff/{query.format(other=other.pk)}")

    assert response.status_code == 400
    assert message in str(response.json()["from"])


def test_claims_across_versions_are_listed_once_each_the_latest_copy(anonymous, old):
    second = _version(old, BODY.replace(' "The border is open," he added.', ""))
    third = _version(second, second.body + " Later.")

    every = anonymous.get("/api/v1/claims/").json()["results"]
    across = anonymous.get("/api/v1/claims/?article_versions=all").json()["results"]
    latest = anonymous.get("/api/v1/claims/?article_versions=latest").json()["results"]

    assert len(every) == 4  # two on the first version, one carried to each later one
    assert sorted((c["article"]["id"], c["passage"]["exact"]) for c in across) == sorted(
        [(old.pk, OPEN), (third.pk, READY)]
    )
    orphan = next(c for c in across if c["passage"]["exact"] == OPEN)
    assert orphan["carried_onward"] == {"status": "orphaned", "to_record": None}
    assert [(c["article"]["id"], c["anchoring"]["status"]) for c in latest] == [(third.pk, "exact")]


def test_the_anchoring_filter_finds_fuzzy_matches_awaiting_confirmation(anonymous, old):
    version = _version(old, BODY.replace("We are ready", "We are prepared"))

    response = anonymous.get("/api/v1/claims/?anchoring=unconfirmed")

    assert [c["id"] for c in response.json()["results"]] == [
        Claim.objects.get(article=version, anchoring__status="fuzzy").pk
    ]


def test_the_latest_version_skips_a_withdrawn_correction(anonymous, old):
    second = _version(old, BODY + " More.")
    article_withdraw(article=second)

    latest = anonymous.get(f"/api/v1/articles/{old.pk}/latest/")

    assert latest.status_code == 200
    assert latest.json()["id"] == old.pk
    assert latest.json()["latest_version"] == latest.json()["url"]


def test_the_latest_filter_lists_a_version_whose_correction_was_withdrawn(anonymous, old):
    article_withdraw(article=_version(old, BODY + " More."))

    listed = anonymous.get("/api/v1/articles/?latest=true").json()["results"]
    older = anonymous.get("/api/v1/articles/?latest=false").json()["results"]

    assert [a["id"] for a in listed] == [old.pk]
    assert older == []
