import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

REQUIRE_SERVICES = os.getenv("REQUIRE_SERVICES") == "1"

# Playwright's sync API (the browser tests) leaves an event loop running in the test
# thread for the session, which Django would otherwise refuse to query from. Tests only;
# the settings tests drop it from the environment of the processes they start.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    if REQUIRE_SERVICES:
        url = os.getenv("DATABASE_URL", "")
        if not url.startswith("postgres"):
            raise pytest.UsageError("REQUIRE_SERVICES=1 needs DATABASE_URL pointing at PostgreSQL.")
        if not os.getenv("REDIS_URL"):
            raise pytest.UsageError("REQUIRE_SERVICES=1 needs REDIS_URL.")


def service_missing(reason: str) -> None:
    """Skip a test whose service is absent, or fail it when services are required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> str:
    if not settings.REDIS_URL:
        service_missing("REDIS_URL is not set: this test needs a Redis server")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        service_missing(f"Redis at REDIS_URL does not answer: {exc}")
    return settings.REDIS_URL


# Short enough for a test to outwait, longer than the task time limit as in production.
INGESTION_LEASE = 12


@pytest.fixture
def broker(settings):
    """A Redis of this test's own as the Celery broker this process publishes to; the
    test stops and starts it (tests/services.py)."""
    from config.celery import app
    from tests.services import RedisServer

    server = RedisServer()
    settings.INGESTION_LEASE_SECONDS = INGESTION_LEASE
    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=server.url, task_always_eager=False)
    app._after_fork()  # drop the connections pooled for the previous broker
    yield server
    app.conf.update(previous)
    app._after_fork()
    server.stop()


@pytest.fixture
def postgres(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        service_missing("DATABASE_URL is not PostgreSQL: this test needs PostgreSQL")


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", "editor@example.org", "editor-pass-123")
    user.groups.add(Group.objects.get_or_create(name=settings.EDITORS_GROUP)[0])
    return user


@pytest.fixture
def reader(db) -> User:
    return User.objects.create_user("reader", "reader@example.org", "reader-pass-123")


@pytest.fixture
def staff_editor(editor) -> User:
    from django.contrib.auth.models import Permission

    editor.is_staff = True
    editor.save()
    editor.user_permissions.set(Permission.objects.all())
    return editor


# --- shared data ------------------------------------------------------------------
SAMPLE_ARTICLE = (
    settings.BASE_DIR / "sample_data" / "articles" / "2024-08-11-wsj-secret-talks-amnesty.txt"
)


@pytest.fixture
def sample_article(db):
    """The sample article, ingested (tasks run eagerly under the test settings)."""
    return ingest_path(SAMPLE_ARTICLE)


def ingest_path(path):
    """Submit and ingest an article file with its `.json` metadata beside it."""
    import datetime as dt
    import json

    from negotiations.ingestion.pipeline import article_ingest
    from sources.services import article_submit

    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    article = article_submit(
        text=path.read_text(encoding="utf-8"),
        published_on=dt.date.fromisoformat(meta["published"]),
        title=meta.get("title", ""),
        publisher=meta.get("publisher", ""),
    ).article
    assert article_ingest(article_id=article.pk) == "done"
    article.refresh_from_db()
    return article
