"""Deleting an article withdraws it: hidden with its facts, kept whole, restored by an editor, in history."""

import pytest

from facts.models import Article, Claim, Figure, Mention, Proposal, Role

pytestmark = pytest.mark.django_db

SEED_000 = "0b0eddd71440a50c"


def withdraw(client, article: Article):
    url = f"/api/v1/articles/{article.pk}/"
    return client.delete(url, HTTP_IF_MATCH=client.get(url)["ETag"])


@pytest.fixture
def withdrawn(editor, seed) -> Article:
    """Seed article 000, with its facts, withdrawn through the API."""
    article = Article.objects.get(sha256__startswith=SEED_000)
    assert withdraw(editor, article).status_code == 204
    return article


def test_deleting_an_article_with_facts_withdraws_it_and_keeps_its_body_and_facts(withdrawn):
    article = Article.objects.get(pk=withdrawn.pk)

    assert article.withdrawn_at is not None
    assert article.body == withdrawn.body
    assert article.claims.count() > 0 and article.figures.count() > 0


def test_a_withdrawn_article_and_its_facts_leave_every_list_and_read(anonymous, withdrawn):
    facts = {
        "claims": Claim.objects.filter(article=withdrawn),
        "figures": Figure.objects.filter(article=withdrawn),
        "mentions": Mention.objects.filter(article=withdrawn),
        "roles": Role.objects.filter(article=withdrawn),
    }
    for path in ["articles", *facts, "claim-reviews", "proposals"]:
        listed = anonymous.get(f"/api/v1/{path}/", {"page_size": 500}).json()["results"]
        assert all(f"/articles/{withdrawn.pk}/" not in str(record) for record in listed), path
    assert anonymous.get(f"/api/v1/articles/{withdrawn.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/articles/{withdrawn.pk}/annotations/").status_code == 404
    for path, records in facts.items():
        assert anonymous.get(f"/api/v1/{path}/{records.first().pk}/").status_code == 404, path
    speaker = Claim.objects.filter(article=withdrawn).exclude(speaker_person=None).first().speaker_person
    assert all(
        c["article"]["id"] != withdrawn.pk
        for c in anonymous.get(f"/api/v1/people/{speaker.pk}/claims/").json()["results"]
    )


def test_facts_cannot_be_recorded_or_reviewed_on_a_withdrawn_article(editor, withdrawn):
    claim = Claim.objects.filter(article=withdrawn).first()
    proposal = Proposal.objects.filter(article=withdrawn).first()

    created = editor.post("/api/v1/claims/", {"article": withdrawn.pk, "exact": claim.exact, "kind": "assertion"})
    reviewed = editor.post(f"/api/v1/claims/{claim.pk}/review/", {"status": "verified"})

    assert created.status_code == 400 and "article" in created.json()
    assert reviewed.status_code == 404
    if proposal is not None:
        assert editor.post(f"/api/v1/proposals/{proposal.pk}/reject/").status_code == 404


def test_storing_a_withdrawn_articles_text_again_is_refused_naming_it(editor, withdrawn):
    response = editor.post("/api/v1/articles/", {"body": withdrawn.body})

    assert response.status_code == 400
    assert f"article {withdrawn.pk}, which an editor withdrew" in response.json()["body"][0]


def test_an_editor_restores_a_withdrawn_article_with_its_facts(editor, anonymous, withdrawn):
    response = editor.post(f"/api/v1/articles/{withdrawn.pk}/restore/")

    assert response.status_code == 200
    assert response["ETag"]
    assert len(response.json()["claims"]) == withdrawn.claims.count()
    assert anonymous.get(f"/api/v1/articles/{withdrawn.pk}/").status_code == 200


def test_only_editors_restore(anonymous, reader, withdrawn):
    assert anonymous.post(f"/api/v1/articles/{withdrawn.pk}/restore/").status_code == 401
    assert reader.post(f"/api/v1/articles/{withdrawn.pk}/restore/").status_code == 403
    assert Article.objects.get(pk=withdrawn.pk).withdrawn_at is not None


def test_withdrawing_and_restoring_are_recorded_in_history_with_the_editor(editor, editor_user, withdrawn):
    editor.post(f"/api/v1/articles/{withdrawn.pk}/restore/")

    events = list(withdrawn.events.filter(pgh_label="update").order_by("pgh_id"))
    assert [event.withdrawn_at is not None for event in events] == [True, False]
    assert {event.pgh_context.metadata["user"] for event in events} == {editor_user.pk}


def test_withdrawing_still_needs_the_current_etag(editor, seed):
    article = Article.objects.get(sha256__startswith=SEED_000)
    url = f"/api/v1/articles/{article.pk}/"

    assert editor.delete(url).status_code == 428
    assert editor.delete(url, HTTP_IF_MATCH='"stale"').status_code == 412
    assert Article.objects.get(pk=article.pk).withdrawn_at is None
