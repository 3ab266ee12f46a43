"""The WSGI app of the health server (config/gunicorn_health.py): /healthz, nothing else."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/healthz":
        return django_application(environ, start_response)
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"This port serves /healthz only.\n"]
