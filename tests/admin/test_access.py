"""Only editors (and superusers) reach the editors' workspace."""

import pytest
from django.urls import reverse

from facts.admin_site import NOT_AN_EDITOR
from tests.admin.conftest import PASSWORD, make_editor

pytestmark = pytest.mark.django_db

ADMIN_INDEX = reverse("admin:index")
LOGIN = reverse("admin:login")


def test_an_editor_reaches_the_admin_and_sees_the_fact_models(editor_client):
    response = editor_client.get(ADMIN_INDEX)

    assert response.status_code == 200
    for name in ("Articles", "Claims", "Figures", "Mentions", "Roles", "People", "Organizations", "Measures"):
        assert name in response.text


def test_a_superuser_reaches_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password=PASSWORD))

    assert client.get(ADMIN_INDEX).status_code == 200


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(ADMIN_INDEX)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_a_staff_account_that_is_not_an_editor_is_refused(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password=PASSWORD, is_staff=True)
    client.force_login(staff)

    assert client.get(ADMIN_INDEX).status_code == 302
    assert client.get(reverse("admin:facts_claim_changelist")).status_code == 302


def test_a_staff_account_that_is_not_an_editor_cannot_sign_in_and_is_told_why(client, django_user_model):
    django_user_model.objects.create_user("staff", password=PASSWORD, is_staff=True)

    response = client.post(LOGIN, {"username": "staff", "password": PASSWORD, "next": ADMIN_INDEX})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [NOT_AN_EDITOR]
    assert "_auth_user_id" not in client.session


def test_an_editor_who_is_not_staff_is_refused(client, django_user_model):
    editor = make_editor(django_user_model)
    editor.is_staff = False
    editor.save()
    client.force_login(editor)

    assert client.get(ADMIN_INDEX).status_code == 302


def test_a_deactivated_editor_is_refused(client, django_user_model):
    editor = make_editor(django_user_model)
    client.force_login(editor)
    editor.is_active = False
    editor.save()

    assert client.get(ADMIN_INDEX).status_code == 302


def test_an_editor_signs_in_with_a_password(client, django_user_model):
    make_editor(django_user_model)

    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": ADMIN_INDEX})

    assert response.status_code == 302
    assert client.get(ADMIN_INDEX).status_code == 200
