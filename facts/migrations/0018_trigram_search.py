"""People and organizations found by name without a scan: trigram indexes (pg_trgm), where the server has it.

The name and alias filters (facts/api/filters.py, ActorFilterSet) match `UPPER(text) LIKE
UPPER('%term%')`, which no B-tree serves; a GIN index of trigrams (pg_trgm's gin_trgm_ops) on the
same expressions does. pg_trgm is a contrib extension: a server without it (the plain pgserver
wheel), or a role not allowed to create it, gets no index, the same query, and a warning from
the system check facts.W002 (facts/checks.py). The aliases are matched through
facts_aliases_text, array_to_string declared IMMUTABLE (array_to_string itself is only STABLE,
so it cannot be indexed), created on every server so the query is the same on all of them.
"""

from django.db import DatabaseError, migrations, transaction

ALIASES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION facts_aliases_text(aliases varchar[]) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT array_to_string(aliases, E'\\n') $$"
)
INDEXES = [
    f"CREATE INDEX IF NOT EXISTS facts_{table}_{name}_trgm ON facts_{table} USING gin ({expression} gin_trgm_ops)"
    for table in ("person", "organization")
    for name, expression in (("name", "UPPER(name::text)"), ("aliases", "UPPER(facts_aliases_text(aliases))"))
]
DROP_INDEXES = [
    f"DROP INDEX IF EXISTS facts_{table}_{name}_trgm"
    for table in ("person", "organization")
    for name in ("name", "aliases")
]


def create_trigram_indexes(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(ALIASES_FUNCTION)
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return  # facts.W002 says so at start-up
        try:
            # A savepoint: without the right to create the extension, the migration goes on without it.
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return
        for statement in INDEXES:
            cursor.execute(statement)


def drop_trigram_indexes(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in DROP_INDEXES:
            cursor.execute(statement)
        cursor.execute("DROP FUNCTION IF EXISTS facts_aliases_text(varchar[])")


class Migration(migrations.Migration):
    dependencies = [("facts", "0017_claim_summary")]

    operations = [migrations.RunPython(create_trigram_indexes, drop_trigram_indexes)]
