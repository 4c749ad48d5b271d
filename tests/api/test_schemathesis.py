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

Three runs: every operation as an anonymous client (reads answer, writes are refused with 401);
every operation as an editor (writes go through, or are refused with a documented 4xx); and a
stateful run as an editor, in which schemathesis chains calls along the links it infers from
the schema (ids from a list feed the detail, update, delete and sub-resource operations).

Generation is derandomized, so every run sends the same requests. The file takes about
three minutes on two cores.
"""

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
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
# Scenarios of chained calls, each up to `stateful_step_count` calls long.
SCENARIOS = settings(
    max_examples=30,
    stateful_step_count=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=SLOW_GENERATION,
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


@pytest.fixture
def connection_kept_open_by_requests():
    """Requests leave the database connection open, as they do under Django's test client.

    At the start and end of a request Django closes a connection whose autocommit is off,
    and it is off inside a transaction the test holds open across requests.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@PER_OPERATION
def test_every_operation_answers_an_anonymous_client_as_the_schema_documents(case):
    case.call_and_validate(checks=CONFORMANCE_CHECKS)


@schema.parametrize()
@PER_OPERATION
def test_every_operation_answers_an_editor_as_the_schema_documents(case, editor_credentials):
    case.call_and_validate(headers=editor_credentials, checks=CONFORMANCE_CHECKS)


def test_chains_of_calls_by_an_editor_are_answered_as_the_schema_documents(
    api_schema, editor_credentials, connection_kept_open_by_requests
):
    class EditorWorkflow(api_schema.as_state_machine()):
        """Each scenario starts from the seed data: its writes are rolled back when it ends.

        Otherwise the writes of one scenario would change what the next one finds, and
        Hypothesis could neither replay a scenario nor shrink a failure to its minimal form.
        """

        def setup(self):
            self.scenario = transaction.atomic()
            self.scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self.scenario.__exit__(None, None, None)

        def call(self, case, **kwargs):
            # Each request in a savepoint, as it would be in its own transaction: a refused or
            # failed request undoes its own work and leaves the scenario's transaction usable.
            with transaction.atomic():
                response = super().call(case, **kwargs)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
            return response

        def get_call_kwargs(self, case):
            return {"headers": editor_credentials}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                checks=CONFORMANCE_CHECKS,
                headers=editor_credentials,
                transport_kwargs=kwargs,
                recorder=self.recorder,
            )

    EditorWorkflow.run(settings=SCENARIOS)
