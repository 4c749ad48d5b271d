"""Editors may view article requests: the admin's "Add article from URL or HTML" queues a fetch
and sends the editor to the request's page to follow it (facts/admin/requests.py).

Viewing is all: requests are written by the import and the workers, never edited. Retrying a
failed one asks for adding articles, which editors have already.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "editors"


def codenames() -> list[str]:
    return ["view_articlerequest"]


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
    dependencies = [("facts", "0019_throttle_counts")]

    operations = [migrations.RunPython(grant, revoke)]
