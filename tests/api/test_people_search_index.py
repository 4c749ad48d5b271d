"""People and organization search by name: trigram indexes where pg_trgm exists, the same answers everywhere."""

import pytest
from django.core import checks
from django.db import connection

from facts.api.filters import OrganizationFilterSet, PersonFilterSet
from facts.checks import trigram_search_available
from facts.models import Organization, Person
from tests.factories import make_organization, make_person

pytestmark = pytest.mark.django_db


def trigram_extension_available() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        return cursor.fetchone() is not None


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of rows is read faster than any index (or in name order from the name's B-tree, which
        # then filters every row): take both away to see which index can serve the filter itself.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def needs_trigrams():
    if not trigram_extension_available():
        pytest.skip("This Postgres has no pg_trgm: the search runs without its index (facts.W002).")


@pytest.mark.usefixtures("needs_trigrams")
@pytest.mark.parametrize(
    ("filterset", "model", "table"),
    [(PersonFilterSet, Person, "person"), (OrganizationFilterSet, Organization, "organization")],
)
def test_a_name_or_alias_search_reads_the_trigram_indexes_not_every_row(filterset, model, table):
    searched = plan(filterset({"q": "flake"}, queryset=model.objects.all()).qs)

    assert f"Bitmap Index Scan on facts_{table}_name_trgm" in searched
    assert f"Bitmap Index Scan on facts_{table}_aliases_trgm" in searched
    assert f"Seq Scan on facts_{table}" not in searched


@pytest.mark.usefixtures("needs_trigrams")
def test_the_name_filter_alone_reads_the_name_index():
    assert "facts_person_name_trgm" in plan(PersonFilterSet({"name": "flake"}, queryset=Person.objects.all()).qs)


def test_a_search_finds_names_and_aliases_in_any_case_anywhere_in_them(anonymous):
    flake = make_person("Gordon Flake", aliases=["Mr. Flake", "L. Gordon"])
    newland = make_person("Kathleen Newland", aliases=["Ms. Newland"])
    make_person("Chun Ki-won")
    make_organization("Mansfield Center for Pacific Affairs")

    def found(query: str) -> list[int]:
        return [person["id"] for person in anonymous.get(f"/api/v1/people/?q={query}").json()["results"]]

    assert found("FLAKE") == [flake.id]
    assert found("ms. new") == [newland.id]
    assert found("gordon") == [flake.id]  # the name and an alias: listed once
    assert found("land") == [newland.id]
    assert found("nobody") == []
    assert [org["name"] for org in anonymous.get("/api/v1/organizations/?q=pacific").json()["results"]] == [
        "Mansfield Center for Pacific Affairs"
    ]


def test_a_database_without_the_trigram_indexes_is_warned_about_at_start_up():
    assert trigram_search_available(databases=["default"]) == [] or not trigram_extension_available()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS facts_person_name_trgm")  # rolled back with the test

    warnings = trigram_search_available(databases=["default"])

    assert [(w.id, w.level) for w in warnings] == [("facts.W002", checks.WARNING)]
    assert "pg_trgm" in warnings[0].msg
