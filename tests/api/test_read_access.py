"""Who may read what (FACTBASE_READ_ACCESS), endpoint by endpoint: every operation of the OpenAPI schema.

The schema is generated here, so an operation added later is walked too. Its path ids are
filled with seeded records, some an anonymous reader may see under `reviewed` (a reviewed
claim, its figure, its speaker, its measure, its article) and some not (an unreviewed claim
in another article, that article, a person and a measure it alone involves, a mention, a role,
a proposal). What is hidden is worked out here from the data, independently of facts/access.py.
"""

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from facts import services
from facts.models import (
    Article,
    ArticleRequest,
    Claim,
    Figure,
    Measure,
    Mention,
    Organization,
    Person,
    Proposal,
    Role,
)
from facts.seed import load_seed
from tests.factories import client_for, editors_group

pytestmark = pytest.mark.django_db

EDITOR_NAME = "reviewer-qq7"
INTERNAL_NOTE = "SECRET-INTERNAL-NOTE"
PUBLIC_NOTE = "Checked against the UNHCR figures."
MODELS = {
    "articles": Article,
    "claims": Claim,
    "figures": Figure,
    "measures": Measure,
    "people": Person,
    "organizations": Organization,
    "mentions": Mention,
    "roles": Role,
    "proposals": Proposal,
    "claim-reviews": Claim,
    "article-requests": ArticleRequest,
}
# Under `reviewed`, resources anonymous readers see nothing of: 403, whatever the id.
# The differences between versions are their texts, which anonymous readers do not see either.
HIDDEN_RESOURCES = ("/mentions/", "/roles/", "/proposals/", "/changes/", "/article-requests/", "/diff/")


@pytest.fixture
def world(db, no_throttling) -> dict[str, Any]:
    """The seed, with one claim reviewed (it has a figure and a named speaker), and the extractor's proposals."""
    load_seed()
    editor = User.objects.create_user(EDITOR_NAME)
    editor.groups.add(editors_group())
    figure = Figure.objects.filter(claim__isnull=False, claim__speaker_person__isnull=False).order_by("id").first()
    assert figure is not None and figure.claim is not None and figure.measure is not None
    reviewed = figure.claim
    services.claim_review(
        claim=reviewed, status="verified", note=PUBLIC_NOTE, internal_note=INTERNAL_NOTE, reviewer=editor
    )
    other_article = Article.objects.exclude(pk=reviewed.article_id).order_by("id").first()
    assert other_article is not None
    services.article_extract(article=other_article)
    # A corrected text of the other article: its versions, latest version and diff are walked too.
    version = services.article_version_create(article=other_article, body=other_article.body + " (Corrected.)")
    unreviewed = Claim.objects.filter(article=other_article).order_by("id").first()
    hidden_figure = Figure.objects.exclude(claim=reviewed).order_by("id").first()
    hidden_person = Person.objects.exclude(pk=reviewed.speaker_person_id).order_by("id").first()
    assert unreviewed is not None and hidden_figure is not None and hidden_person is not None
    hidden_measure = Measure.objects.exclude(figures__claim=reviewed).order_by("id").first()
    organization = Organization.objects.order_by("id").first()
    assert hidden_measure is not None and organization is not None and Proposal.objects.exists()
    ids = {
        "articles": [reviewed.article_id, other_article.pk, version.pk],
        "claims": [reviewed.pk, unreviewed.pk],
        "claim-reviews": [reviewed.pk],
        "figures": [figure.pk, hidden_figure.pk],
        "measures": [figure.measure_id, hidden_measure.pk],
        "people": [reviewed.speaker_person_id, hidden_person.pk],
        "organizations": [organization.pk],
        "mentions": [Mention.objects.order_by("id").first().pk],  # type: ignore[union-attr]
        "roles": [Role.objects.order_by("id").first().pk],  # type: ignore[union-attr]
        "proposals": [Proposal.objects.order_by("id").first().pk],  # type: ignore[union-attr]
        # An import from a URL that failed: operational, never shown to anonymous readers under `reviewed`.
        "article-requests": [
            ArticleRequest.objects.create(
                url="https://news.example.org/story", status="failed", error="Not HTML (text/plain)."
            ).pk
        ],
    }
    return {"editor": editor, "reviewed": reviewed, "ids": ids, "hidden": hidden_urls(reviewed)}


def hidden_urls(reviewed: Claim) -> list[str]:
    """The API paths of every record an anonymous reader may not see under `reviewed`, worked out by hand."""
    figures = set(Figure.objects.filter(claim=reviewed).values_list("pk", flat=True))
    visible = {
        "claims": {reviewed.pk},
        "figures": figures,
        "articles": {reviewed.article_id},
        "measures": set(Figure.objects.filter(pk__in=figures).values_list("measure_id", flat=True)),
        "people": {reviewed.speaker_person_id}
        | set(Figure.objects.filter(pk__in=figures).values_list("speaker_person_id", flat=True)),
        "organizations": set(Figure.objects.filter(pk__in=figures).values_list("speaker_organization_id", flat=True))
        | {reviewed.speaker_organization_id},
        "mentions": set(),
        "roles": set(),
        "proposals": set(),
        "article-requests": set(),
    }
    return [
        f"/api/v1/{resource}/{pk}/"
        for resource, shown in visible.items()
        for pk in MODELS[resource].objects.values_list("pk", flat=True)
        if pk not in shown
    ]


def operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(path, method) for path, methods in schema["paths"].items() for method in methods]


def requests_for(world: dict[str, Any], path: str, method: str) -> list[tuple[str, bool]]:
    """The URLs to send for an operation, each with whether its record is one anonymous readers see under `reviewed`."""
    if "{id}" not in path:
        return [(path, True)]
    resource = path.split("/")[3]
    ids = world["ids"][resource]
    if path.endswith("/diff/"):  # a first version has nothing to compare with (400): only the corrected one
        ids = [pk for pk in ids if Article.objects.filter(pk=pk, previous_version__isnull=False).exists()]
    urls = [path.replace("{id}", str(pk)) for pk in ids]
    model_resource = "claims" if resource == "claim-reviews" else resource
    return [(url, f"/api/v1/{model_resource}/{url.split('/')[4]}/" not in world["hidden"]) for url in urls]


def content(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def strings_under(data: Any, key: str) -> list[Any]:
    """Every value stored under `key` anywhere in a JSON document."""
    found = []
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key:
                found.append(value)
            found.extend(strings_under(value, key))
    elif isinstance(data, list):
        for item in data:
            found.extend(strings_under(item, key))
    return found


def assert_no_internals(text: str) -> None:
    assert INTERNAL_NOTE not in text
    assert EDITOR_NAME not in text


def assert_shows_only_reviewed(text: str, world: dict[str, Any]) -> None:
    assert_no_internals(text)
    for url in world["hidden"]:
        assert not re.search(re.escape(url) + r"(?![0-9])", text), url
    for body in Article.objects.values_list("body", flat=True):
        assert body not in text
    if text.startswith(("{", "[")):
        assert [value for value in strings_under(json.loads(text), "body") if isinstance(value, str)] == []


def walk(client: APIClient, world: dict[str, Any], check: Any) -> list[str]:
    """Send every operation of the schema; `check(url, method, visible, response, text)`; the URLs sent."""
    sent = []
    for path, method in operations():
        for url, visible in requests_for(world, path, method):
            response = getattr(client, method)(url, **({"data": {}, "format": "json"} if method != "get" else {}))
            check(url, method, visible, response, content(response))
            sent.append(f"{method} {url}")
    return sent


def test_every_operation_is_walked(world):
    sent = walk(APIClient(), world, lambda *args: None)

    assert len(sent) >= 80
    assert "get /api/v1/proposals/" in sent and f"get /api/v1/claims/{world['reviewed'].pk}/" in sent


@override_settings(FACTBASE_READ_ACCESS="public")
def test_under_public_anonymous_readers_read_everything_but_reviewers_and_internal_notes(world):
    def check(url, method, visible, response, text):
        if method != "get":
            assert response.status_code == 401, url
            return
        assert response.status_code == 200, (url, text[:300])
        assert_no_internals(text)

    walk(APIClient(), world, check)
    claim = APIClient().get(f"/api/v1/claims/{world['ids']['claims'][1]}/").json()
    assert claim["review_status"] == "unreviewed"
    article = APIClient().get(f"/api/v1/articles/{world['ids']['articles'][0]}/").json()
    assert article["body"] == Article.objects.get(pk=article["id"]).body


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_anonymous_readers_see_reviewed_claims_and_what_they_involve_only(world):
    def check(url, method, visible, response, text):
        if method != "get":
            assert response.status_code == 401, url
        elif any(part in url for part in HIDDEN_RESOURCES) or url.endswith("/mentions/"):
            assert response.status_code == 403, url
            assert "FACTBASE_READ_ACCESS=reviewed" in response.json()["detail"]
        elif not visible:
            assert response.status_code == 404, url
        else:
            assert response.status_code == 200, (url, text[:300])
            assert_shows_only_reviewed(text, world)

    walk(APIClient(), world, check)
    reviewed = world["reviewed"]
    claims = APIClient().get("/api/v1/claims/").json()["results"]
    assert [claim["id"] for claim in claims] == [reviewed.pk]
    review = APIClient().get(f"/api/v1/claims/{reviewed.pk}/").json()["reviews"][0]
    assert review == {**review, "note": PUBLIC_NOTE, "reviewer": None, "internal_note": None}
    article = APIClient().get(f"/api/v1/articles/{reviewed.article_id}/").json()
    assert article["body"] is None and [claim["id"] for claim in article["claims"]] == [reviewed.pk]
    assert article["mentions"] == [] and article["roles"] == []


@override_settings(FACTBASE_READ_ACCESS="signed-in")
def test_under_signed_in_anonymous_readers_get_401_everywhere_but_the_documentation(world):
    def check(url, method, visible, response, text):
        assert response.status_code == 401, url
        assert_shows_only_reviewed(text, world)
        if method == "get":
            assert "FACTBASE_READ_ACCESS=signed-in" in response.json()["detail"]

    walk(APIClient(), world, check)
    for page in ("/api/schema/", "/api/docs/", "/api/redoc/", "/api-auth/login/"):
        assert APIClient().get(page).status_code == 200, page


@pytest.mark.parametrize("level", ["public", "reviewed", "signed-in"])
def test_a_signed_in_editor_reads_everything_whatever_the_level(world, level):
    editor = client_for(world["editor"])

    def check(url, method, visible, response, text):
        if method == "get":
            assert response.status_code == 200, (url, text[:300])

    with override_settings(FACTBASE_READ_ACCESS=level):
        for path, method in operations():
            if method == "get":
                for url, visible in requests_for(world, path, method):
                    response = editor.get(url)
                    check(url, method, visible, response, content(response))
        unreviewed = editor.get(f"/api/v1/claims/{world['ids']['claims'][1]}/")
        reviewed = editor.get(f"/api/v1/claims/{world['reviewed'].pk}/").json()
        article = editor.get(f"/api/v1/articles/{world['ids']['articles'][1]}/").json()
    assert unreviewed.json()["review_status"] == "unreviewed"
    assert reviewed["reviews"][0]["internal_note"] == INTERNAL_NOTE
    assert reviewed["reviews"][0]["reviewer"] == EDITOR_NAME
    assert article["body"] == Article.objects.get(pk=article["id"]).body


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_a_signed_in_reader_sees_every_record_but_not_the_internals(world, reader):
    unreviewed = reader.get(f"/api/v1/claims/{world['ids']['claims'][1]}/")
    reviewed = reader.get(f"/api/v1/claims/{world['reviewed'].pk}/")

    assert unreviewed.status_code == 200
    assert reader.get("/api/v1/proposals/").status_code == 200
    assert_no_internals(reviewed.content.decode())


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_searching_article_bodies_is_refused_to_anonymous_readers(world):
    response = APIClient().get("/api/v1/articles/", {"q": "refugees"})

    assert response.status_code == 403
    assert "/api/v1/claims/?q=" in response.json()["detail"]


@override_settings(FACTBASE_READ_ACCESS="reviewed")
@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/articles/", {"person": 1}),
        ("/api/v1/articles/", {"organization": 1}),
        ("/api/v1/people/", {"article": 1}),
        ("/api/v1/organizations/", {"facet": "article"}),
    ],
)
def test_under_reviewed_filtering_by_mentions_is_refused_to_anonymous_readers(world, url, parameter):
    response = APIClient().get(url, parameter)

    assert response.status_code == 403
    assert "Filters by mentions" in response.json()["detail"]


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_facets_and_counts_count_only_what_is_shown(world):
    response = APIClient().get("/api/v1/claims/", {"count": "true", "facet": "review_status"})

    assert response.status_code == 200
    assert response.json()["total"]["count"] == 1
    statuses = response.json()["facets"]["review_status"]["values"]
    assert [(value["value"], value["count"]) for value in statuses] == [("verified", 1)]


@pytest.mark.parametrize("level", ["public", "reviewed"])
def test_the_atom_feeds_never_name_the_reviewer_to_anonymous_readers(world, level):
    with override_settings(FACTBASE_READ_ACCESS=level):
        feed = APIClient().get("/api/v1/feeds/reviews.atom")
        editors_feed = client_for(world["editor"]).get("/api/v1/feeds/reviews.atom")

    assert feed.status_code == 200 and PUBLIC_NOTE in feed.content.decode()
    assert_no_internals(feed.content.decode())
    assert f"<name>{EDITOR_NAME}</name>" in editors_feed.content.decode()


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_the_feeds_of_hidden_people_and_measures_are_404(world):
    hidden_person, hidden_measure = world["ids"]["people"][1], world["ids"]["measures"][1]
    shown_person = world["reviewed"].speaker_person_id

    assert APIClient().get(f"/api/v1/feeds/people/{hidden_person}/reviews.atom").status_code == 404
    assert APIClient().get(f"/api/v1/feeds/measures/{hidden_measure}/reviews.atom").status_code == 404
    assert APIClient().get(f"/api/v1/feeds/people/{shown_person}/reviews.atom").status_code == 200


@override_settings(FACTBASE_READ_ACCESS="reviewed")
def test_under_reviewed_a_review_back_to_unreviewed_leaves_the_feed(world):
    services.claim_review(claim=world["reviewed"], status="unreviewed", reviewer=world["editor"])

    feed = APIClient().get("/api/v1/feeds/reviews.atom").content.decode()

    assert "<entry>" not in feed


@override_settings(FACTBASE_READ_ACCESS="signed-in")
def test_under_signed_in_the_feeds_are_401_without_a_token_and_served_with_one(world, reader):
    anonymous = APIClient().get("/api/v1/feeds/reviews.atom")
    wrong = APIClient(HTTP_AUTHORIZATION="Token not-a-token").get("/api/v1/feeds/reviews.atom")

    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == "Token"
    assert "FACTBASE_READ_ACCESS=signed-in" in anonymous.json()["detail"]
    assert wrong.status_code == 401
    assert reader.get("/api/v1/feeds/reviews.atom").status_code == 200
    person = world["reviewed"].speaker_person_id
    assert APIClient().get(f"/api/v1/feeds/people/{person}/reviews.atom").status_code == 401
