"""Aggregates and exports over the timeline's (filtered) events."""

import datetime as dt
from collections import Counter

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, TruncMonth

from actors.selectors import actors_shown
from core.asof import visible
from core.models import ReviewState
from negotiations.models import DevelopmentCount, Event


# --- the timeline -------------------------------------------------------------------
class _ActorNames(Aggregate):
    """Actor names joined by '; ', sorted, in one column (PostgreSQL; SQLite below)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, '; ' ORDER BY %(expressions)s)"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, '; ')",
        )


def event_period_counts(events: QuerySet[Event]) -> list[dict]:
    """Developments per month, kind and date precision over `events`, in one query.

    Each row: {"month": date, "kind": str, "precision": str, "n": int}. A row counts
    events, not joins, so a caller's filter across actors never counts an event twice.
    """
    if len(events.query.alias_map) > 1:
        # A filter joined another table (actors, say), which can repeat an event: count
        # each once, through its id. Without joins a plain count does, where
        # COUNT(DISTINCT) sorted every event first, at twice the time on 100,000.
        events = Event.objects.filter(pk__in=events.values("pk"))
    rows = (
        events.order_by()
        .prefetch_related(None)
        .select_related(None)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", "kind", "occurred_precision")
        .annotate(n=Count("id"))
        .order_by("month", "kind", "occurred_precision")
    )
    return [
        {
            "month": row["month"],
            "kind": row["kind"],
            "precision": row["occurred_precision"],
            "n": row["n"],
        }
        for row in rows
    ]


def development_period_counts(
    *,
    as_of: dt.date | None,
    kinds: list[str] | None = None,
    status: str = "",
    since: dt.date | None = None,
) -> list[dict]:
    """event_period_counts over the events known by `as_of` (of those kinds and that
    status, when given, and dated `since` that day), read from the summary the writes keep
    (DevelopmentCount) in one query, whatever the number of events.

    The summary places each event by the month it became known; as of a date, it gives
    the months before that date's month, and the events themselves the few known within
    it (by first_reported_on's index), with those that have no first_reported_on (known
    from their creation, an editor's entries). The summary counts whole months: a `since`
    within a month counts that month's events from `since` on from the events too.
    """
    summary = DevelopmentCount.objects.order_by()
    rest = Event.objects.order_by().exclude(review_state=ReviewState.REJECTED)
    if as_of is None:
        rest = rest.filter(first_reported_on__isnull=True)
    else:
        month = as_of.replace(day=1)
        summary = summary.filter(known_month__lt=month)
        # known_by(as_of), less what the summary holds, spelt so that each arm is a
        # range of first_reported_on's index: the rest costs one month's events.
        rest = rest.filter(
            Q(first_reported_on__gte=month, first_reported_on__lte=as_of)
            | Q(first_reported_on__isnull=True, created_at__date__lte=as_of)
        )
    edge = Event.objects.none()
    if since is not None:
        whole = since if since.day == 1 else _next_month(since)
        summary, rest = summary.filter(month__gte=whole), rest.filter(occurred_on__gte=whole)
        edge = visible(Event.objects.all(), as_of).filter(
            occurred_on__gte=since, occurred_on__lt=whole
        )
    if kinds:
        summary, rest, edge = (q.filter(kind__in=kinds) for q in (summary, rest, edge))
    if status:
        summary, rest, edge = (q.filter(status=status) for q in (summary, rest, edge))
    summed = (
        summary.values("month", "kind", "precision")
        .annotate(n=Sum("n"))
        .values_list("month", "kind", "precision", "n")
    )
    counted = [
        # A date, as the summary's month (TruncMonth is a timestamp in PostgreSQL, which
        # would make the union's column one, parsed row by row).
        events.order_by()
        .annotate(month=Cast(TruncMonth("occurred_on"), DateField()))
        .values("month", "kind", "occurred_precision")
        .annotate(n=Count("id"))
        .values_list("month", "kind", "occurred_precision", "n")
        for events in (rest, edge)
    ]
    totals: Counter = Counter()
    for month, kind, precision, n in summed.union(*counted, all=True):
        totals[(_as_date(month), kind, precision)] += n
    return [
        {"month": month, "kind": kind, "precision": precision, "n": n}
        for (month, kind, precision), n in sorted(totals.items())
        if n
    ]


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


EXPORT_COLUMNS = (
    "id",
    "occurred_on",
    "occurred_precision",
    "status",
    "kind",
    "title",
    "actor_names",
    "offer_shown",
    "channel_shown",
    "indictment_shown",
    "first_reported_on",
)


def event_export_rows(events: QuerySet[Event]) -> QuerySet:
    """`events` as flat tuples (EXPORT_COLUMNS) for a CSV: one query, streamed in chunks.

    The actor names leave out actors an editor rejected, as every other view of an event does.
    """
    names = (
        Event.actors.through.objects.filter(event=OuterRef("pk"), actor__in=actors_shown())
        .order_by()
        .values("event")
        .annotate(names=_ActorNames("actor__name"))
        .values("names")
    )
    return (
        events.prefetch_related(None)
        .select_related(None)
        .annotate(
            actor_names=Subquery(names, output_field=CharField()),
            **{f"{link}_shown": _shown_id(link) for link in ("offer", "channel", "indictment")},
        )
        .values_list(*EXPORT_COLUMNS)
    )


def _shown_id(link: str):
    """The id of the record an event links to, or nothing if an editor rejected it."""
    return Case(
        When(**{f"{link}__review_state": ReviewState.REJECTED}, then=Value(None)),
        default=F(f"{link}_id"),
    )
