"""API speed: the events list (50 per page) over 100,000 events, beside a bare Django view.

Run by hand against a PostgreSQL database of its own (created if missing, never another):

    BENCH_DATABASE=tablero_bench .venv/bin/python scripts/bench_api.py [--requests 300]

Both targets are served the same way: Django's WSGI app in a thread under wsgiref
(single-threaded, HTTP/1.0), called over real sockets one request at a time. The bare
view (defined here, not in the product's URLs) returns the same 50 rows with
`.values()` dumped by orjson. Prints a table; asserts nothing.
"""

import argparse
import os
import sys
import threading
import time
import urllib.request
from pathlib import Path
from statistics import median
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG = os.getenv("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.getenv("BENCH_DATABASE", "tablero_bench")
if not DATABASE.startswith("tablero_bench"):
    sys.exit("BENCH_DATABASE must start with tablero_bench: this script fills its database.")
os.environ["DATABASE_URL"] = f"{PG}/{DATABASE}"
os.environ.pop("REDIS_URL", None)  # throttling state in local memory, not a shared Redis
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
import psycopg  # noqa: E402

N_EVENTS = 100_000
PAGE = 50


def database_create() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')


database_create()
django.setup()

import orjson  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework.renderers import JSONRenderer  # noqa: E402

from core.api.pagination import TimelinePagination  # noqa: E402
from negotiations.api.views import EventViewSet  # noqa: E402
from negotiations.models import Event  # noqa: E402

FIELDS = [
    "id",
    "title",
    "summary",
    "kind",
    "status",
    "occurred_on",
    "occurred_precision",
    "status_to",
    "offer_id",
    "channel_id",
    "indictment_id",
    "origin",
    "review_state",
    "first_reported_on",
    "version",
    "created_at",
    "updated_at",
]


def bare_events(request):
    rows = list(Event.objects.order_by("occurred_on", "id").values(*FIELDS)[:PAGE])
    return HttpResponse(orjson.dumps({"results": rows}), content_type="application/json")


urlpatterns = [path("bench/bare/", bare_events), path("", include("config.urls"))]


def events_fill() -> None:
    import datetime as dt
    import random

    missing = N_EVENTS - Event.objects.count()
    if missing <= 0:
        return
    rng = random.Random(7)
    start = dt.date(2000, 1, 1)
    batch = [
        Event(
            title=f"Development {i}",
            kind=rng.choice(["talks", "statement", "sanctions", "other"]),
            # ~9,000 distinct days: many ties, which the cursor's id tie-break handles.
            occurred_on=start + dt.timedelta(days=rng.randrange(9000)),
        )
        for i in range(missing)
    ]
    Event.objects.bulk_create(batch, batch_size=5000)


class Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve() -> str:
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def measure(url: str, requests: int) -> tuple[float, float]:
    """(requests per second, median latency in ms), after a short warm-up."""
    for _ in range(10):
        urllib.request.urlopen(url).read()
    latencies = []
    began = time.perf_counter()
    for _ in range(requests):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        latencies.append(time.perf_counter() - start)
    return requests / (time.perf_counter() - began), median(latencies) * 1000


def last_cursor() -> str:
    before_last = Event.objects.order_by("-occurred_on", "-id")[PAGE : PAGE + 1].get()
    return TimelinePagination()._encode(before_last)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    events_fill()
    settings.ROOT_URLCONF = __name__
    settings.API_THROTTLE_RATES = {"anon": None, "user": None}
    base = serve()
    api = f"{base}/api/v1/events/?page_size={PAGE}"
    targets = [
        ("bare view, .values() + orjson", f"{base}/bench/bare/"),
        ("API events, first page", api),
        ("API events, last page", f"{api}&cursor={last_cursor()}"),
    ]
    results = [(name, *measure(url, args.requests)) for name, url in targets]
    # The same first page with DRF's standard JSON renderer, to weigh orjson.
    EventViewSet.renderer_classes = [JSONRenderer]
    results.append(("API events, first page, DRF JSON", *measure(api, args.requests)))

    print(f"{Event.objects.count():,} events, {PAGE} per page, {args.requests} requests each")
    print(f"{'target':<36} {'req/s':>8} {'median ms':>10}")
    for name, rps, ms in results:
        print(f"{name:<36} {rps:>8.1f} {ms:>10.2f}")
    bare, first, last = results[0][1], results[1][1], results[2][2] / results[1][2]
    print(f"API first page / bare view throughput: {first / bare:.2f} (target >= 0.5)")
    print(f"last page / first page median latency: {last:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
