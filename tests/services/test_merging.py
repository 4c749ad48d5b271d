"""Merging duplicate people and organizations."""

import pytest
from django.core.exceptions import ValidationError

from facts import services
from facts.models import Claim, Figure, Mention, Organization, Person, Role
from tests.factories import make_article, make_claim, make_figure, make_organization, make_person

pytestmark = pytest.mark.django_db


def test_merging_people_moves_every_fact_and_keeps_the_other_name_as_an_alias():
    article = make_article()
    keep = make_person("Gordon Flake", aliases=["Mr. Flake"])
    duplicate = make_person("G. Flake", aliases=["Scott Flake", "Mr. Flake"])
    claim = make_claim(article, speaker_person=duplicate)
    figure = make_figure(article, speaker_person=duplicate)
    mention = services.mention_create(article=article, exact="Gordon Flake", person=duplicate)
    role = services.role_create(
        article=article, exact="executive director", title="executive director", person=duplicate
    )

    kept = services.person_merge(keep=keep, duplicate=duplicate)

    assert kept.aliases == ["Mr. Flake", "G. Flake", "Scott Flake"]
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert Claim.objects.get(pk=claim.pk).speaker_person == keep
    assert Figure.objects.get(pk=figure.pk).speaker_person == keep
    assert Mention.objects.get(pk=mention.pk).person == keep
    assert Role.objects.get(pk=role.pk).person == keep


def test_merging_organizations_moves_roles_held_and_roles_held_at_it():
    article = make_article()
    keep = make_organization("Mansfield Center for Pacific Affairs")
    duplicate = make_organization("Mansfield Center")
    claim = make_claim(article, speaker_organization=duplicate)
    mention = services.mention_create(article=article, exact="Mansfield Center", organization=duplicate)
    role = services.role_create(
        article=article,
        exact="executive director",
        title="executive director",
        person=make_person(),
        affiliation=duplicate,
    )

    kept = services.organization_merge(keep=keep, duplicate=duplicate)

    assert kept.aliases == ["Mansfield Center"]
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert Claim.objects.get(pk=claim.pk).speaker_organization == keep
    assert Mention.objects.get(pk=mention.pk).organization == keep
    assert Role.objects.get(pk=role.pk).affiliation == keep


def test_a_merge_is_recorded_in_history_as_one_change():
    keep = make_person("Gordon Flake")
    duplicate = make_person("G. Flake")
    claim = make_claim(speaker_person=duplicate)

    services.person_merge(keep=keep, duplicate=duplicate)

    merge_event = keep.events.get(pgh_label="merge")
    assert merge_event.aliases == ["G. Flake"]
    merge = merge_event.pgh_context.metadata["merge"]
    assert merge == {"model": "facts.Person", "kept": keep.pk, "merged": duplicate.pk, "name": "G. Flake"}
    # The moved claim and the deleted duplicate carry the same context.
    assert claim.events.get(pgh_label="update").pgh_context_id == merge_event.pgh_context_id
    assert Person.pgh_event_model.objects.get(pgh_obj_id=duplicate.pk, pgh_label="delete").pgh_context_id == (
        merge_event.pgh_context_id
    )


def test_a_person_cannot_be_merged_into_itself():
    person = make_person()

    with pytest.raises(ValidationError, match="cannot be merged into itself"):
        services.person_merge(keep=person, duplicate=person)


def test_a_person_cannot_be_merged_with_an_organization():
    with pytest.raises(ValidationError, match="only be merged with another person"):
        services.person_merge(keep=make_person(), duplicate=make_organization())
    assert Organization.objects.count() == 1
