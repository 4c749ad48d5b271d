"""Grant the database role the application connects as exactly what it needs, and no more."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from psycopg import sql

# Article columns the application may change: metadata only. The body and its hash never
# change (a trigger refuses it too); without UPDATE on them, the role cannot even try.
ARTICLE_EDITABLE = ["title", "publisher", "url", "language", "published_on", "updated_at"]


class Command(BaseCommand):
    help = (
        "Grant ROLE (the role in the app's DATABASE_URL) the privileges the application needs, "
        "run as the owner of the tables (the role migrations run as). The role may read and write "
        "facts, but may not change an article's body or hash, and may only add to history: "
        "events can be neither updated nor deleted. Run it again after migrations that add tables."
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
            article = "facts_article"
            cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(grantee))
            for table in sorted(tables):
                name = sql.Identifier(table)
                cursor.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(name, grantee))
                if table in history:
                    privileges = "SELECT, INSERT"
                elif table == article:
                    privileges = "SELECT, INSERT, DELETE"
                else:
                    privileges = "SELECT, INSERT, UPDATE, DELETE"
                cursor.execute(sql.SQL(f"GRANT {privileges} ON {{}} TO {{}}").format(name, grantee))
            cursor.execute(
                sql.SQL("GRANT UPDATE ({}) ON {} TO {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, ARTICLE_EDITABLE)), sql.Identifier(article), grantee
                )
            )
            cursor.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(grantee))
        self.stdout.write(
            self.style.SUCCESS(
                f"Granted {role}: read and write on {len(tables)} tables; article bodies read-only; "
                f"{len(history)} history tables append-only."
            )
        )
