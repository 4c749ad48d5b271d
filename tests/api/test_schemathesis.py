"""The whole API against its own OpenAPI schema, by property-based testing with schemathesis.

Schemathesis reads the schema the app serves at /api/schema/ and generates requests for every
operation in it: valid ones, and deliberately invalid ones (wrong types, values out of range,
NUL characters, unknown parameters, malformed JSON). Each request goes to the real app
(factbase.wsgi.application, called in process) on the Postgres test database loaded with the
seed data, and every response must pass all of schemathesis's checks:

- not be a server error (5xx);
- have a status code, a Content-Type, headers and a body the schema documents for it;
- refuse what the schema says is invalid (a wrong type, a value out of range, an empty date)
  with a 4xx (for a write, 412 too: a stale If-Match is refused before the body is read);
- accept what it says is valid: with a 2xx for reads; a write may also be refused for what a
  schema cannot say (a quote that is not in the article: 400; a stale or missing If-Match:
  412/428; dependents: 409; an Idempotency-Key reused for another request: 422);
- answer a missing required header, an unsupported method and a missing or wrong credential
  as documented; not serve a record after its DELETE; serve one after its POST.

Two runs: every operation as an anonymous client (reads answer, writes are refused with 401),
and every operation as an editor (writes go through, or are refused with a documented 4xx).

Then the stateful phase, again anonymously and as an editor: chains of calls along the links
schemathesis infers from the schema (create an article, read it, update it, record a claim on
it, delete it, read it again...), each value taken from an earlier response. Every chain starts
from the same database (the seed, with the sequences restarted), so the ids the responses hand
on are the same on every run and Hypothesis can replay a chain exactly.

Generation is derandomized, so every run sends the same requests. The file takes about
four minutes on two cores (half of it the chains).
"""

import pytest
import schemathesis
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from facts.seed import load_seed

# How fast requests are generated depends on the machine's load, not on the API.
SLOW_GENERATION = [HealthCheck.too_slow]

# Schemathesis's own configuration (the keys of a schemathesis.toml), given here rather than
# discovered from a file, so that nothing outside this module changes what the tests send.
SCHEMATHESIS_CONFIG = {
    # Credentials come from the tests themselves, never generated: the anonymous run sends none.
    "generation": {
        "with-security-parameters": False,
        # No NUL characters in generated text: the API refuses them everywhere with 400 (Postgres
        # cannot store them), which tests/api/test_bad_input.py checks in every place.
        "allow-x00": False,
    },
    # Half the valid ids drawn for a path are ids of seed records (every kind has 1, 2 and 3
    # once the sequences restart), so detail reads and writes reach real records; the other
    # half, and every invalid id, are generated as usual. They are text, as the schema types a
    # path id (a string of digits): an integer entry is itself schema-violating, so a negative
    # case could draw it and then expect a valid id to be refused.
    "dictionaries": {"seed-ids": {"values": ["1", "2", "3"]}},
    "parameters": {"path.id": {"dictionary": "seed-ids", "probability": 0.5}},
    # A schema-valid write may still be refused for what a schema cannot say: see the docstring.
    "operations": [
        {
            "include-method": ["POST", "PUT", "PATCH", "DELETE"],
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2XX", 400, 401, 403, 404, 409, 412, 422, 428, 429],
                },
                # The If-Match precondition is checked before the body is read (RFC 9110, 13.2.1),
                # so an invalid body sent with a stale tag is refused with 412.
                "negative_data_rejection": {
                    "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 412, 415, 422, 428, 429, "5XX"],
                },
            },
        },
        # A diff of a first version without `from` has nothing to compare with: 400, as documented,
        # for a request the schema cannot tell from a valid one.
        {
            "include-path-regex": "/diff/$",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", 400, 401, 403, 404, 429]}},
        },
    ],
}

# Per operation: schemathesis's deterministic coverage cases plus this many generated ones.
PER_OPERATION = settings(
    max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=SLOW_GENERATION
)

# The stateful phase: this many chains, each of at most this many calls.
CHAINS = settings(
    max_examples=40,
    stateful_step_count=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=SLOW_GENERATION,
)


def restore_the_seed() -> None:
    """Every facts table (history included) emptied, the sequences restarted, the seed loaded."""
    tables = [model._meta.db_table for model in apps.get_app_config("facts").get_models()]
    with connection.cursor() as cursor:
        # The job queue too: a job left waiting for a record would collide with the next record of that id.
        cursor.execute(f"TRUNCATE {', '.join(tables)}, pghistory_context, procrastinate_jobs RESTART IDENTITY CASCADE")
    load_seed()


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


@pytest.fixture(autouse=True)
def no_fetching_beyond_this_machine(only_loopback_connections):
    """Generated imports send URLs of any host: none of them is looked up or connected to."""


@pytest.fixture
def editor_credentials(editor_user: User) -> dict[str, str]:
    return {"Authorization": f"Token {Token.objects.create(user=editor_user).key}"}


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@PER_OPERATION
def test_every_operation_answers_an_anonymous_client_as_the_schema_documents(case):
    case.call_and_validate()


@schema.parametrize()
@PER_OPERATION
def test_every_operation_answers_an_editor_as_the_schema_documents(case, editor_credentials):
    case.call_and_validate(headers=editor_credentials)


def run_chains(api_schema, headers: dict[str, str]) -> None:
    class Chains(api_schema.as_state_machine()):
        def setup(self) -> None:
            restore_the_seed()

        def get_call_kwargs(self, case) -> dict:
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs) -> None:
            # headers=: the credentials are the test's own, not generated ones (ignored_auth).
            case.validate_response(
                response, additional_checks=additional_checks, headers=headers, transport_kwargs=kwargs
            )

    Chains.run(settings=CHAINS)


def test_chains_of_calls_answer_an_anonymous_client_as_the_schema_documents(api_schema):
    run_chains(api_schema, {})


def test_chains_of_calls_answer_an_editor_as_the_schema_documents(api_schema, editor_credentials):
    run_chains(api_schema, editor_credentials)
