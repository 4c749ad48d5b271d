"""The whole API against its own OpenAPI schema, by property-based testing with schemathesis.

Schemathesis reads the schema the app serves at /api/schema/ and generates requests for every
operation in it: valid ones, and deliberately invalid ones (wrong types, values out of range,
NUL characters, unknown parameters, malformed JSON). Each request goes to the real app
(factbase.wsgi.application, called in process) on the Postgres test database loaded with the
seed data, and every response must:

- not be a server error (5xx);
- have a status code the schema documents for that operation;
- have a Content-Type the schema documents for that status code;
- have headers and a body that match the schema documented for that status code.

Two runs: every operation as an anonymous client (reads answer, writes are refused with 401),
and every operation as an editor (writes go through, or are refused with a documented 4xx).
Not here yet: schemathesis's stateful phase (chains of calls along the links it infers). It
ran and passed once, but Hypothesis then found its data generation inconsistent between runs
(ids and timestamps in responses feed later calls), so it is left out until it is made
deterministic.

Generation is derandomized, so every run sends the same requests. The file takes about
three minutes on two cores.
"""

import pytest
import schemathesis
from django.contrib.auth.models import User
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from facts.seed import load_seed

CONFORMANCE_CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]

# How fast requests are generated depends on the machine's load, not on the API.
SLOW_GENERATION = [HealthCheck.too_slow]

# Schemathesis's own configuration (the keys of a schemathesis.toml), given here rather than
# discovered from a file, so that nothing outside this module changes what the tests send.
SCHEMATHESIS_CONFIG = {
    # Credentials come from the tests themselves, never generated: the anonymous run sends none.
    "generation": {"with-security-parameters": False},
    # Half the valid ids drawn for a path are ids of seed records (every kind has 1, 2 and 3
    # once the sequences restart), so detail reads and writes reach real records; the other
    # half, and every invalid id, are generated as usual.
    "dictionaries": {"seed-ids": {"values": [1, 2, 3]}},
    "parameters": {"path.id": {"dictionary": "seed-ids", "probability": 0.5}},
}

# Per operation: schemathesis's deterministic coverage cases plus this many generated ones.
PER_OPERATION = settings(
    max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=SLOW_GENERATION
)


@pytest.fixture
def api_schema(transactional_db, django_db_reset_sequences, django_db_serialized_rollback):
    """The schema the app serves, bound to the app itself, with the seed data in the database.

    Transactional, so each request commits as it would in production. Sequences restart, so
    the seed records get the same ids on every run and derandomized requests reach the same
    records; the serialized rollback restores the editors group should an earlier
    transactional test have flushed it.
    """
    from factbase.wsgi import application  # imported here: the database must be ready first

    load_seed()
    config = schemathesis.Config.from_dict(SCHEMATHESIS_CONFIG)
    return schemathesis.openapi.from_wsgi("/api/schema/", application, config=config)


@pytest.fixture(autouse=True)
def no_throttling(monkeypatch):
    """Thousands of requests a minute from one client are the point here, not abuse."""
    from facts.api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "1000000/min", "user": "1000000/min"})


@pytest.fixture
def editor_credentials(editor_user: User) -> dict[str, str]:
    return {"Authorization": f"Token {Token.objects.create(user=editor_user).key}"}


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@PER_OPERATION
def test_every_operation_answers_an_anonymous_client_as_the_schema_documents(case):
    case.call_and_validate(checks=CONFORMANCE_CHECKS)


@schema.parametrize()
@PER_OPERATION
def test_every_operation_answers_an_editor_as_the_schema_documents(case, editor_credentials):
    case.call_and_validate(headers=editor_credentials, checks=CONFORMANCE_CHECKS)
