"""API speed: the events list (50 per page) over 100,000 events, beside a bare Django view.

Run by hand against a PostgreSQL database of its own (created if missing, never another):

    BENCH_DATABASE=tablero_bench .venv/bin/python scripts/bench_api.py [--requests 300]

Every target is served the same way: Django's WSGI app in a thread under wsgiref
(single-threaded, HTTP/1.0), called over real sockets one request at a time. Each event
has two actors and a quote from an article, as ingested events do.

Two bare views (defined here, not in the product's URLs), both `.values()` dumped by
orjson: one returns the page's 50 event rows alone (one query); the other returns what
the API's page holds, the 50 events with their actors and quotes (three queries), with
no rules (as-of dates, rejected records), links or formatting. Prints a table; asserts
nothing.
"""

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import threading
import time
import urllib.request
from collections import defaultdict
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
N_ACTORS = 500
N_ARTICLES = 200
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
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework.renderers import JSONRenderer  # noqa: E402

from actors.models import Actor  # noqa: E402
from core.api.pagination import TimelinePagination  # noqa: E402
from negotiations.api.views import EventViewSet  # noqa: E402
from negotiations.models import Event  # noqa: E402
from negotiations.selectors import EVENT_VALUES, EVIDENCE_VALUES  # noqa: E402
from sources.models import Article, Evidence  # noqa: E402

# The product's own columns (negotiations.selectors.event_values), without its rules.
FIELDS = [name for name in EVENT_VALUES if "__" not in name]


def bare_events(request):
    rows = list(Event.objects.order_by("occurred_on", "id").values(*FIELDS)[:PAGE])
    return HttpResponse(orjson.dumps({"results": rows}), content_type="application/json")


def bare_events_with_relations(request):
    rows = list(Event.objects.order_by("occurred_on", "id").values(*EVENT_VALUES)[:PAGE])
    ids = [row["id"] for row in rows]
    actors, quotes = defaultdict(list), defaultdict(list)
    links = Event.actors.through.objects.filter(event_id__in=ids)
    for link in links.values("event_id", "actor_id", "actor__name"):
        actors[link["event_id"]].append(link)
    spans = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(Event), object_id__in=ids
    )
    for span in spans.values(*EVIDENCE_VALUES):
        quotes[span["object_id"]].append(span)
    for row in rows:
        row["actors"], row["evidence"] = actors[row["id"]], quotes[row["id"]]
    return HttpResponse(orjson.dumps({"results": rows}), content_type="application/json")


urlpatterns = [
    path("bench/bare/", bare_events),
    path("bench/bare-with-relations/", bare_events_with_relations),
    path("", include("config.urls")),
]


def events_fill() -> None:
    rng = random.Random(7)
    missing = N_EVENTS - Event.objects.count()
    if missing > 0:
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
    if not Event.actors.through.objects.exists():
        relations_fill(rng)
    with connection.cursor() as cursor:
        # Statistics and the visibility map (index-only scans), as autovacuum would give a
        # live database after a bulk load.
        cursor.execute("VACUUM ANALYZE")


def relations_fill(rng: random.Random) -> None:
    """Two actors and one quote per event, as ingestion leaves them."""
    actors = Actor.objects.bulk_create(
        Actor(name=f"Actor {i}", slug=f"bench-actor-{i}") for i in range(N_ACTORS)
    )
    text = "Officials from both sides met on Monday to discuss the terms of a transition."
    articles = Article.objects.bulk_create(
        Article(
            title=f"Article {i}",
            text=f"{text} ({i})",
            content_hash=hashlib.sha256(f"{text} ({i})".encode()).hexdigest(),
            published_on=dt.date(2020, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(N_ARTICLES)
    )
    event_type = ContentType.objects.get_for_model(Event)
    through = Event.actors.through
    event_ids = list(Event.objects.values_list("id", flat=True))
    for ids in (event_ids[i : i + 5000] for i in range(0, len(event_ids), 5000)):
        through.objects.bulk_create(
            through(event_id=event_id, actor=actor)
            for event_id in ids
            for actor in rng.sample(actors, 2)
        )
        Evidence.objects.bulk_create(
            Evidence(
                content_type=event_type,
                object_id=event_id,
                article=(article := rng.choice(articles)),
                start=0,
                end=40,
                quote=article.text[:40],
                speaker=rng.choice(actors),
            )
            for event_id in ids
        )


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
        ("bare view, event rows alone", f"{base}/bench/bare/"),
        ("bare view, with actors and quotes", f"{base}/bench/bare-with-relations/"),
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
    (_, bare, _), (_, same, _), (_, first, first_ms), (_, _, last_ms) = results[:4]
    print(f"API first page / bare view, rows alone: {first / bare:.2f} (target >= 0.5)")
    print(f"API first page / bare view, same data:  {first / same:.2f} (target >= 0.5)")
    print(f"last page / first page median latency:  {last_ms / first_ms:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
