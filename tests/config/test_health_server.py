"""The health server's app (config.wsgi_health): /healthz through Django, nothing else."""

import json
import runpy
from wsgiref.util import setup_testing_defaults

from django.core.signals import request_started
from django.db import close_old_connections

from config.wsgi_health import application


def _call(path: str) -> tuple[str, bytes]:
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    # As Django's test client does: the test's transaction keeps its connection.
    request_started.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
    return answer["status"], body


def test_it_answers_healthz_as_the_site_does(db):
    status, body = _call("/healthz")
    assert status.startswith("200"), body
    assert json.loads(body)["services"]["database"] == "ok"


def test_it_serves_no_page(db):
    for path in ("/", "/timeline/", "/admin/", "/healthz/"):
        status, body = _call(path)
        assert status.startswith("404") and b"/healthz only" in body


def test_the_gunicorn_configs_name_their_ports(monkeypatch):
    monkeypatch.setenv("HEALTH_PORT", "9101")
    assert runpy.run_path("config/gunicorn_health.py")["bind"] == "0.0.0.0:9101"
    site = runpy.run_path("config/gunicorn.py")
    assert site["bind"] == "0.0.0.0:8000" and callable(site["post_fork"])
