"""Versions of an article: a corrected text linked to the one it corrects, and how each fact was carried.

- facts_article gains previous_version (one-to-one: at most one successor), first_version and
  version; a trigger refuses any change to them once stored, as to the body.
- facts_carriedfact: each fact of a previous version, its copy on the new version (none when
  orphaned) and the anchoring status; only its confirmation may change afterwards (a trigger).
- Its history, like every other, is append-only.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "editors"


def codenames() -> list[str]:
    """Editors see carried facts and confirm fuzzy ones (a change)."""
    return ["view_carriedfact", "change_carriedfact"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now to grant them.
    facts = apps.get_app_config("facts")
    facts.models_module = True
    create_permissions(facts, verbosity=0, apps=apps)
    facts.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="facts", codename__in=codenames()))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="facts", codename__in=codenames()))


# TG_ARGV: the columns that never change once a row is stored.
FORWARD = """
CREATE FUNCTION facts_refuse_column_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    column_name text;
BEGIN
    FOREACH column_name IN ARRAY TG_ARGV LOOP
        IF to_jsonb(OLD) -> column_name IS DISTINCT FROM to_jsonb(NEW) -> column_name THEN
            RAISE EXCEPTION '% of % % never changes once stored', column_name, TG_TABLE_NAME, OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NEW;
END;
$$;
CREATE TRIGGER facts_article_version_never_changes BEFORE UPDATE ON facts_article FOR EACH ROW
    EXECUTE FUNCTION facts_refuse_column_change('previous_version_id', 'first_version_id', 'version');
CREATE TRIGGER facts_carriedfact_never_changes BEFORE UPDATE ON facts_carriedfact FOR EACH ROW
    EXECUTE FUNCTION facts_refuse_column_change(
        'version_id', 'status', 'similarity', 'from_claim_id', 'to_claim_id', 'from_figure_id', 'to_figure_id',
        'from_mention_id', 'to_mention_id', 'from_role_id', 'to_role_id', 'created_at');
CREATE TRIGGER facts_carriedfactevent_append_only BEFORE UPDATE OR DELETE ON facts_carriedfactevent
    FOR EACH ROW EXECUTE FUNCTION facts_refuse_history_change();
"""

BACKWARD = """
DROP TRIGGER facts_carriedfactevent_append_only ON facts_carriedfactevent;
DROP TRIGGER facts_carriedfact_never_changes ON facts_carriedfact;
DROP TRIGGER facts_article_version_never_changes ON facts_article;
DROP FUNCTION facts_refuse_column_change();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("facts", "0013_extraction_jobs"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CarriedFact",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[("exact", "exact"), ("moved", "moved"), ("fuzzy", "fuzzy"), ("orphaned", "orphaned")],
                        max_length=10,
                    ),
                ),
                (
                    "similarity",
                    models.FloatField(help_text="How alike the old and new passages' texts are (difflib ratio, 0–1)."),
                ),
                (
                    "confirmed_at",
                    models.DateTimeField(blank=True, help_text="When an editor confirmed a fuzzy match.", null=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["version", "id"],
            },
        ),
        migrations.CreateModel(
            name="CarriedFactEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("pgh_xact", models.BigIntegerField(default=0, editable=False)),
                ("id", models.BigIntegerField()),
                (
                    "status",
                    models.CharField(
                        choices=[("exact", "exact"), ("moved", "moved"), ("fuzzy", "fuzzy"), ("orphaned", "orphaned")],
                        max_length=10,
                    ),
                ),
                (
                    "similarity",
                    models.FloatField(help_text="How alike the old and new passages' texts are (difflib ratio, 0–1)."),
                ),
                (
                    "confirmed_at",
                    models.DateTimeField(blank=True, help_text="When an editor confirmed a fuzzy match.", null=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
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
            name="first_version",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The first version of the chain this article belongs to; null for a first version.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="later_versions",
                to="facts.article",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="previous_version",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                help_text="The article this text corrects; null for a first version.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="next_version",
                to="facts.article",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="1 for a first text, 2 for its correction, …"
            ),
        ),
        migrations.AddField(
            model_name="articleevent",
            name="first_version",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                help_text="The first version of the chain this article belongs to; null for a first version.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.article",
            ),
        ),
        migrations.AddField(
            model_name="articleevent",
            name="previous_version",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                help_text="The article this text corrects; null for a first version.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.article",
            ),
        ),
        migrations.AddField(
            model_name="articleevent",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="1 for a first text, 2 for its correction, …"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="article",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_articleevent" ("created_at", "first_version_id", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "previous_version_id", "published_on", "publisher", "sha256", "title", "updated_at", "url", "version", "withdrawn_at") VALUES (NEW."created_at", NEW."first_version_id", NEW."id", NEW."language", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."previous_version_id", NEW."published_on", NEW."publisher", NEW."sha256", NEW."title", NEW."updated_at", NEW."url", NEW."version", NEW."withdrawn_at"); RETURN NULL;',
                    hash="3d2470e5d3303570412684bde5bcc7aa871c259e",
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
                    condition='WHEN (OLD."first_version_id" IS DISTINCT FROM (NEW."first_version_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."language" IS DISTINCT FROM (NEW."language") OR OLD."previous_version_id" IS DISTINCT FROM (NEW."previous_version_id") OR OLD."published_on" IS DISTINCT FROM (NEW."published_on") OR OLD."publisher" IS DISTINCT FROM (NEW."publisher") OR OLD."sha256" IS DISTINCT FROM (NEW."sha256") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."url" IS DISTINCT FROM (NEW."url") OR OLD."version" IS DISTINCT FROM (NEW."version") OR OLD."withdrawn_at" IS DISTINCT FROM (NEW."withdrawn_at"))',
                    func='INSERT INTO "facts_articleevent" ("created_at", "first_version_id", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "previous_version_id", "published_on", "publisher", "sha256", "title", "updated_at", "url", "version", "withdrawn_at") VALUES (NEW."created_at", NEW."first_version_id", NEW."id", NEW."language", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."previous_version_id", NEW."published_on", NEW."publisher", NEW."sha256", NEW."title", NEW."updated_at", NEW."url", NEW."version", NEW."withdrawn_at"); RETURN NULL;',
                    hash="ea3ad35d900bfc83be1f2a7e9d009e66e08596a9",
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
                    func='INSERT INTO "facts_articleevent" ("created_at", "first_version_id", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "previous_version_id", "published_on", "publisher", "sha256", "title", "updated_at", "url", "version", "withdrawn_at") VALUES (OLD."created_at", OLD."first_version_id", OLD."id", OLD."language", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."previous_version_id", OLD."published_on", OLD."publisher", OLD."sha256", OLD."title", OLD."updated_at", OLD."url", OLD."version", OLD."withdrawn_at"); RETURN NULL;',
                    hash="49705e0202d8449c6d8739ad4a2b1fee4c66d5f9",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_38a38",
                    table="facts_article",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("first_version__isnull", True), ("previous_version__isnull", True), ("version", 1)),
                    models.Q(("first_version__isnull", False), ("previous_version__isnull", False), ("version__gt", 1)),
                    _connector="OR",
                ),
                name="facts_article_version_links",
                violation_error_message="A first version links to no other; a later one to its previous and first.",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("first_version", "version"),
                name="facts_article_one_per_version_number",
                violation_error_message="This chain of versions already has a version with this number.",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="from_claim",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="carried_onward",
                to="facts.claim",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="from_figure",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="carried_onward",
                to="facts.figure",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="from_mention",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="carried_onward",
                to="facts.mention",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="from_role",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="carried_onward",
                to="facts.role",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="to_claim",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="anchoring",
                to="facts.claim",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="to_figure",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="anchoring",
                to="facts.figure",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="to_mention",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="anchoring",
                to="facts.mention",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="to_role",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="anchoring",
                to="facts.role",
            ),
        ),
        migrations.AddField(
            model_name="carriedfact",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="carried_facts", to="facts.article"
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="confirmed_by",
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
        migrations.AddField(
            model_name="carriedfactevent",
            name="from_claim",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.claim",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="from_figure",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.figure",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="from_mention",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.mention",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="from_role",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.role",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
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
            model_name="carriedfactevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="facts.carriedfact",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="to_claim",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.claim",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="to_figure",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.figure",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="to_mention",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.mention",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="to_role",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.role",
            ),
        ),
        migrations.AddField(
            model_name="carriedfactevent",
            name="version",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="facts.article",
            ),
        ),
        migrations.AddIndex(
            model_name="carriedfact",
            index=models.Index(fields=["status"], name="facts_carriedfact_status"),
        ),
        migrations.AddConstraint(
            model_name="carriedfact",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("from_claim__isnull", False),
                        ("from_figure__isnull", True),
                        ("from_mention__isnull", True),
                        ("from_role__isnull", True),
                    ),
                    models.Q(
                        ("from_claim__isnull", True),
                        ("from_figure__isnull", False),
                        ("from_mention__isnull", True),
                        ("from_role__isnull", True),
                    ),
                    models.Q(
                        ("from_claim__isnull", True),
                        ("from_figure__isnull", True),
                        ("from_mention__isnull", False),
                        ("from_role__isnull", True),
                    ),
                    models.Q(
                        ("from_claim__isnull", True),
                        ("from_figure__isnull", True),
                        ("from_mention__isnull", True),
                        ("from_role__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="facts_carriedfact_from_one_fact",
                violation_error_message="A carried fact comes from exactly one fact.",
            ),
        ),
        migrations.AddConstraint(
            model_name="carriedfact",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("to_figure__isnull", True), ("to_mention__isnull", True), ("to_role__isnull", True)),
                    models.Q(("to_claim__isnull", True), ("to_mention__isnull", True), ("to_role__isnull", True)),
                    models.Q(("to_claim__isnull", True), ("to_figure__isnull", True), ("to_role__isnull", True)),
                    models.Q(("to_claim__isnull", True), ("to_figure__isnull", True), ("to_mention__isnull", True)),
                    _connector="OR",
                ),
                name="facts_carriedfact_to_one_fact",
                violation_error_message="A carried fact lands on at most one fact.",
            ),
        ),
        migrations.AddConstraint(
            model_name="carriedfact",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("status", "orphaned"),
                        ("to_claim__isnull", True),
                        ("to_figure__isnull", True),
                        ("to_mention__isnull", True),
                        ("to_role__isnull", True),
                    ),
                    models.Q(
                        models.Q(
                            models.Q(("from_claim__isnull", False), ("to_claim__isnull", False)),
                            models.Q(("from_figure__isnull", False), ("to_figure__isnull", False)),
                            models.Q(("from_mention__isnull", False), ("to_mention__isnull", False)),
                            models.Q(("from_role__isnull", False), ("to_role__isnull", False)),
                            _connector="OR",
                        ),
                        models.Q(("status", "orphaned"), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="facts_carriedfact_copy_unless_orphaned",
                violation_error_message="A fact not orphaned has a copy of its own kind on the new version.",
            ),
        ),
        migrations.AddConstraint(
            model_name="carriedfact",
            constraint=models.CheckConstraint(
                condition=models.Q(("confirmed_at__isnull", True), ("status", "fuzzy"), _connector="OR"),
                name="facts_carriedfact_only_fuzzy_confirmed",
                violation_error_message="Only a fuzzy match needs an editor's confirmation.",
            ),
        ),
        migrations.AddConstraint(
            model_name="carriedfact",
            constraint=models.CheckConstraint(
                condition=models.Q(("similarity__gte", 0), ("similarity__lte", 1)),
                name="facts_carriedfact_similarity_range",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="carriedfact",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_carriedfactevent" ("confirmed_at", "confirmed_by_id", "created_at", "from_claim_id", "from_figure_id", "from_mention_id", "from_role_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "similarity", "status", "to_claim_id", "to_figure_id", "to_mention_id", "to_role_id", "version_id") VALUES (NEW."confirmed_at", NEW."confirmed_by_id", NEW."created_at", NEW."from_claim_id", NEW."from_figure_id", NEW."from_mention_id", NEW."from_role_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."similarity", NEW."status", NEW."to_claim_id", NEW."to_figure_id", NEW."to_mention_id", NEW."to_role_id", NEW."version_id"); RETURN NULL;',
                    hash="fc13dc4172d7355fca17d688a0b01c4a58c64aaa",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_7c8d8",
                    table="facts_carriedfact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="carriedfact",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."confirmed_at" IS DISTINCT FROM (NEW."confirmed_at") OR OLD."confirmed_by_id" IS DISTINCT FROM (NEW."confirmed_by_id") OR OLD."from_claim_id" IS DISTINCT FROM (NEW."from_claim_id") OR OLD."from_figure_id" IS DISTINCT FROM (NEW."from_figure_id") OR OLD."from_mention_id" IS DISTINCT FROM (NEW."from_mention_id") OR OLD."from_role_id" IS DISTINCT FROM (NEW."from_role_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."similarity" IS DISTINCT FROM (NEW."similarity") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."to_claim_id" IS DISTINCT FROM (NEW."to_claim_id") OR OLD."to_figure_id" IS DISTINCT FROM (NEW."to_figure_id") OR OLD."to_mention_id" IS DISTINCT FROM (NEW."to_mention_id") OR OLD."to_role_id" IS DISTINCT FROM (NEW."to_role_id") OR OLD."version_id" IS DISTINCT FROM (NEW."version_id"))',
                    func='INSERT INTO "facts_carriedfactevent" ("confirmed_at", "confirmed_by_id", "created_at", "from_claim_id", "from_figure_id", "from_mention_id", "from_role_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "similarity", "status", "to_claim_id", "to_figure_id", "to_mention_id", "to_role_id", "version_id") VALUES (NEW."confirmed_at", NEW."confirmed_by_id", NEW."created_at", NEW."from_claim_id", NEW."from_figure_id", NEW."from_mention_id", NEW."from_role_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."similarity", NEW."status", NEW."to_claim_id", NEW."to_figure_id", NEW."to_mention_id", NEW."to_role_id", NEW."version_id"); RETURN NULL;',
                    hash="e5a3510c0b44543eeaad04324bd7513fdf768732",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_ad71b",
                    table="facts_carriedfact",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="carriedfact",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_carriedfactevent" ("confirmed_at", "confirmed_by_id", "created_at", "from_claim_id", "from_figure_id", "from_mention_id", "from_role_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "similarity", "status", "to_claim_id", "to_figure_id", "to_mention_id", "to_role_id", "version_id") VALUES (OLD."confirmed_at", OLD."confirmed_by_id", OLD."created_at", OLD."from_claim_id", OLD."from_figure_id", OLD."from_mention_id", OLD."from_role_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."similarity", OLD."status", OLD."to_claim_id", OLD."to_figure_id", OLD."to_mention_id", OLD."to_role_id", OLD."version_id"); RETURN NULL;',
                    hash="566370ce7b723f27fcf1b47852f6cd2666e5390a",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_2b717",
                    table="facts_carriedfact",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="carriedfactevent",
            index=models.Index(fields=["pgh_xact", "pgh_id"], name="facts_carriedfactevent_feed"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="carriedfactevent",
            trigger=pgtrigger.compiler.Trigger(
                name="event_transaction",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="NEW.pgh_xact := pg_current_xact_id()::text::bigint; RETURN NEW;",
                    hash="b5f60bc3566b02252dd79d0c226bbcdb9616cf1e",
                    operation="INSERT",
                    pgid="pgtrigger_event_transaction_cc697",
                    table="facts_carriedfactevent",
                    when="BEFORE",
                ),
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.RunPython(grant, revoke),
    ]
