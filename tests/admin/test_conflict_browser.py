"""Two editors on one record, in headless Chromium: the second one's refused save shows what the first
changed (field, old, new, who, when), keeps what he typed, names the record as saved, and lets him save
his values over the current version or discard them."""

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from facts.models import Person
from tests.browser import make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("app_only")]


def other_editor_adds_an_alias(django_user_model, person: Person, alias: str) -> None:
    """Another editor saves first, through the same change form (so the history says who)."""
    client = Client()
    client.force_login(make_editor(django_user_model, "second"))
    url = f"/admin/facts/person/{person.pk}/change/"
    html = client.get(url).content.decode()
    etag = re.search(r'name="_record_etag" value="([^"]+)"', html).group(1).replace("&quot;", '"')
    aliases = "\n".join([*person.aliases, alias])
    response = client.post(url, {"name": person.name, "aliases": aliases, "_record_etag": etag})
    assert response.status_code == 302


def test_a_refused_save_shows_what_changed_and_saves_the_editors_values_over_it(page: Page, django_user_model, screens):
    person = Person.objects.get(name="Gordon Flake")
    page.goto(f"/admin/facts/person/{person.pk}/change/")
    other_editor_adds_an_alias(django_user_model, person, "G. Flake")

    page.fill("#id_name", "Gordon A. Flake")
    page.click("input[name=_save]")

    expect(page.locator("#content")).to_contain_text("Someone else changed this record")
    conflict = page.locator("#conflict")
    expect(conflict.locator("tbody tr")).to_contain_text("Aliases")
    expect(conflict.locator("tbody tr")).to_contain_text("G. Flake")
    expect(conflict.locator(".conflict-user")).to_have_text("second")
    expect(conflict.locator(".conflict-yours")).to_contain_text("with your changes on top: Name")
    # What he typed is kept, on top of the other editor's alias; the heading names the saved record.
    expect(page.locator("#id_name")).to_have_value("Gordon A. Flake")
    expect(page.locator("#id_aliases")).to_have_value("Mr. Flake\nG. Flake")
    expect(page.locator(".breadcrumbs")).to_contain_text("Gordon Flake")
    expect(page.locator(".breadcrumbs")).not_to_contain_text("Gordon A. Flake")
    expect(page.locator("#content h2").first).to_have_text("Gordon Flake")
    page.screenshot(path=str(screens / "conflict-refused-save.png"), full_page=True)

    page.click("button[name=_reapply_on_etag]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    person.refresh_from_db()
    assert (person.name, person.aliases) == ("Gordon A. Flake", ["Mr. Flake", "G. Flake"])


def test_an_editor_discards_his_values_after_a_refused_save(page: Page, django_user_model):
    person = Person.objects.get(name="Gordon Flake")
    page.goto(f"/admin/facts/person/{person.pk}/change/")
    other_editor_adds_an_alias(django_user_model, person, "G. Flake")
    page.fill("#id_name", "Gordon A. Flake")
    page.click("input[name=_save]")

    page.click("text=Discard my changes and reload")

    expect(page.locator("#id_name")).to_have_value("Gordon Flake")
    expect(page.locator("#conflict")).to_have_count(0)
    person.refresh_from_db()
    assert (person.name, person.aliases) == ("Gordon Flake", ["Mr. Flake", "G. Flake"])
