"""Analyst pages at scale: median server time and SQL queries per page, beside a trivial view.

Fills a PostgreSQL database of its own (100,000 events, 5,000 actors, and offers,
channels, indictments, positions and an article with evidence) once, then requests
each page through Django's full middleware stack in-process (the test Client), the
trivial view included, so the ratio compares like with like.

Run by hand (the database is created if missing and reused on later runs):
    .venv/bin/python scripts/bench_pages.py [--events 100000] [--rebuild] [--repeat 15]
        [--no-full-download] [--json]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tablero_bench_pages (default)
A database holds one size. With several sizes (`--events 10000,1000000`) each has its own,
named after BENCH_DATABASE_URL's with `_<size>` added, and the table adds each page's
growth (its time at the largest size over the smallest) and the issue's targets, met or
not. `--json` prints the same as one JSON document.
Prints figures; asserts nothing (speed is measured, not tested).
"""

import argparse
import datetime as dt
import json
import os
import random
import secrets
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tablero_bench_pages"
)
os.environ.update(
    DATABASE_URL=DATABASE_URL,
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="False",
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="False",
    SESSION_COOKIE_SECURE="False",
    CSRF_COOKIE_SECURE="False",
)
os.environ.pop("REDIS_URL", None)

import warnings  # noqa: E402

import django  # noqa: E402

# Whitenoise warns at start-up when collectstatic has not run yet; build() runs it.
warnings.filterwarnings("ignore", "No directory at", UserWarning)
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import NoReverseMatch, include, path, reverse  # noqa: E402

from actors.models import Actor, Alias  # noqa: E402
from negotiations.choices import EventKind, EventStatus, OfferKind, OfferStatus  # noqa: E402
from negotiations.development_counts import development_counts_compact  # noqa: E402
from negotiations.models import (  # noqa: E402
    ChannelParticipant,
    DevelopmentCount,
    Event,
    Indictment,
    Offer,
    Position,
    TalksChannel,
)
from sources.models import Article, Evidence  # noqa: E402

EVENTS, ACTORS, BATCH = 100_000, 5_000, 5_000
SIDES = ["us_government", "venezuelan_government", "opposition", "mediator", "other"]
PRECISIONS = ["day"] * 6 + ["month"] * 3 + ["year"]


def trivial(request):
    return HttpResponse("ok")


# The product's URLs plus the trivial view, served through the same middleware.
urlpatterns = [path("bench/trivial/", trivial), path("", include("config.urls"))]


def ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def build(rebuild: bool) -> None:
    call_command("migrate", verbosity=0)
    # Production settings serve hashed static files from a manifest.
    call_command("collectstatic", verbosity=0, interactive=False)
    if not rebuild and Event.objects.count() == EVENTS:
        _settle()  # a migration since the build may have added columns or indexes
        return
    # TRUNCATE, not delete(): Django's delete collects every cascade and writes a history
    # row per record (hours at a million events); the summary goes with the events, as
    # TRUNCATE fires no row trigger.
    models = (Evidence, Event, DevelopmentCount, Position, ChannelParticipant, Offer)
    models += (Indictment, TalksChannel, Alias, Actor, Article)
    tables = ", ".join(f'"{model._meta.db_table}"' for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    rng = random.Random(7)
    started = time.perf_counter()
    actors = Actor.objects.bulk_create(
        Actor(
            name=f"Bench Actor {i}",
            slug=f"bench-actor-{i}",
            side=SIDES[i % len(SIDES)],
            first_reported_on=dt.date(2015, 1, 1),
        )
        for i in range(ACTORS)
    )
    Alias.objects.bulk_create(
        Alias(actor=a, name=f"Alias {a.pk}", normalized=f"alias {a.pk}") for a in actors
    )
    offers = Offer.objects.bulk_create(
        Offer(
            kind=rng.choice(OfferKind.values),
            offered_by=rng.choice(actors),
            terms=f"Offer {i}",
            status=rng.choice(OfferStatus.values),
            offered_on=dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3500)),
            first_reported_on=dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3500)),
        )
        for i in range(2_000)
    )
    channels = TalksChannel.objects.bulk_create(
        TalksChannel(name=f"Channel {i}", first_reported_on=dt.date(2018, 1, 1)) for i in range(500)
    )
    # Who offers reach and who sits in each channel, as ingestion records them: the
    # offers' labels, the network and actor pages read them.
    Offer.recipients.through.objects.bulk_create(
        Offer.recipients.through(offer_id=o.pk, actor_id=a.pk)
        for o in offers
        for a in rng.sample(actors, rng.randint(1, 2))
    )
    ChannelParticipant.objects.bulk_create(
        ChannelParticipant(
            channel=c, actor=a, role="mediator" if n == 0 and rng.random() < 0.3 else "participant"
        )
        for c in channels
        for n, a in enumerate(rng.sample(actors, rng.randint(2, 4)))
    )
    indictments = Indictment.objects.bulk_create(
        Indictment(charges=f"Charges {i}", filed_on=dt.date(2020, 3, 26)) for i in range(500)
    )
    Position.objects.bulk_create(
        Position(actor=rng.choice(actors), stance=f"Stance {i}", stated_on=dt.date(2024, 1, 1))
        for i in range(2_000)
    )
    through = Event.actors.through
    today = dt.date.today()
    for start in range(0, EVENTS, BATCH):
        events = Event.objects.bulk_create(
            Event(
                title=f"Development {i}",
                kind=rng.choice(EventKind.values),
                status=EventStatus.OCCURRED,
                occurred_on=(day := dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(4800))),
                occurred_precision=rng.choice(PRECISIONS),
                first_reported_on=min(day + dt.timedelta(days=rng.randrange(30)), today),
                offer=rng.choice(offers) if i % 10 == 0 else None,
                channel=rng.choice(channels) if i % 25 == 0 else None,
                indictment=rng.choice(indictments) if i % 50 == 0 else None,
            )
            for i in range(start, min(start + BATCH, EVENTS))
        )
        through.objects.bulk_create(
            through(event_id=e.pk, actor_id=a.pk) for e in events for a in rng.sample(actors, 2)
        )
    sentence = "Officials said the talks would continue next month. "
    text = sentence * 400
    article = Article.objects.create(
        title="Bench article", published_on=dt.date(2024, 8, 11), text=text, content_hash="bench"
    )
    from django.contrib.contenttypes.models import ContentType

    offer_type = ContentType.objects.get_for_model(Offer)
    Evidence.objects.bulk_create(
        Evidence(
            content_type=offer_type,
            object_id=offers[i].pk,
            article=article,
            start=i * len(sentence),
            end=(i + 1) * len(sentence) - 1,
            quote=sentence[:-1],
        )
        for i in range(200)
    )
    development_counts_compact()  # as the worker's beat does after writes
    _settle()
    print(f"built the data set in {time.perf_counter() - started:.0f} s")


def _settle() -> None:
    """What autovacuum gives a live database after a bulk load: planner statistics, and
    the visibility map that lets PostgreSQL answer from an index alone."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _get(client: Client, url: str):
    response = client.get(url)
    if response.streaming:  # a CSV download: the rows are produced as it is read
        b"".join(response.streaming_content)
    return response


def measure(client: Client, urls: list[str], repeat: int) -> list[tuple[float, int, int]]:
    """Median ms, queries and status per URL, the URLs interleaved (one request of each
    per round), so a slow moment of the machine falls on every page alike."""
    for url in urls:  # warm caches (templates, content types, the database's pages)
        for _ in range(2):
            _get(client, url)
    times = {url: [] for url in urls}
    queries, status = {}, {}
    for _ in range(repeat):
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = _get(client, url)
                times[url].append(time.perf_counter() - start)
            queries[url], status[url] = len(captured.captured_queries), response.status_code
    return [(median(times[url]) * 1000, queries[url], status[url]) for url in urls]


def pages(*, full_download: bool) -> list[tuple[str, str]]:
    busiest = Event.actors.through.objects.values_list("actor__slug", flat=True).first()
    offer = Offer.objects.filter(evidence__isnull=False).first()
    # The oldest window: after the position of the 51st oldest row, as its link gives.
    deepest = Event.objects.order_by("occurred_on", "id").values_list("occurred_on", "id")[50]
    oldest = f"?after={deepest[0].isoformat()}.{deepest[1]}"
    middle = Event.objects.order_by("occurred_on", "id").values_list("occurred_on", flat=True)
    middle_day = middle[EVENTS // 2].isoformat()
    wanted = [
        ("trivial view", "/bench/trivial/"),
        ("dashboard", ("negotiations:dashboard", [])),
        ("dashboard as of 2019-06-30", ("negotiations:dashboard", [], "?as_of=2019-06-30")),
        ("timeline", ("negotiations:timeline", [])),
        ("timeline, last page", ("negotiations:timeline", [], oldest)),
        ("timeline, jump to a date", ("negotiations:timeline", [], f"?date={middle_day}")),
        ("timeline by actor", ("negotiations:timeline", [], f"?actor={busiest}")),
        ("timeline of one kind", ("negotiations:timeline", [], "?kind=offer")),
        ("timeline as of 2019-06-30", ("negotiations:timeline", [], "?as_of=2019-06-30")),
        ("timeline, last five years", ("negotiations:timeline", [], "?zoom=5years")),
        ("timeline CSV, one actor", ("negotiations:timeline_csv", [], f"?actor={busiest}")),
        (f"timeline CSV, all {EVENTS:,}", ("negotiations:timeline_csv", [])),
        ("actor", ("actors:detail", [busiest])),
        ("offer", ("negotiations:offer", [offer.pk])),
        ("channel", ("negotiations:channel", [TalksChannel.objects.first().pk])),
        ("Atom feed", ("feed-developments", [])),
        ("event", ("negotiations:event", [Event.objects.order_by("-id").first().pk])),
        ("source (200 spans)", ("negotiations:source", [Article.objects.first().pk])),
        ("search, one match", ("negotiations:search", [], "?q=development+4242")),
        (f"search, {EVENTS:,} matches", ("negotiations:search", [], "?q=development")),
        ("API state", "/api/v1/state/"),
        ("API state as of 2019-06-30", "/api/v1/state/?as_of=2019-06-30"),
        ("API events, first page", "/api/v1/events/"),
    ]
    if not full_download:  # minutes at a million rows; its target is constant memory, not time
        wanted = [
            (label, target) for label, target in wanted if not label.startswith("timeline CSV, all")
        ]
    resolved = []
    for label, target in wanted:
        if isinstance(target, str):
            resolved.append((label, target))
            continue
        name, args, *query = target
        try:
            resolved.append((label, reverse(name, args=args) + (query[0] if query else "")))
        except NoReverseMatch:
            print(f"(skipped {label}: {name} is not routed)")
    return resolved


def one_size(args) -> dict:
    """Build or reuse this size's database, time its pages: {label: {ms, queries, status}}."""
    ensure_database()
    build(args.rebuild)
    with override_settings(ROOT_URLCONF=__name__):
        labelled = pages(full_download=not args.no_full_download)
        figures = measure(Client(), [url for _label, url in labelled], args.repeat)
    # Labels without the size, so the sizes' rows line up.
    return {
        "events": Event.objects.count(),
        "actors": Actor.objects.count(),
        "pages": {
            label.replace(f"{EVENTS:,}", "every event"): {"ms": ms, "queries": q, "status": st}
            for (label, _url), (ms, q, st) in zip(labelled, figures, strict=True)
        },
    }


# The targets at the largest size (ms), by page label; every page's growth
# between the smallest and the largest size is held to GROWTH_TARGET.
MS_TARGETS = {"dashboard": 100, "API state": 100}
MS_TARGET_PREFIXES = {"timeline": 150, "search": 200}
GROWTH_TARGET = 1.5


def _target_ms(label: str) -> float | None:
    if label in MS_TARGETS:
        return MS_TARGETS[label]
    if label.startswith("timeline CSV"):
        return None  # a download: constant memory, not time
    return next((ms for prefix, ms in MS_TARGET_PREFIXES.items() if label.startswith(prefix)), None)


def _database_url(size: int, several: bool) -> str:
    """One database per size: BENCH_DATABASE_URL itself for one size, with `_<size>` added
    to its name for several."""
    return f"{DATABASE_URL}_{size}" if several else DATABASE_URL


def several_sizes(args, sizes: list[int]) -> dict:
    """Each size in a process of its own (Django holds one database per process)."""
    results = {}
    for size in sizes:
        command = [sys.executable, __file__, "--events", str(size), "--repeat", str(args.repeat),
                   "--json", *(["--rebuild"] if args.rebuild else []),
                   *(["--no-full-download"] if args.no_full_download else [])]  # fmt: skip
        env = {**os.environ, "BENCH_DATABASE_URL": _database_url(size, True)}
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(f"size {size:,} failed:\n{done.stderr}")
        document = json.loads(done.stdout[done.stdout.index("{") :])
        results[size] = {
            **document["data"][str(size)],
            "pages": {label: row[str(size)] for label, row in document["pages"].items()},
        }
    return results


def report(results: dict[int, dict]) -> dict:
    """Per page: its median ms and queries at each size, and with two sizes or more its
    growth (largest over smallest) and whether the targets are met."""
    sizes = sorted(results)
    small, large = sizes[0], sizes[-1]
    rows = {}
    for label in results[small]["pages"]:
        row = {str(size): results[size]["pages"].get(label) for size in sizes}
        if len(sizes) > 1 and row[str(large)] and row[str(small)]:
            growth = row[str(large)]["ms"] / row[str(small)]["ms"]
            target = _target_ms(label)
            row |= {
                "growth": round(growth, 2),
                "growth_met": label == "trivial view" or growth <= GROWTH_TARGET,
                "target_ms": target,
                "target_met": None if target is None else row[str(large)]["ms"] <= target,
            }
        rows[label] = row
    data = {str(size): {k: results[size][k] for k in ("events", "actors")} for size in sizes}
    return {"sizes": sizes, "data": data, "pages": rows}


def print_table(document: dict) -> None:
    sizes = document["sizes"]
    header = f"{'page':<30}" + "".join(f"{f'ms at {s:,}':>16}{'queries':>8}" for s in sizes)
    if len(sizes) > 1:
        header += f"{'growth':>8}  targets (ms at {sizes[-1]:,}; growth <= {GROWTH_TARGET})"
    print(header)
    for label, row in document["pages"].items():
        line = f"{label:<30}"
        for size in sizes:
            cell = row[str(size)]
            line += f"{cell['ms']:>16.1f}{cell['queries']:>8}" if cell else f"{'-':>16}{'':>8}"
        if "growth" in row:
            verdicts = ["growth met" if row["growth_met"] else "growth NOT met"]
            if row["target_ms"] is not None:
                met = "met" if row["target_met"] else "NOT met"
                verdicts.append(f"<= {row['target_ms']} ms {met}")
            line += f"{row['growth']:>8.2f}  {', '.join(verdicts)}"
        print(line)


def main() -> None:
    global EVENTS
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--events",
        default=str(EVENTS),
        help="One size, or several separated by commas (10000,1000000): each its database.",
    )
    parser.add_argument(
        "--no-full-download", action="store_true", help="Skip the CSV of every event."
    )
    parser.add_argument("--json", action="store_true", help="One JSON document, no table.")
    args = parser.parse_args()
    sizes = sorted({int(size.replace("_", "")) for size in args.events.split(",")})
    if len(sizes) == 1:
        EVENTS = sizes[0]
        results = {EVENTS: one_size(args)}
    else:
        results = several_sizes(args, sizes)
    document = report(results)
    if args.json:
        print(json.dumps(document, indent=1))
        return
    for size in sizes:
        print(f"{results[size]['events']:,} events, {results[size]['actors']:,} actors")
    print_table(document)


if __name__ == "__main__":
    main()
