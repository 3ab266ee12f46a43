import redis
from django.conf import settings
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import health
from core.api.throttling import THROTTLING_OFF, cache_reachable


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_redis() -> str:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def _notes() -> list[str]:
    """What runs degraded meanwhile: worth knowing, not a reason to answer 503."""
    return [] if cache_reachable() else [THROTTLING_OFF]


@never_cache
@require_GET
def healthz(request):
    """200 when every configured service answers; 503 naming what is down."""
    checks = {"database": _check_database}
    if settings.REDIS_URL:
        checks["redis"] = _check_redis
    services, down = {}, []
    for name, check in checks.items():
        try:
            services[name] = check()
        except Exception as exc:  # any failure of a dependency is "down", never a 500
            services[name] = f"down: {exc.__class__.__name__}"
            down.append(name)
    body = {"status": "down" if down else "ok", "services": services, "down": down}
    if "database" not in down:
        body |= health.reports()  # e.g. "ingestion": how many articles wait, how long
    body["notes"] = _notes()
    return JsonResponse(body, status=503 if down else 200)


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for on pages that name none (the API's, the admin's)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
