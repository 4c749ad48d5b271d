"""Extraction becomes a background job: its state per article (facts_extraction), and the job
queue's tables (procrastinate's own migrations, needed before an article can be stored).

Editors may view extractions. Articles that already have proposals are recorded as done, with how many they have; the
others (seed articles, stored without extraction) have no state: extraction was never asked.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "editors"


def grant(apps, schema_editor):
    # Editors follow extractions in the admin (and retry failed ones, as they may propose facts).
    facts = apps.get_app_config("facts")
    facts.models_module = True
    create_permissions(facts, verbosity=0, apps=apps)
    facts.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="facts", codename="view_extraction"))


class Migration(migrations.Migration):
    dependencies = [
        ("facts", "0012_review_events_in_the_change_feed"),
        ("procrastinate", "0041_post_retry_failed_job"),
    ]

    operations = [
        migrations.CreateModel(
            name="Extraction",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="extraction",
                        serialize=False,
                        to="facts.article",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("queued", "queued"), ("running", "running"), ("done", "done"), ("failed", "failed")],
                        default="queued",
                        max_length=10,
                    ),
                ),
                (
                    "proposals",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Proposals the article has from this extractor version, once done.",
                        null=True,
                    ),
                ),
                (
                    "error",
                    models.TextField(blank=True, help_text="Why the last attempt failed, when it did.", null=True),
                ),
                (
                    "attempts",
                    models.PositiveSmallIntegerField(default=0, help_text="Attempts the current job has made."),
                ),
                (
                    "job_id",
                    models.BigIntegerField(blank=True, help_text="The procrastinate job that runs it.", null=True),
                ),
                ("queued_at", models.DateTimeField(help_text="When the current job was queued.")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "indexes": [models.Index(fields=["status", "updated_at"], name="facts_extraction_status")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("proposals__isnull", False), ("status", "done")),
                            models.Q(("status", "done"), _negated=True),
                            _connector="OR",
                        ),
                        name="facts_extraction_done_has_proposals",
                        violation_error_message="A finished extraction says how many proposals it left.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("error__isnull", False), ("status", "failed")),
                            models.Q(("status", "failed"), _negated=True),
                            _connector="OR",
                        ),
                        name="facts_extraction_failed_has_error",
                        violation_error_message="A failed extraction says why.",
                    ),
                ],
            },
        ),
        migrations.RunSQL(
            sql="""
                INSERT INTO facts_extraction (article_id, status, proposals, attempts, queued_at, updated_at)
                SELECT article_id, 'done', count(*), 0, now(), now() FROM facts_proposal GROUP BY article_id
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
