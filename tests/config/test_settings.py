"""Settings are read from the environment; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-0123456789abcdefghijklmnopqrstuvwxyz"
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "'engine': settings.DATABASES['default']['ENGINE'],"
    "'name': str(settings.DATABASES['default']['NAME']),"
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER,"
    "'broker': settings.CELERY_BROKER_URL,"
    "'cache': settings.CACHES['default']['BACKEND']}))"
)


def _run(env: dict, code: str = PROBE) -> subprocess.CompletedProcess:
    unset = {"DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base |= {"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": STRONG_KEY} | env
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True
    )


def _settings(env: dict) -> dict:
    result = _run(env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_services_it_uses_sqlite_in_the_project_and_eager_tasks():
    found = _settings({})
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["name"] == str(ROOT / "db.sqlite3")
    assert found["eager"] is True
    assert found["cache"].endswith("LocMemCache")


def test_database_url_and_redis_url_select_postgresql_and_a_redis_broker():
    found = _settings(
        {
            "DATABASE_URL": "postgres://u@db.example:5432/tablero",
            "REDIS_URL": "redis://cache.example:6379/0",
        }
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["eager"] is False
    assert found["broker"] == "redis://cache.example:6379/0"
    assert found["cache"].endswith("RedisCache")


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60])
def test_it_refuses_to_start_without_a_real_secret_key(key):
    result = _run({"SECRET_KEY": key}, "import django; django.setup()")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = _run(
        {"ALLOWED_HOSTS": "tablero.example.org"},
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
