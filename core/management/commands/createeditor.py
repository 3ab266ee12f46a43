"""Create (or promote) an editor: a user in settings.EDITORS_GROUP."""

import getpass
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create an editor account (or add an existing user to the editors group)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of prompting.",
        )

    def handle(self, *args, username, email, password_from_env, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = self._password(password_from_env)
            user = User(username=username, email=email)
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            user.set_password(password)
            user.save()
            self.stdout.write(f"Created user {username}.")
        group, _ = Group.objects.get_or_create(name=settings.EDITORS_GROUP)
        user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"{username} is an editor."))

    def _password(self, env_name: str | None) -> str:
        if env_name:
            password = os.environ.get(env_name, "")
            if not password:
                raise CommandError(f"The environment variable {env_name} is empty or unset.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
