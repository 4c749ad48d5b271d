"""Reliability, round two: a history the application's role cannot rewrite, and nothing destroyed.

- Reviews are tracked like every other editorial table (facts_reviewevent), and get an
  internal note kept apart from the public one.
- Articles are withdrawn (`withdrawn_at`), never deleted by the application.
- Every article's SHA-256 is also kept in facts_articlehash, written by a trigger as the
  article is inserted and never changed or deleted afterwards.
- The history context (pghistory_context: who made a change, from which URL or command) is
  written only through django-pghistory's function, which now runs as the tables' owner,
  so the application's role needs no UPDATE on it; a trigger refuses to delete a context, or
  to change one after the transaction that created it.
- The history of reviews is append-only, like the rest.
- A recorded passage (its article, offsets, text, prefix and suffix; a claim's attribution
  too) never changes: a trigger refuses the UPDATE, raw SQL included.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

import facts.models

PASSAGE_COLUMNS = ["article_id", "start", "end", "exact", "prefix", "suffix"]
PASSAGE_TABLES = {
    "facts_claim": [*PASSAGE_COLUMNS, "attribution_start", "attribution_end", "attribution_exact"],
    "facts_figure": PASSAGE_COLUMNS,
    "facts_mention": PASSAGE_COLUMNS,
    "facts_role": PASSAGE_COLUMNS,
    "facts_proposal": PASSAGE_COLUMNS,
}
NEW_APPEND_ONLY = ["facts_reviewevent", "facts_articlehash"]

FORWARD = (
    r"""
ALTER FUNCTION _pgh_attach_context() SECURITY DEFINER SET search_path FROM CURRENT;

CREATE FUNCTION facts_refuse_context_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- django-pghistory adds metadata to a context while the transaction that made it runs
    -- (now() is that transaction's start, which the function stores as created_at).
    IF TG_OP = 'DELETE' OR OLD.created_at <> now() OR NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'history is never rewritten: % of the context of past changes refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER pghistory_context_append_only BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION facts_refuse_context_rewrite();

CREATE FUNCTION facts_record_article_hash() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO facts_articlehash (article_id, sha256, recorded_at) VALUES (NEW.id, NEW.sha256, now());
    RETURN NULL;
END;
$$;
CREATE TRIGGER facts_article_hash_recorded AFTER INSERT ON facts_article
    FOR EACH ROW EXECUTE FUNCTION facts_record_article_hash();

-- Articles stored before this migration: the hash of their first history event, which
-- the application's role could not rewrite either, else the one stored beside the body.
INSERT INTO facts_articlehash (article_id, sha256, recorded_at)
SELECT article.id,
       COALESCE(
           (SELECT event.sha256 FROM facts_articleevent event
             WHERE event.pgh_obj_id = article.id AND event.pgh_label = 'insert' ORDER BY event.pgh_id LIMIT 1),
           article.sha256),
       article.created_at
  FROM facts_article article;

-- TG_ARGV: the passage's columns.
CREATE FUNCTION facts_refuse_passage_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    column_name text;
BEGIN
    FOREACH column_name IN ARRAY TG_ARGV LOOP
        IF to_jsonb(OLD) -> column_name IS DISTINCT FROM to_jsonb(NEW) -> column_name THEN
            RAISE EXCEPTION 'the passage of % % never changes once recorded (% differs); record the fact again on the other passage',
                TG_TABLE_NAME, OLD.id, column_name
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NEW;
END;
$$;
"""
    + "".join(
        # Named to fire after <table>_passage_matches_article (triggers fire in name order), so
        # a change to a span that does not match keeps that trigger's message.
        f"CREATE TRIGGER {table}_passage_never_changes BEFORE UPDATE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION facts_refuse_passage_change({', '.join(repr(c) for c in columns)});\n"
        for table, columns in PASSAGE_TABLES.items()
    )
    + "".join(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION facts_refuse_history_change();\n"
        for table in NEW_APPEND_ONLY
    )
)

BACKWARD = (
    "".join(f"DROP TRIGGER {table}_append_only ON {table};" for table in NEW_APPEND_ONLY)
    + "".join(f"DROP TRIGGER {table}_passage_never_changes ON {table};" for table in PASSAGE_TABLES)
    + """
DROP FUNCTION facts_refuse_passage_change();
DROP TRIGGER facts_article_hash_recorded ON facts_article;
DROP FUNCTION facts_record_article_hash();
DROP TRIGGER pghistory_context_append_only ON pghistory_context;
DROP FUNCTION facts_refuse_context_rewrite();
ALTER FUNCTION _pgh_attach_context() SECURITY INVOKER RESET search_path;
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("facts", "0009_proposal_superseded"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleHash",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="recorded_hash",
                        serialize=False,
                        to="facts.article",
                    ),
                ),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("recorded_at", models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name="ReviewEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("unreviewed", "unreviewed"),
                            ("verified", "verified"),
                            ("disputed", "disputed"),
                            ("false", "false"),
                            ("unverifiable", "unverifiable"),
                            ("retracted", "retracted"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        help_text="The public explanation of the verdict.",
                        validators=[facts.models.validate_storable_text],
                    ),
                ),
                (
                    "internal_note",
                    models.TextField(
                        blank=True,
                        help_text="For editors only; never shown to readers.",
                        validators=[facts.models.validate_storable_text],
                    ),
                ),
                ("reviewed_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="article",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="article",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="article",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="article",
            name="withdrawn_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When an editor withdrew the article (hidden with its facts, kept whole); null while current.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="articleevent",
            name="withdrawn_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When an editor withdrew the article (hidden with its facts, kept whole); null while current.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="internal_note",
            field=models.TextField(
                blank=True,
                help_text="For editors only; never shown to readers.",
                validators=[facts.models.validate_storable_text],
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="note",
            field=models.TextField(
                blank=True,
                help_text="The public explanation of the verdict.",
                validators=[facts.models.validate_storable_text],
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["withdrawn_at"], name="facts_article_withdrawn_at"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="article",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_articleevent" ("created_at", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "published_on", "publisher", "sha256", "title", "updated_at", "url", "withdrawn_at") VALUES (NEW."created_at", NEW."id", NEW."language", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."published_on", NEW."publisher", NEW."sha256", NEW."title", NEW."updated_at", NEW."url", NEW."withdrawn_at"); RETURN NULL;',
                    hash="de487ea65751a0d7792820ab8817e6a68d4874a0",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_b71db",
                    table="facts_article",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="article",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."language" IS DISTINCT FROM (NEW."language") OR OLD."published_on" IS DISTINCT FROM (NEW."published_on") OR OLD."publisher" IS DISTINCT FROM (NEW."publisher") OR OLD."sha256" IS DISTINCT FROM (NEW."sha256") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."url" IS DISTINCT FROM (NEW."url") OR OLD."withdrawn_at" IS DISTINCT FROM (NEW."withdrawn_at"))',
                    func='INSERT INTO "facts_articleevent" ("created_at", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "published_on", "publisher", "sha256", "title", "updated_at", "url", "withdrawn_at") VALUES (NEW."created_at", NEW."id", NEW."language", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."published_on", NEW."publisher", NEW."sha256", NEW."title", NEW."updated_at", NEW."url", NEW."withdrawn_at"); RETURN NULL;',
                    hash="89451f5b5398b7402d0005ac2f1ea3d6aef99672",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_7447c",
                    table="facts_article",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="article",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_articleevent" ("created_at", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "published_on", "publisher", "sha256", "title", "updated_at", "url", "withdrawn_at") VALUES (OLD."created_at", OLD."id", OLD."language", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."published_on", OLD."publisher", OLD."sha256", OLD."title", OLD."updated_at", OLD."url", OLD."withdrawn_at"); RETURN NULL;',
                    hash="123e5bb3a7767f0388c1c65441f5e131f48d0f78",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_38a38",
                    table="facts_article",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="review",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_reviewevent" ("claim_id", "id", "internal_note", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reviewed_at", "reviewer_id", "status") VALUES (NEW."claim_id", NEW."id", NEW."internal_note", NEW."note", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reviewed_at", NEW."reviewer_id", NEW."status"); RETURN NULL;',
                    hash="dacf8840c9709756236971c75cd0e0d4f48b4309",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_7d0d0",
                    table="facts_review",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="review",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."claim_id" IS DISTINCT FROM (NEW."claim_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."internal_note" IS DISTINCT FROM (NEW."internal_note") OR OLD."note" IS DISTINCT FROM (NEW."note") OR OLD."reviewer_id" IS DISTINCT FROM (NEW."reviewer_id") OR OLD."status" IS DISTINCT FROM (NEW."status"))',
                    func='INSERT INTO "facts_reviewevent" ("claim_id", "id", "internal_note", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reviewed_at", "reviewer_id", "status") VALUES (NEW."claim_id", NEW."id", NEW."internal_note", NEW."note", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reviewed_at", NEW."reviewer_id", NEW."status"); RETURN NULL;',
                    hash="c9f24117fc43805536ff65d9612d626fd2a1acf9",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_6262e",
                    table="facts_review",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="review",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_reviewevent" ("claim_id", "id", "internal_note", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reviewed_at", "reviewer_id", "status") VALUES (OLD."claim_id", OLD."id", OLD."internal_note", OLD."note", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."reviewed_at", OLD."reviewer_id", OLD."status"); RETURN NULL;',
                    hash="4cc5ce601bced8b62d355d57e8f865c7c6a34f0b",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_b3a2b",
                    table="facts_review",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddField(
            model_name="reviewevent",
            name="claim",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.claim",
            ),
        ),
        migrations.AddField(
            model_name="reviewevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="reviewevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="facts.review",
            ),
        ),
        migrations.AddField(
            model_name="reviewevent",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
