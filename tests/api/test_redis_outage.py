"""The API keeps answering when its cache (Redis) is down or hung; its errors are JSON.

Each test starts a Redis of its own on a free port and stops it: the shared one stays up.
"""

import contextlib
import logging
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import path
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view
from rest_framework.test import APIClient

from config import urls as site_urls
from tests.services import RedisServer

THROTTLE_LOGGER = "core.api.throttling"
OFF_NOTE = "API throttling is off: the cache is unreachable"


@pytest.fixture
def own_redis():
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def throttled(settings):
    from core.api import throttling

    settings.API_THROTTLE_RATES = {"anon": "1000/min", "user": "1000/min"}
    # The warning is rate-limited per process: start each test as if none was logged yet.
    throttling.cache_warning.reset()


@contextlib.contextmanager
def cache_at(url: str):
    """The cache on this Redis; override_settings makes Django drop its cached connections."""
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": django_settings.REDIS_CACHE_OPTIONS,
    }
    with override_settings(CACHES={"default": redis_cache}, REDIS_URL=url):
        yield


def _throttle_warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == THROTTLE_LOGGER and r.levelno == logging.WARNING]


def test_api_reads_answer_200_with_redis_down_and_a_warning_is_logged(
    db, reader, own_redis, throttled, caplog
):
    token = Token.objects.create(user=reader)
    anonymous = APIClient()
    with_token = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    with cache_at(own_redis.url):
        assert anonymous.get("/api/v1/actors/").status_code == 200  # counted in Redis
        own_redis.stop()
        caplog.set_level(logging.WARNING, logger=THROTTLE_LOGGER)
        assert anonymous.get("/api/v1/actors/").status_code == 200
        assert anonymous.get("/api/v1/state/").status_code == 200
        assert with_token.get("/api/v1/offers/").status_code == 200
        assert anonymous.get("/api/docs/").status_code == 200
    warnings = _throttle_warnings(caplog)
    assert len(warnings) == 1, "one warning, not one per request"
    assert "cache is unreachable" in warnings[0].getMessage()


def test_a_hung_redis_costs_a_request_well_under_a_second(db, own_redis, throttled):
    api = APIClient()
    with cache_at(own_redis.url):
        assert api.get("/api/v1/actors/").status_code == 200
        own_redis.hang()
        answered = []
        started = time.perf_counter()
        # In a thread: without a socket timeout the request would wait for ever.
        thread = threading.Thread(target=lambda: answered.append(api.get("/api/v1/actors/")))
        thread.start()
        thread.join(timeout=5)
        elapsed = time.perf_counter() - started
        own_redis.stop()  # frees the request if it is still waiting
        thread.join(timeout=5)
    assert answered and answered[0].status_code == 200
    assert elapsed < 0.6


def test_healthz_notes_that_throttling_is_off_while_the_cache_is_down(
    client, db, own_redis, throttled
):
    with cache_at(own_redis.url):
        assert OFF_NOTE not in client.get("/healthz").json().get("notes", [])
        own_redis.stop()
        body = client.get("/healthz").json()
    assert body["down"] == ["redis"]
    assert body["notes"] == [OFF_NOTE]


# --- unexpected errors ------------------------------------------------------------
@api_view(["GET"])
def api_bug(request):
    raise RuntimeError("a bug in an API view")


def page_bug(request):
    raise RuntimeError("a bug in a page")


urlpatterns = [
    path("api/v1/bug/", api_bug),
    path("bug/", page_bug),
    *site_urls.urlpatterns,
]
handler500 = site_urls.handler500


@pytest.mark.urls(__name__)
def test_an_unexpected_error_under_api_is_a_json_500_in_the_error_shape(db, caplog):
    response = APIClient(raise_request_exception=False).get("/api/v1/bug/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "message": "Server error: it has been logged; please try again later.",
        "errors": {},
    }
    logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged and "a bug in an API view" in str(logged[0].exc_info[1])


@pytest.mark.urls(__name__)
def test_a_page_keeps_the_designed_500_page(client, db):
    client.raise_request_exception = False
    response = client.get("/bug/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Something went wrong" in response.content.decode()
