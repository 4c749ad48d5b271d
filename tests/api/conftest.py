"""API test fixtures: clients for an anonymous reader, an editor and a non-editor."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facts.seed import load_seed
from tests.factories import editors_group


@pytest.fixture
def seed(db) -> None:
    load_seed()


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


def client_for(user: User) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def editor_user(db) -> User:
    user = User.objects.create_user("editor")
    user.groups.add(editors_group())
    return user


@pytest.fixture
def editor(editor_user) -> APIClient:
    return client_for(editor_user)


@pytest.fixture
def reader(db) -> APIClient:
    """Signed in, but not an editor."""
    return client_for(User.objects.create_user("reader"))
