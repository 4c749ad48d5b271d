"""API test fixtures: clients for an anonymous reader, an editor and a non-editor."""

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from facts.seed import load_seed
from tests.factories import client_for

# Every list endpoint (the sub-resources of a person or organization aside).
LISTS = [
    "/api/v1/articles/",
    "/api/v1/claims/",
    "/api/v1/figures/",
    "/api/v1/measures/",
    "/api/v1/people/",
    "/api/v1/organizations/",
    "/api/v1/mentions/",
    "/api/v1/roles/",
    "/api/v1/claim-reviews/",
    "/api/v1/proposals/",
]


@pytest.fixture
def seed(db) -> None:
    load_seed()


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def reader(db) -> APIClient:
    """Signed in, but not an editor."""
    return client_for(User.objects.create_user("reader"))


@pytest.fixture
def no_throttling(monkeypatch) -> None:
    """Requests are not counted for throttling (its own cost is pinned in test_throttling)."""
    from facts.api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "allow_request", lambda self, request, view: True)
