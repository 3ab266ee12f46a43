"""What `make run` prints once the server answers: where to go, and how to become an editor."""

import socket
import time

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse


class Command(BaseCommand):
    help = "Wait for the server at HOST:PORT, then print the site's, admin's and API docs' URLs."

    def add_arguments(self, parser):
        parser.add_argument("address", help="HOST:PORT, as given to runserver")
        parser.add_argument(
            "--wait", type=float, default=120, help="Seconds to wait for the server to answer."
        )

    def handle(self, *args, address, wait, **options):
        host, _, port = address.rpartition(":")
        if not host or not port.isdecimal():
            raise CommandError(f"“{address}” is not HOST:PORT.")
        deadline = time.monotonic() + wait
        while not _answers(host.strip("[]"), int(port)):
            if time.monotonic() > deadline:
                raise CommandError(f"Nothing answered on {address} within {wait:g} s.")
            time.sleep(0.5)
        base = f"http://{address}"
        places = [
            ("The site", "/"),
            ("The admin", reverse("admin:index")),
            ("The API docs", reverse("api-docs")),
        ]
        width = max(len(name) for name, _ in places)
        lines = [
            "",
            "Tablero is running. Where to go:",
            *(f"  {name.ljust(width)}  {base}{path}" for name, path in places),
            "",
            "To edit, create an editor (in another terminal):",
            "  make createeditor",
            "  (or without prompts: EDITOR_USERNAME=ana EDITOR_PASSWORD=... make createeditor)",
            "The admin wants a superuser: DEBUG=True .venv/bin/python manage.py createsuperuser",
            "Stop the server with Ctrl-C.",
            "",
        ]
        self.stdout.write("\n".join(lines))


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False
