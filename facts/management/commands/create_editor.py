"""Create (or promote) an editor account and print its API token."""

import getpass
import os
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token

from facts.models import EDITORS_GROUP


class Command(BaseCommand):
    help = (
        "Create an editor: a staff account in the editors group, able to use the admin and to "
        "write through the API. An existing account is added to the group. Prints the API token. "
        "The password is asked for interactively, or read from the FACTBASE_EDITOR_PASSWORD "
        "environment variable; with --no-password the account signs in with its token only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--no-password", action="store_true", help="Create the account without a password.")

    @transaction.atomic
    def handle(self, *args: Any, username: str, email: str, no_password: bool, **options: Any) -> None:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=username, defaults={"email": email})
        if created and not no_password:
            password = os.environ.get("FACTBASE_EDITOR_PASSWORD") or self._ask_password(user)
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        token, _ = Token.objects.get_or_create(user=user)
        verb = "Created" if created else "Made"
        self.stdout.write(self.style.SUCCESS(f"{verb} editor {username!r}."))
        self.stdout.write(f"API token: {token.key}")

    def _ask_password(self, user: Any) -> str:
        if not sys.stdin.isatty():
            raise CommandError("Set FACTBASE_EDITOR_PASSWORD, or pass --no-password, when not at a terminal.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return first
