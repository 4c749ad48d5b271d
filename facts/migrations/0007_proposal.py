"""Proposals: candidate facts found by the extractor, waiting for an editor.

Besides the model and its history triggers, the passage of a proposal is checked against
its article's body by the database itself, as for every other passage (migration 0002).
"""

import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

import facts.models


class Migration(migrations.Migration):
    dependencies = [
        ("facts", "0006_reliability"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Proposal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("start", models.PositiveIntegerField(help_text="Offset of the first character, in code points.")),
                ("end", models.PositiveIntegerField(help_text="Offset just past the last character (exclusive).")),
                ("exact", models.TextField(validators=[facts.models.validate_storable_text])),
                ("prefix", models.TextField(blank=True, validators=[facts.models.validate_storable_text])),
                ("suffix", models.TextField(blank=True, validators=[facts.models.validate_storable_text])),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("person", "person"),
                            ("organization", "organization"),
                            ("mention", "mention"),
                            ("role", "role"),
                            ("claim", "claim"),
                            ("figure", "figure"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "data",
                    models.JSONField(help_text="The proposed values (see the model's documentation for each kind)."),
                ),
                (
                    "edits",
                    models.JSONField(
                        blank=True, default=dict, help_text="The corrections the editor made to `data` when accepting."
                    ),
                ),
                ("confidence", models.FloatField(help_text="How sure the extractor is, from 0 to 1.")),
                ("extractor_version", models.CharField(max_length=50)),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "pending"), ("accepted", "accepted"), ("rejected", "rejected")],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="%(class)ss", to="facts.article"
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals",
                        to="facts.claim",
                    ),
                ),
                (
                    "figure",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals",
                        to="facts.figure",
                    ),
                ),
                (
                    "mention",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals",
                        to="facts.mention",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals",
                        to="facts.organization",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals",
                        to="facts.person",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals_reviewed",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "role",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals",
                        to="facts.role",
                    ),
                ),
            ],
            options={
                "ordering": ["article", "start", "end", "kind"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ProposalEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("start", models.PositiveIntegerField(help_text="Offset of the first character, in code points.")),
                ("end", models.PositiveIntegerField(help_text="Offset just past the last character (exclusive).")),
                ("exact", models.TextField(validators=[facts.models.validate_storable_text])),
                ("prefix", models.TextField(blank=True, validators=[facts.models.validate_storable_text])),
                ("suffix", models.TextField(blank=True, validators=[facts.models.validate_storable_text])),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("person", "person"),
                            ("organization", "organization"),
                            ("mention", "mention"),
                            ("role", "role"),
                            ("claim", "claim"),
                            ("figure", "figure"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "data",
                    models.JSONField(help_text="The proposed values (see the model's documentation for each kind)."),
                ),
                (
                    "edits",
                    models.JSONField(
                        blank=True, default=dict, help_text="The corrections the editor made to `data` when accepting."
                    ),
                ),
                ("confidence", models.FloatField(help_text="How sure the extractor is, from 0 to 1.")),
                ("extractor_version", models.CharField(max_length=50)),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "pending"), ("accepted", "accepted"), ("rejected", "rejected")],
                        default="pending",
                        max_length=20,
                    ),
                ),
                ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="facts.article",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="facts.claim",
                    ),
                ),
                (
                    "figure",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="facts.figure",
                    ),
                ),
                (
                    "mention",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="facts.mention",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="facts.organization",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="facts.person",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="facts.proposal",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "role",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="facts.role",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(fields=["article", "status"], name="facts_proposal_article_status"),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(fields=["status", "kind"], name="facts_proposal_status_kind"),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__lt", models.F("end"))),
                name="facts_proposal_start_before_end",
                violation_error_message="A passage must start before it ends.",
            ),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "end",
                        django.db.models.expressions.CombinedExpression(
                            models.F("start"), "+", django.db.models.functions.text.Length("exact")
                        ),
                    )
                ),
                name="facts_proposal_exact_fits_span",
                violation_error_message="The passage text must be exactly end − start characters long.",
            ),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.UniqueConstraint(
                fields=("article", "kind", "start", "end", "extractor_version"),
                name="facts_proposal_one_per_span_and_version",
                violation_error_message="This extractor version already proposed this kind of record here.",
            ),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(
                condition=models.Q(("confidence__gte", 0), ("confidence__lte", 1)),
                name="facts_proposal_confidence_range",
                violation_error_message="Confidence is between 0 and 1.",
            ),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "pending"), _negated=True),
                    models.Q(
                        ("claim__isnull", True),
                        ("figure__isnull", True),
                        ("mention__isnull", True),
                        ("organization__isnull", True),
                        ("person__isnull", True),
                        ("reviewed_at__isnull", True),
                        ("role__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="facts_proposal_pending_is_unreviewed",
                violation_error_message="A pending proposal has no reviewer date and no record.",
            ),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("claim__isnull", True),
                        ("figure__isnull", True),
                        ("mention__isnull", True),
                        ("organization__isnull", True),
                        ("role__isnull", True),
                    ),
                    models.Q(
                        ("claim__isnull", True),
                        ("figure__isnull", True),
                        ("mention__isnull", True),
                        ("person__isnull", True),
                        ("role__isnull", True),
                    ),
                    models.Q(
                        ("claim__isnull", True),
                        ("figure__isnull", True),
                        ("organization__isnull", True),
                        ("person__isnull", True),
                        ("role__isnull", True),
                    ),
                    models.Q(
                        ("claim__isnull", True),
                        ("figure__isnull", True),
                        ("mention__isnull", True),
                        ("organization__isnull", True),
                        ("person__isnull", True),
                    ),
                    models.Q(
                        ("figure__isnull", True),
                        ("mention__isnull", True),
                        ("organization__isnull", True),
                        ("person__isnull", True),
                        ("role__isnull", True),
                    ),
                    models.Q(
                        ("claim__isnull", True),
                        ("mention__isnull", True),
                        ("organization__isnull", True),
                        ("person__isnull", True),
                        ("role__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="facts_proposal_one_record",
                violation_error_message="A proposal leads to one record at most.",
            ),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(
                condition=models.Q(("extractor_version", ""), _negated=True), name="facts_proposal_version_not_empty"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="proposal",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_proposalevent" ("article_id", "claim_id", "confidence", "created_at", "data", "edits", "end", "exact", "extractor_version", "figure_id", "id", "kind", "mention_id", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prefix", "reviewed_at", "reviewed_by_id", "role_id", "start", "status", "suffix", "updated_at") VALUES (NEW."article_id", NEW."claim_id", NEW."confidence", NEW."created_at", NEW."data", NEW."edits", NEW."end", NEW."exact", NEW."extractor_version", NEW."figure_id", NEW."id", NEW."kind", NEW."mention_id", NEW."organization_id", NEW."person_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."prefix", NEW."reviewed_at", NEW."reviewed_by_id", NEW."role_id", NEW."start", NEW."status", NEW."suffix", NEW."updated_at"); RETURN NULL;',
                    hash="b76f3756018d915e2864a627952ad7a539e09efa",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_377de",
                    table="facts_proposal",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="proposal",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."article_id" IS DISTINCT FROM (NEW."article_id") OR OLD."claim_id" IS DISTINCT FROM (NEW."claim_id") OR OLD."confidence" IS DISTINCT FROM (NEW."confidence") OR OLD."data" IS DISTINCT FROM (NEW."data") OR OLD."edits" IS DISTINCT FROM (NEW."edits") OR OLD."end" IS DISTINCT FROM (NEW."end") OR OLD."exact" IS DISTINCT FROM (NEW."exact") OR OLD."extractor_version" IS DISTINCT FROM (NEW."extractor_version") OR OLD."figure_id" IS DISTINCT FROM (NEW."figure_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."mention_id" IS DISTINCT FROM (NEW."mention_id") OR OLD."organization_id" IS DISTINCT FROM (NEW."organization_id") OR OLD."person_id" IS DISTINCT FROM (NEW."person_id") OR OLD."prefix" IS DISTINCT FROM (NEW."prefix") OR OLD."reviewed_at" IS DISTINCT FROM (NEW."reviewed_at") OR OLD."reviewed_by_id" IS DISTINCT FROM (NEW."reviewed_by_id") OR OLD."role_id" IS DISTINCT FROM (NEW."role_id") OR OLD."start" IS DISTINCT FROM (NEW."start") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."suffix" IS DISTINCT FROM (NEW."suffix"))',
                    func='INSERT INTO "facts_proposalevent" ("article_id", "claim_id", "confidence", "created_at", "data", "edits", "end", "exact", "extractor_version", "figure_id", "id", "kind", "mention_id", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prefix", "reviewed_at", "reviewed_by_id", "role_id", "start", "status", "suffix", "updated_at") VALUES (NEW."article_id", NEW."claim_id", NEW."confidence", NEW."created_at", NEW."data", NEW."edits", NEW."end", NEW."exact", NEW."extractor_version", NEW."figure_id", NEW."id", NEW."kind", NEW."mention_id", NEW."organization_id", NEW."person_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."prefix", NEW."reviewed_at", NEW."reviewed_by_id", NEW."role_id", NEW."start", NEW."status", NEW."suffix", NEW."updated_at"); RETURN NULL;',
                    hash="4075fd5b42e64740fca39284c84bf4eb1631474e",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_802c6",
                    table="facts_proposal",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="proposal",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "facts_proposalevent" ("article_id", "claim_id", "confidence", "created_at", "data", "edits", "end", "exact", "extractor_version", "figure_id", "id", "kind", "mention_id", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prefix", "reviewed_at", "reviewed_by_id", "role_id", "start", "status", "suffix", "updated_at") VALUES (OLD."article_id", OLD."claim_id", OLD."confidence", OLD."created_at", OLD."data", OLD."edits", OLD."end", OLD."exact", OLD."extractor_version", OLD."figure_id", OLD."id", OLD."kind", OLD."mention_id", OLD."organization_id", OLD."person_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."prefix", OLD."reviewed_at", OLD."reviewed_by_id", OLD."role_id", OLD."start", OLD."status", OLD."suffix", OLD."updated_at"); RETURN NULL;',
                    hash="2a4067a1320b7cdbfd432839875fd14e7b33adfd",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_fd056",
                    table="facts_proposal",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunSQL(
            """
            CREATE TRIGGER facts_proposal_passage_matches_article
                BEFORE INSERT OR UPDATE OF article_id, start, "end", exact ON facts_proposal
                FOR EACH ROW EXECUTE FUNCTION facts_check_passage('');
            """,
            "DROP TRIGGER facts_proposal_passage_matches_article ON facts_proposal;",
        ),
        # History is append-only, as for the other tracked models (0006_reliability).
        migrations.RunSQL(
            "CREATE TRIGGER facts_proposalevent_append_only BEFORE UPDATE OR DELETE ON facts_proposalevent "
            "FOR EACH ROW EXECUTE FUNCTION facts_refuse_history_change();",
            "DROP TRIGGER facts_proposalevent_append_only ON facts_proposalevent;",
        ),
    ]
