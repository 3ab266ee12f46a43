"""API throttles: one counter per client per fixed window, counted atomically in the cache.

DRF's own throttles read a list of request times, append, and write it back: concurrent
requests read the same list and more pass than the rate allows. Here each request is one
atomic step in the cache: `add` opens the window's counter (Redis SET NX) and `incr`
counts the others (Redis INCR).

Rates are read from settings.API_THROTTLE_RATES per request (DRF reads its own at import).
Clients are told apart by core.client_ip, the rule sign-in lockouts use too.
When the cache cannot be reached, requests go through unthrottled: reading never
depends on Redis.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.client_ip import client_ip

logger = logging.getLogger(__name__)

THROTTLING_OFF = "API throttling is off: the cache is unreachable"
# redis-py wraps socket failures in its own errors; OSError covers what it does not.
CACHE_ERRORS = (RedisError, OSError)


class RateLimitedWarning:
    """A warning logged at most once per interval in a process: a dead Redis would
    otherwise log one per request."""

    def __init__(self, message: str, interval: float):
        self.message = message
        self.interval = interval
        self.logged_at: float | None = None

    def log(self, exc: Exception) -> None:
        now = time.monotonic()
        if self.logged_at is None or now - self.logged_at >= self.interval:
            self.logged_at = now
            logger.warning("%s (%s: %s)", self.message, exc.__class__.__name__, exc)

    def reset(self) -> None:
        self.logged_at = None


cache_warning = RateLimitedWarning(THROTTLING_OFF, interval=60)


def cache_reachable() -> bool:
    try:
        cache.get("throttle_probe")
    except CACHE_ERRORS:
        return False
    return True


def request_count(request, key: str, duration: int) -> int | None:
    """This request's number in its window, or None when the cache cannot count it."""
    if getattr(request, "throttle_cache_down", False):
        return None  # the anonymous and user throttles wait for a hung Redis once, not twice
    # Kept past the window's end: an INCR on an expired key would recreate it with no expiry.
    timeout = 2 * duration
    try:
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # evicted meanwhile (local memory keeps 300 keys): count afresh
            cache.add(key, 1, timeout=timeout)
            return 1
    except CACHE_ERRORS as exc:
        request.throttle_cache_down = True
        cache_warning.log(exc)
        return None


class FixedWindowMixin:
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        return client_ip(request)

    def allow_request(self, request, view) -> bool:
        self.num_requests, self.duration = self.parse_rate(self.get_rate())
        key = self.get_cache_key(request, view)
        if self.num_requests is None or key is None:
            return True
        window = int(self.timer() // self.duration)
        self.window_ends_at = (window + 1) * self.duration
        count = request_count(request, f"{key}:{window}", self.duration)
        return count is None or count <= self.num_requests

    def wait(self) -> int:
        # Retry-After is whole seconds: rounded up, never "0" to a client that must wait.
        return max(1, math.ceil(self.window_ends_at - self.timer()))


class AnonThrottle(FixedWindowMixin, AnonRateThrottle):
    pass


class UserThrottle(FixedWindowMixin, UserRateThrottle):
    pass
