"""Throttling counts each client once, whatever it writes in X-Forwarded-For, and atomically."""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

URL = "/api/v1/actors/"


@pytest.fixture
def three_an_hour(settings):
    # An hour's window: a test's few requests never straddle two windows.
    settings.API_THROTTLE_RATES = {"anon": "3/hour", "user": "3/hour"}


def test_a_new_forwarded_for_address_per_request_does_not_dodge_the_limit(
    api, db, settings, three_an_hour
):
    settings.TRUSTED_PROXY_COUNT = 0
    codes = [api.get(URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(6)]
    assert codes == [200, 200, 200, 429, 429, 429]


def test_behind_one_proxy_the_right_most_forwarded_address_is_the_client(
    db, settings, three_an_hour
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = APIClient(REMOTE_ADDR="10.0.0.1")
    spoofed = [
        proxy.get(URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7").status_code
        for n in range(4)
    ]
    assert spoofed == [200, 200, 200, 429]
    # Another client behind the same proxy has its own count.
    assert proxy.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 200


def test_a_refused_request_is_told_to_retry_when_the_window_ends(api, db, settings):
    settings.API_THROTTLE_RATES = {"anon": "2/sec", "user": "2/sec"}
    # Start just after a window opens, so the three requests share it.
    time.sleep(1 - time.time() % 1)
    codes = [api.get(URL).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    refused = api.get(URL)
    assert refused["Retry-After"] == "1"
    time.sleep(1 - time.time() % 1)
    assert api.get(URL).status_code == 200


@pytest.fixture(params=["local memory", "redis"])
def shared_cache(request, settings):
    """The cache the throttle counts in: each web process's own, or Redis shared by all."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": request.getfixturevalue("redis_url"),
                "OPTIONS": settings.REDIS_CACHE_OPTIONS,
            }
        }
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("signed_in", "rates"),
    [
        # The user throttle counts anonymous clients too: kept out of the way so the
        # anonymous limit alone decides (two counters at one rate disagree on who is 30th).
        (False, {"anon": "30/hour", "user": "100000/hour"}),
        (True, {"anon": "30/hour", "user": "30/hour"}),
    ],
    ids=["anonymous", "token"],
)
def test_concurrent_requests_never_pass_more_than_the_limit(
    transactional_db, shared_cache, settings, reader, signed_in, rates
):
    settings.API_THROTTLE_RATES = rates
    threads_count, per_thread = 20, 5
    barrier = threading.Barrier(threads_count)
    codes, errors = [], []

    def burst():
        client = APIClient()
        if signed_in:
            client.force_authenticate(reader)
        try:
            barrier.wait()
            codes.extend(client.get(URL).status_code for _ in range(per_thread))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=burst) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert len(codes) == threads_count * per_thread
    assert codes.count(200) == 30
    assert codes.count(429) == threads_count * per_thread - 30
