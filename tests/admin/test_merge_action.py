"""Merging duplicates from the people and organizations lists."""

import pytest
from django.urls import reverse

from facts.models import Claim, Organization, Person
from tests.factories import make_claim, make_organization, make_person

pytestmark = pytest.mark.django_db


def merge(client, model: str, selected: list, **extra):
    return client.post(
        reverse(f"admin:facts_{model}_changelist"),
        {"action": "merge_selected", "_selected_action": [record.pk for record in selected], **extra},
    )


def test_the_merge_action_asks_which_person_to_keep_before_merging(editor_client):
    keep, duplicate = make_person("Gordon Flake"), make_person("G. Flake")

    response = merge(editor_client, "person", [keep, duplicate])

    assert response.status_code == 200
    assert response.templates[0].name == "admin/facts/merge.html"
    assert Person.objects.count() == 2


def test_the_merge_form_tells_the_candidates_apart_by_aliases_and_counts(editor_client):
    keep, duplicate = make_person("Gordon Flake", aliases=["Flake"]), make_person("G. Flake")
    make_claim(speaker_person=duplicate)

    response = merge(editor_client, "person", [keep, duplicate])

    assert f"G. Flake (#{duplicate.pk}; 1 claim, 0 mentions, 0 roles)" in response.text
    assert f"Gordon Flake (#{keep.pk}; also Flake; 0 claims, 0 mentions, 0 roles)" in response.text


def test_confirming_the_merge_moves_the_facts_and_keeps_the_name_as_an_alias(editor_client):
    keep, duplicate = make_person("Gordon Flake"), make_person("G. Flake")
    claim = make_claim(speaker_person=duplicate)

    response = merge(editor_client, "person", [keep, duplicate], confirm="yes", keep=keep.pk)

    assert response.status_code == 302
    assert list(Person.objects.values_list("name", "aliases")) == [("Gordon Flake", ["G. Flake"])]
    assert Claim.objects.get(pk=claim.pk).speaker_person == keep


def test_organizations_are_merged_the_same_way(editor_client):
    keep, duplicate = make_organization("Mansfield Center for Pacific Affairs"), make_organization("Mansfield Center")

    merge(editor_client, "organization", [keep, duplicate], confirm="yes", keep=keep.pk)

    assert list(Organization.objects.values_list("name", "aliases")) == [
        ("Mansfield Center for Pacific Affairs", ["Mansfield Center"])
    ]


def test_merging_needs_two_records(editor_client):
    person = make_person()

    response = merge(editor_client, "person", [person], confirm="yes", keep=person.pk)

    assert response.status_code == 302
    assert Person.objects.count() == 1


def test_a_keep_choice_outside_the_selection_is_refused(editor_client):
    keep, duplicate, other = make_person("Gordon Flake"), make_person("G. Flake"), make_person("Someone Else")

    response = merge(editor_client, "person", [keep, duplicate], confirm="yes", keep=other.pk)

    assert response.status_code == 200
    assert "keep" in response.context["form"].errors
    assert Person.objects.count() == 3
