"""Editors review proposals: they see them, accept or reject them (a change), and run the
extractor on an article (which adds them). Proposals are never deleted: a rejection is
recorded instead.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "editors"


def codenames() -> list[str]:
    return ["add_proposal", "change_proposal", "view_proposal"]


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


class Migration(migrations.Migration):
    dependencies = [("facts", "0007_proposal")]

    operations = [migrations.RunPython(grant, revoke)]
