"""Grant the database role the application connects as exactly what it needs, and no more."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from psycopg import sql

# Article columns the application may change: metadata, and whether it is withdrawn. The body
# and its hash never change (a trigger refuses it too); without UPDATE on them, the role cannot
# even try. Articles are withdrawn, never deleted, so the role has no DELETE on them either.
ARTICLE_EDITABLE = ["title", "publisher", "url", "language", "published_on", "withdrawn_at", "updated_at"]

# Privileges by table; every other table gets SELECT, INSERT, UPDATE, DELETE.
ARTICLE = "facts_article"
# Who made each change: written through django-pghistory's function (which runs as the owner).
HISTORY_CONTEXT = "pghistory_context"
# Each article's hash as stored, written by a trigger as the owner: the role only reads it.
ARTICLE_HASHES = "facts_articlehash"


class Command(BaseCommand):
    help = (
        "Grant ROLE (the role in the app's DATABASE_URL) the privileges the application needs, "
        "run as the owner of the tables (the role migrations run as). The role may read and write "
        "facts and withdraw articles, but may not delete an article or change its body or hash, may "
        "only read the hashes kept apart, and may only add to history: events and their context can be "
        "neither updated nor deleted. Run it again after migrations that add tables."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="An existing database role, such as factbase_app.")

    @transaction.atomic
    def handle(self, *args: Any, role: str, **options: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"There is no database role {role!r}; create it first (CREATE ROLE … LOGIN).")
            grantee = sql.Identifier(role)
            tables = set(connection.introspection.table_names(cursor))
            history = {model._meta.db_table for model in apps.get_models() if model._meta.db_table.endswith("event")}
            cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(grantee))
            for table in sorted(tables):
                name = sql.Identifier(table)
                cursor.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(name, grantee))
                privileges = _privileges(table, history)
                cursor.execute(sql.SQL(f"GRANT {privileges} ON {{}} TO {{}}").format(name, grantee))
            cursor.execute(
                sql.SQL("GRANT UPDATE ({}) ON {} TO {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, ARTICLE_EDITABLE)), sql.Identifier(ARTICLE), grantee
                )
            )
            cursor.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(grantee))
        self.stdout.write(
            self.style.SUCCESS(
                f"Granted {role}: read and write on {len(tables)} tables; articles withdrawn, never deleted, "
                f"their bodies read-only; {len(history)} history tables and the history context append-only."
            )
        )


def _privileges(table: str, history: set[str]) -> str:
    if table in history or table == HISTORY_CONTEXT:
        return "SELECT, INSERT"
    if table == ARTICLE:
        return "SELECT, INSERT"  # and UPDATE of ARTICLE_EDITABLE
    if table == ARTICLE_HASHES:
        return "SELECT"
    return "SELECT, INSERT, UPDATE, DELETE"
