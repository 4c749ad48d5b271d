"""People, organizations, mentions and roles."""

import pytest

from facts.models import Mention, Organization, Person, Role
from tests.factories import make_article, make_organization, make_person

pytestmark = pytest.mark.django_db


def test_a_person_shows_stated_roles_with_passages_and_links_to_their_facts(anonymous, seed):
    flake = Person.objects.get(name="Gordon Flake")

    data = anonymous.get(f"/api/v1/people/{flake.pk}/").json()

    assert data["aliases"] == ["Mr. Flake"]
    role = data["roles"][0]
    assert role["title"] == "executive director"
    assert role["affiliation"]["name"] == "Mansfield Center for Pacific Affairs"
    assert role["passage"]["exact"].startswith("executive director of the Mansfield Center")
    assert data["claims"].endswith(f"/api/v1/people/{flake.pk}/claims/")
    mentions = anonymous.get(data["mentions"]).json()["results"]
    assert len(mentions) == flake.mentions.count()
    assert {m["passage"]["exact"] for m in mentions} == {"Gordon Flake", "Mr. Flake"}


def test_people_are_found_by_name_or_alias_and_by_the_article_naming_them(anonymous, seed):
    by_alias = anonymous.get("/api/v1/people/", {"q": "ms. kang"}).json()["results"]
    hyphenated = anonymous.get("/api/v1/people/", {"name": "Ki-won"}).json()["results"]

    assert [p["name"] for p in by_alias] == ["Erica Kang"]
    assert [p["name"] for p in hyphenated] == ["Chun Ki-won"]


def test_creating_a_person_keeps_names_exactly_and_refuses_bad_aliases(editor):
    created = editor.post("/api/v1/people/", {"name": "Kim Jong-su ", "aliases": ["Mr. Kim"]}, format="json")
    repeated = editor.post("/api/v1/people/", {"name": "Lee", "aliases": ["Lee"]}, format="json")
    wrong_type = editor.post("/api/v1/people/", {"name": "Lee", "aliases": "Mr. Lee"}, format="json")

    assert created.status_code == 201
    assert Person.objects.get().name == "Kim Jong-su "
    assert repeated.status_code == 400 and "repeats the name" in repeated.json()["aliases"][0]
    assert wrong_type.status_code == 400 and "aliases" in wrong_type.json()


def test_a_person_who_spoke_cannot_be_deleted_and_the_409_says_why(editor, seed):
    flake = Person.objects.get(name="Gordon Flake")
    url = f"/api/v1/people/{flake.pk}/"

    response = editor.delete(url, HTTP_IF_MATCH=editor.get(url)["ETag"])

    assert response.status_code == 409
    assert response.json()["dependents"]["claims"] == flake.claims.count()
    assert Person.objects.filter(pk=flake.pk).exists()


def test_mentions_and_roles_are_recorded_by_quote(editor):
    article = make_article("Gordon Flake, executive director of the Mansfield Center, spoke.")
    flake, center = make_person(), make_organization()

    mention = editor.post("/api/v1/mentions/", {"article": article.pk, "exact": "Gordon Flake", "person": flake.pk})
    role = editor.post(
        "/api/v1/roles/",
        {
            "article": article.pk,
            "exact": "executive director of the Mansfield Center",
            "title": "executive director",
            "person": flake.pk,
            "affiliation": center.pk,
        },
    )
    no_holder = editor.post("/api/v1/mentions/", {"article": article.pk, "exact": "Mansfield Center"})

    assert mention.status_code == 201 and mention.json()["names"]["name"] == "Gordon Flake"
    assert role.status_code == 201 and role.json()["affiliation"]["id"] == center.pk
    assert no_holder.status_code == 400 and "exactly one" in str(no_holder.json())
    assert (Mention.objects.count(), Role.objects.count()) == (1, 1)


def test_an_organization_lists_the_claims_it_made(anonymous, seed):
    embassy = Organization.objects.get(name="U.S. embassy in Beijing")

    claims = anonymous.get(f"/api/v1/organizations/{embassy.pk}/claims/").json()["results"]

    assert claims and all(c["speaker"]["name"] == "U.S. embassy in Beijing" for c in claims)
