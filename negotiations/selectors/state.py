"""The negotiation state as of a date: the dashboard's headline and `/api/v1/state/`."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber, TruncDate

from core.asof import known_on, today, visible
from core.dates import EARLIEST, DatePrecision
from negotiations.choices import (
    ChannelStatus,
    EventKind,
    EventStatus,
    IndictmentStatus,
    OfferStatus,
    ParticipantRole,
)
from negotiations.models import (
    Event,
    Indictment,
    Offer,
    Position,
    TalksChannel,
)
from negotiations.selectors.claims import claims_attach, claims_open
from negotiations.selectors.labels import with_offer_labels
from negotiations.selectors.records import (
    channel_list,
    event_list,
    indictment_list,
    offer_list,
    position_list,
)
from negotiations.verdict_rules import RULES, SUBJECT_DATES, TRACK_INDEX
from negotiations.verdicts import (
    DEFAULT_WINDOW,
    MOVED_LIMIT,
    Verdicts,
    in_window,
    verdicts_from,
    window_bounds,
    window_filter,
    window_parts,
)
from sources.selectors import evidence_attach

STANDING_OFFER = (OfferStatus.PROPOSED, OfferStatus.UNDER_DISCUSSION)
# Kinds that are deadlines on the calendar even when reported as already past.
DEADLINE_KINDS = (EventKind.ELECTION, EventKind.INAUGURATION, EventKind.DEADLINE)
# Nothing new reported for this many days before the date viewed: the dashboard says so.
STALE_DAYS = 30


# --- the negotiation state --------------------------------------------------------
@dataclass(frozen=True)
class Deadline:
    event: Event
    days_left: int  # 0 when the deadline's period has begun (a month-precision date)


@dataclass
class NegotiationState:
    """Where things stand on `as_of`: the dashboard's headline and `/api/v1/state/`."""

    as_of: dt.date
    is_today: bool
    offer_counts: dict[str, int]
    offers: list[Offer]
    channel_counts: dict[str, int]
    channels: list[TalksChannel]
    indictments_in_force: int
    indictments: list[Indictment]
    positions: list[Position]
    deadlines: list[Deadline]
    latest: list[Event]  # from event_list
    verdicts: Verdicts
    limits: dict[str, int] = field(default_factory=dict)

    @property
    def last_development(self) -> Event | None:
        return self.latest[0] if self.latest else None

    @property
    def days_since_development(self) -> int | None:
        """Days from the end of the latest development's period (a day, month or year)
        to `as_of`: 0 while that period runs."""
        event = self.last_development
        if event is None:
            return None
        return max((self.as_of - event.partial_date.end).days, 0)

    @property
    def standing_offers(self) -> int:
        return sum(self.offer_counts.get(s, 0) for s in STANDING_OFFER)

    @property
    def active_channels(self) -> int:
        return self.channel_counts.get(ChannelStatus.ACTIVE, 0)

    @property
    def next_deadline(self) -> Deadline | None:
        return self.deadlines[0] if self.deadlines else None

    @property
    def is_empty(self) -> bool:
        return not (
            self.offers
            or self.channels
            or self.indictments
            or self.positions
            or self.deadlines
            or self.latest
        )


def _counts(queryset: QuerySet) -> dict[str, int]:
    """Records by status as of the date; "unknown" for those no source gave one then."""
    rows = queryset.order_by().values("status_as_of").annotate(n=Count("id"))
    return {row["status_as_of"] or "unknown": row["n"] for row in rows}


def deadline_list(*, as_of: dt.date, limit: int = 6) -> list[Deadline]:
    """Elections, inaugurations and other scheduled events not yet past on `as_of`."""
    # A partial date is stored as its period's first day, so a period not yet over
    # on `as_of` starts on or after the first day of as_of's year, month or day.
    not_over = (
        Q(occurred_precision=DatePrecision.YEAR, occurred_on__gte=as_of.replace(month=1, day=1))
        | Q(occurred_precision=DatePrecision.MONTH, occurred_on__gte=as_of.replace(day=1))
        | Q(occurred_on__gte=as_of)
    )
    candidates = (
        visible(Event.objects.all(), as_of)
        .filter(Q(kind__in=DEADLINE_KINDS) | Q(status=EventStatus.SCHEDULED))
        # The earliest of those bounds, alone: an index range to scan from, rather than
        # every event since the first (the ORed bounds give the planner none).
        .filter(not_over, occurred_on__gte=as_of.replace(month=1, day=1))
        .order_by("occurred_on", "id")[:limit]
    )
    deadlines = []
    for event in candidates:
        period = event.partial_date
        if period.end < as_of:
            continue
        deadlines.append(Deadline(event, max((period.start - as_of).days, 0)))
    return deadlines[:limit]


def passed_list(*, as_of: dt.date | None = None, limit: int = 5) -> list[Event]:
    """Scheduled events whose whole period went by before `as_of` with no report that they
    happened (they are still "scheduled"), latest first."""
    day = as_of or today()
    # Dated before `as_of`: the events_known horizon, a bound for lists read by date from
    # the newest, adds nothing here (nor in freshness and the verdicts) but its subquery.
    return list(
        visible(Event.objects.all(), as_of)
        .filter(in_window(EARLIEST, day, before=True), status=EventStatus.SCHEDULED)
        .order_by("-occurred_on", "-id")[:limit]
    )


@dataclass(frozen=True)
class Freshness:
    """How recent the state on `as_of` is: the dashboard says when nothing new has been
    reported for STALE_DAYS or more."""

    as_of: dt.date
    last_report_on: dt.date | None  # a development known then last first reported

    @property
    def days_since_report(self) -> int | None:
        return None if self.last_report_on is None else (self.as_of - self.last_report_on).days

    @property
    def is_stale(self) -> bool:
        days = self.days_since_report
        return days is not None and days >= STALE_DAYS


def freshness(*, as_of: dt.date | None = None) -> Freshness:
    """When a development known on `as_of` was last first reported (or, with no dated
    source, entered by an editor): two queries, each reading an index for its answer (one
    aggregate with a FILTER made PostgreSQL scan every event: 95 ms at a million)."""
    known = visible(Event.objects.all(), as_of)
    reported = known.filter(first_reported_on__lte=as_of or dt.date.max)  # implied; indexed
    reported = reported.aggregate(day=Max("first_reported_on"))["day"]
    # Few events have no report date; they are in event_dated_after_report_idx.
    entered = known.filter(first_reported_on__isnull=True).aggregate(
        day=Max(TruncDate("created_at"))
    )["day"]
    last = max((d for d in (reported, entered) if d is not None), default=None)
    return Freshness(as_of=as_of or today(), last_report_on=last)


def _event_verdicts(
    as_of: dt.date | None, start: dt.date, end: dt.date
) -> tuple[list[dict], list[Event]]:
    """The window's events by rule (their counts) and each track's newest MOVED_LIMIT, in
    two queries that read indexes, whatever the window holds: each event's rule and track
    are stored with it (Event.verdict_rule, verdict_track). Counting reads only the index
    event_verdict_count_idx; each track's newest are the first rows of its own index range
    (event_verdict_newest_idx), so a busy month's thousands of events are neither loaded
    nor sorted (one window query over them took 50 ms at a million events)."""
    events = Event.objects.filter(verdict_rule__isnull=False).order_by()
    counted = visible(events, None)
    if as_of is not None:
        # Not known_by: PostgreSQL ANDed the window's few thousand with a bitmap of every
        # event reported by then (415,000 at a million, 16 ms); this reads the index alone.
        counted = counted.alias(known_on=known_on()).filter(known_on__lte=as_of)
    # Counted by part of the window, each a range of the index that holds every column
    # the count reads: ORed in one filter, PostgreSQL read the table's rows (14 ms at a
    # million events against 2).
    by_part = [
        counted.filter(part).values("verdict_rule", "kind").annotate(n=Count("*"))
        for part in window_parts("event", start, end)
    ]
    summed = Counter()
    for row in by_part[0].union(*by_part[1:], all=True):
        summed[row["verdict_rule"], row["kind"]] += row["n"]
    counts = [{"rule": rule, "event_kind": kind, "n": n} for (rule, kind), n in summed.items()]
    # Each track's newest walk its index range: known_on's guessed selectivity made
    # PostgreSQL read and sort each track's whole range instead (20 ms against 5).
    in_window = visible(events, as_of).filter(window_filter("event", start, end))
    # One bound on the date as well, for each track's index range to start and stop at.
    bounded = in_window.filter(occurred_on__gte=start.replace(month=1, day=1), occurred_on__lte=end)
    newest = bounded.order_by("-occurred_on", "-pk").values("pk")
    # A query per track, in one statement: each reads its first MOVED_LIMIT rows off the
    # index (ORing the four subqueries made PostgreSQL test them against every event).
    first_of = [
        Event.objects.filter(pk__in=newest.filter(verdict_track=t)[:MOVED_LIMIT])
        .order_by()
        .only("id", "title", "kind", "status", "occurred_on", "occurred_precision")
        .annotate(rule=F("verdict_rule"))
        for t in TRACK_INDEX.values()
    ]
    rows = first_of[0].union(*first_of[1:], all=True)
    return counts, list(rows)


def verdicts_as_of(*, as_of: dt.date | None = None, window: int = DEFAULT_WINDOW) -> Verdicts:
    """Each track's verdict over the `window` days up to `as_of` (negotiations.verdicts):
    two queries for the events (_event_verdicts), one per kind of record first dated in the
    window (offers, channels, indictments) and one for the offers' recipients, whatever the
    data size. A record kind's query counts its rows in the database and returns only the
    newest MOVED_LIMIT."""
    day = as_of or today()
    start, end = window_bounds(day, window)
    counts, rows = _event_verdicts(as_of, start, end)
    records = {
        "offer": with_offer_labels(visible(Offer.objects.all(), as_of)),
        "channel": visible(TalksChannel.objects.all(), as_of),
        "indictment": visible(Indictment.objects.all(), as_of),
    }
    for subject, queryset in records.items():
        on, _ = SUBJECT_DATES[subject]
        # Each record kind has one rule: any such record first dated in the window.
        (rule,) = (n for n, r in enumerate(RULES) if r.subject == subject)
        found = (
            # A range on the (indexed) date too: the planner gets one bound to scan from.
            queryset.filter(
                window_filter(subject, start, end),
                **{f"{on}__gte": start.replace(month=1, day=1), f"{on}__lte": end},
            )
            # A window count is taken before the LIMIT: each row carries them all's.
            .annotate(rule=Value(rule), matches=Window(Count("pk")))
            .order_by(F(on).desc(), F("pk").desc())[:MOVED_LIMIT]
        )
        found = list(found)
        if found:
            counts.append({"rule": rule, "event_kind": "", "n": found[0].matches})
        rows += found
    return verdicts_from(rows, counts=counts, start=start, end=end, window=window)


def data_dates() -> tuple[dt.date | None, dt.date | None]:
    """The first and the latest days something became known (a record first reported,
    or entered by an editor), for an as-of date before anything: where to look instead."""
    first, latest = [], []
    for model in (Event, Offer, TalksChannel, Indictment, Position):
        dates = visible(model.objects.all(), None).aggregate(
            first=Min(known_on()), latest=Max(known_on())
        )
        first.append(dates["first"])
        latest.append(dates["latest"])
    return (
        min((d for d in first if d), default=None),
        max((d for d in latest if d), default=None),
    )


def negotiation_state(
    *, as_of: dt.date | None = None, limit: int = 10, window: int = DEFAULT_WINDOW
) -> NegotiationState:
    """The state as known on `as_of` (today when None), in a fixed number of queries;
    the verdicts over the `window` days up to it."""
    day = as_of or today()
    # Claims in a disagreement come in one query for all the lists, none if there are none.
    offers = offer_list(as_of=as_of, claims=False, evidence=False).annotate(
        claims_open=claims_open(Offer, as_of)
    )
    channels = channel_list(as_of=as_of, claims=False, evidence=False).annotate(
        claims_open=claims_open(TalksChannel, as_of)
    )
    indictments = indictment_list(as_of=as_of, claims=False, evidence=False).annotate(
        claims_open=claims_open(Indictment, as_of)
    )
    standing_first = Case(
        When(status_as_of__in=STANDING_OFFER, then=0), default=1, output_field=IntegerField()
    )
    active_first = Case(
        When(status_as_of=ChannelStatus.ACTIVE, then=0), default=1, output_field=IntegerField()
    )
    positions = (
        position_list(as_of=as_of, claims=False, evidence=False)
        .annotate(claims_open=claims_open(Position, as_of))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("actor__side"),
                order_by=[
                    F("stated_on").desc(nulls_last=True),
                    F("first_reported_on").desc(nulls_last=True),
                    F("id").desc(),
                ],
            )
        )
        .filter(rank=1)
        .order_by("actor__side")
    )
    latest = (
        event_list(as_of=as_of, claims=False, evidence=False)
        .annotate(claims_open=claims_open(Event, as_of))
        .filter(status=EventStatus.OCCURRED, occurred_on__lte=day)
        .order_by("-occurred_on", "-id")[:limit]
    )
    # The first rows, each with the count of them all (a window count: no query of its own).
    in_force = (
        indictments.filter(status_as_of=IndictmentStatus.IN_FORCE)
        .annotate(in_force_total=Window(Count("pk")))
        .order_by(F("bounty_as_of").desc(nulls_last=True), F("filed_on").desc(nulls_last=True))
    )
    in_force = list(in_force[:limit])
    state = NegotiationState(
        as_of=day,
        is_today=as_of is None or as_of == today(),
        offer_counts=_counts(offers),
        offers=list(
            offers.order_by(standing_first, F("status_since").desc(nulls_last=True))[:limit]
        ),
        channel_counts=_counts(channels),
        channels=list(
            channels.order_by(active_first, F("last_seen_on").desc(nulls_last=True))[:limit]
        ),
        indictments_in_force=in_force[0].in_force_total if in_force else 0,
        indictments=in_force,
        positions=list(positions),
        deadlines=deadline_list(as_of=day),
        latest=list(latest),
        verdicts=verdicts_as_of(as_of=as_of, window=window),
        limits={"offers": limit, "channels": limit, "indictments": limit, "latest": limit},
    )
    listed = [*state.offers, *state.channels, *state.indictments, *state.positions, *state.latest]
    claims_attach(listed, as_of=as_of)
    # Every list's quotes in one query (a prefetch per list was six).
    evidence_attach([*listed, *(d.event for d in state.deadlines)], as_of=as_of)
    return state


def channel_sides(channel: TalksChannel) -> dict[str, list]:
    """A channel's prefetched participants grouped by side, mediators apart."""
    sides: dict[str, list] = {}
    for participant in channel.participants.all():
        key = "mediator" if participant.role == ParticipantRole.MEDIATOR else participant.actor.side
        sides.setdefault(key, []).append(participant.actor)
    return sides
