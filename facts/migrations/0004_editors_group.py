"""The "editors" group, with exactly the permissions recording and reviewing facts needs.

Editors add, change and view every kind of fact and may delete a wrong record (provenance
links are PROTECTed, so nothing a fact depends on can go). Reviews are a record of
verdicts: editors add and view them, never change or delete them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "editors"
FULL = ["article", "person", "organization", "measure", "claim", "figure", "mention", "role"]


def codenames() -> list[str]:
    names = [f"{action}_{model}" for model in FULL for action in ("add", "change", "delete", "view")]
    return [*names, "add_review", "view_review"]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now to grant them.
    facts = apps.get_app_config("facts")
    facts.models_module = True
    create_permissions(facts, verbosity=0, apps=apps)
    facts.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="facts", codename__in=codenames()))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("facts", "0003_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
