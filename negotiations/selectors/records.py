"""Record lists shared by the pages and the API, each honouring `as_of` (see the package)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from actors.selectors import actors_shown
from core.asof import known_by, today, visible
from core.models import ReviewState
from negotiations.choices import EventStatus
from negotiations.models import (
    ChannelParticipant,
    Event,
    Indictment,
    Offer,
    Position,
    TalksChannel,
    dated_after_report,
)
from negotiations.selectors.claims import claims_prefetches
from sources.selectors import evidence_prefetches


# --- building blocks --------------------------------------------------------------
def status_changes(**link) -> QuerySet[Event]:
    """The status changes that count for a record (`offer=...`), newest first: occurred
    and not rejected. The as-of views and the stored status follow the same ones."""
    return (
        Event.objects.filter(**link, status=EventStatus.OCCURRED)
        .exclude(status_to="")
        .exclude(review_state=ReviewState.REJECTED)
        .order_by("-occurred_on", "-id")
    )


def _changes(link: str, as_of: dt.date) -> QuerySet[Event]:
    """Status changes of the outer record known and occurred by `as_of`, newest first."""
    return status_changes(**{link: OuterRef("pk")}).filter(known_by(as_of), occurred_on__lte=as_of)


def _status_as_of(link: str, model: type[Model], as_of: dt.date | None):
    """The record's status on `as_of`, as an expression to annotate: its latest change
    known and occurred by then, else the status it had before its first change. None
    (no status shown) when it has changes but that earlier status is not known: never a
    status no source gave, such as the field's default."""
    if as_of is None or as_of >= today():
        return F("status")
    counted = status_changes(**{link: OuterRef("pk")})
    return Coalesce(
        Subquery(_changes(link, as_of).values("status_to")[:1], output_field=CharField()),
        Case(
            When(~Q(initial_status=""), then=F("initial_status")),
            When(Exists(counted), then=_status_before_changes(link, model)),
            default=F("status"),
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


def _status_before_changes(link: str, model: type[Model]) -> Subquery:
    """For a record whose `initial_status` was never kept (written outside the services):
    the status its history holds from just before its first change was entered."""
    first_entered = (
        status_changes(**{link: OuterRef(OuterRef("pk"))})
        .order_by("created_at", "id")
        .values("created_at")[:1]
    )
    before = (
        model.history.filter(id=OuterRef("pk"), history_date__lt=Subquery(first_entered))
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .values("status")[:1]
    )
    return Subquery(before, output_field=CharField())


def _status_since(link: str, date_field: str, as_of: dt.date | None):
    """When the record took its status (as of then): its latest known change, else its date."""
    return Coalesce(
        Subquery(_changes(link, as_of or today()).values("occurred_on")[:1]),
        F(date_field),
        output_field=DateField(),
    )


def _bounty_as_of(field: str, as_of: dt.date | None):
    """An indictment's reward (`field`: amount or currency) on `as_of`: that of its latest
    bounty development known and occurred by then, else the one first reported with it."""
    day = as_of or today()
    bounties = (
        Event.objects.filter(
            indictment=OuterRef("pk"), status=EventStatus.OCCURRED, bounty_amount__isnull=False
        )
        .exclude(review_state=ReviewState.REJECTED)
        .filter(known_by(day), occurred_on__lte=day)
        .order_by("-occurred_on", "-id")
    )
    return Coalesce(Subquery(bounties.values(field)[:1]), F(field))


def _channel_last_seen(as_of: dt.date | None):
    """A channel's last activity known on `as_of`: its latest known development, or its
    recorded last activity, whichever is later, but never a day after `as_of`."""
    day = as_of or today()
    developments = (
        Event.objects.filter(channel=OuterRef("pk"), status=EventStatus.OCCURRED)
        .exclude(review_state=ReviewState.REJECTED)
        .filter(known_by(day), occurred_on__lte=day)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    latest = Subquery(developments, output_field=DateField())
    recorded = Case(
        When(last_activity_on__lte=day, then=F("last_activity_on")),
        When(started_on__lte=day, then=F("started_on")),
        default=Value(None),
        output_field=DateField(),
    )
    return _LaterOf(latest, recorded, output_field=DateField())


class _LaterOf(Greatest):
    """The later of two dates, either of which may be NULL.

    PostgreSQL's GREATEST skips NULLs, so there each side (the channel's subquery over
    its events) is written, and run, once. SQLite's MAX() is NULL when any argument
    is: there each side falls back to the other, which repeats the subquery."""

    def as_sqlite(self, compiler, connection, **extra_context):
        first, second = self.get_source_expressions()
        portable = Greatest(Coalesce(first, second), Coalesce(second, first))
        return portable.as_sqlite(compiler, connection, **extra_context)


# --- record lists -------------------------------------------------------------------
def offer_list(
    *, as_of: dt.date | None = None, claims: bool = True, evidence: bool = True
) -> QuerySet[Offer]:
    return (
        visible(Offer.objects.all(), as_of)
        .select_related("channel")
        .prefetch_related(
            # Prefetched rather than joined, so a maker an editor rejected reads as None.
            Prefetch("offered_by", queryset=actors_shown()),
            Prefetch("recipients", queryset=actors_shown()),
            *evidence_prefetches(as_of, evidence),
            *claims_prefetches(as_of, claims),
        )
        .annotate(
            status_as_of=_status_as_of("offer", Offer, as_of),
            status_since=_status_since("offer", "offered_on", as_of),
        )
    )


def channel_list(
    *, as_of: dt.date | None = None, claims: bool = True, evidence: bool = True
) -> QuerySet[TalksChannel]:
    participants = (
        ChannelParticipant.objects.select_related("actor")
        .exclude(actor__review_state=ReviewState.REJECTED)
        .order_by("role", "actor__name")
    )
    return (
        visible(TalksChannel.objects.all(), as_of)
        .prefetch_related(
            Prefetch("participants", queryset=participants), *evidence_prefetches(as_of, evidence)
        )
        .prefetch_related(*claims_prefetches(as_of, claims))
        .annotate(
            status_as_of=_status_as_of("channel", TalksChannel, as_of),
            last_seen_on=_channel_last_seen(as_of),
        )
    )


def indictment_list(
    *, as_of: dt.date | None = None, claims: bool = True, evidence: bool = True
) -> QuerySet[Indictment]:
    return (
        visible(Indictment.objects.all(), as_of)
        .prefetch_related(
            Prefetch("authority", queryset=actors_shown()),
            Prefetch("defendants", queryset=actors_shown()),
            *evidence_prefetches(as_of, evidence),
            *claims_prefetches(as_of, claims),
        )
        .annotate(
            status_as_of=_status_as_of("indictment", Indictment, as_of),
            bounty_as_of=_bounty_as_of("bounty_amount", as_of),
            bounty_currency_as_of=_bounty_as_of("bounty_currency", as_of),
        )
    )


def position_list(
    *, as_of: dt.date | None = None, claims: bool = True, evidence: bool = True
) -> QuerySet[Position]:
    return (
        visible(Position.objects.all(), as_of)
        .exclude(actor__review_state=ReviewState.REJECTED)
        .select_related("actor")
        .prefetch_related(*evidence_prefetches(as_of, evidence), *claims_prefetches(as_of, claims))
    )


def event_list(
    *, as_of: dt.date | None = None, claims: bool = True, evidence: bool = True
) -> QuerySet[Event]:
    """The timeline's rows, oldest first; scheduled events stay in, at their date.

    Each event's actors are the list `event.actor_links` (as its evidence is
    `event.evidence_spans`; see evidence_prefetch).
    """
    return (
        events_known(as_of=as_of)
        .select_related("offer", "channel", "indictment")
        .prefetch_related(
            Prefetch("actors", queryset=actors_shown(), to_attr="actor_links"),
            *evidence_prefetches(as_of, evidence),
            *claims_prefetches(as_of, claims),
        )
    )


def events_known(*, as_of: dt.date | None = None) -> QuerySet[Event]:
    """event_list's rows, oldest first, bare: nothing joined or prefetched."""
    events = visible(Event.objects.all(), as_of)
    if as_of is not None:
        events = events.filter(occurred_on__lte=_known_horizon(as_of))
    return events.order_by("occurred_on", "id")


def _known_horizon(as_of: dt.date) -> Greatest:
    """The latest date of an event known on `as_of`, as a bound the database reads once.

    Whether an event is known depends on when it was reported, but lists read events by
    date, newest first: at a million events, the as-of timeline walked the 580,000 dated
    after 2019-06-30 to find 51 known by then (800 ms). An event dated after `as_of` is known
    then only if it is dated after its first report (scheduled, or entered by an editor), a
    few rows in an index of their own (event_dated_after_report_idx); the newest of them,
    or `as_of`, bounds every known event's date, so the walk starts there.
    """
    # NULLS LAST (the date is never null) keeps PostgreSQL from walking that index back
    # from the newest through every one reported after `as_of` (35 ms at a million for an
    # as-of date in 2019, finding none): it reads those reported by then instead
    # (event_reported_ahead_idx), few for a past date, and sorts them (6 ms either way).
    latest = (
        Event.objects.filter(dated_after_report(), known_by(as_of))
        .order_by(F("occurred_on").desc(nulls_last=True))
        .values("occurred_on")[:1]
    )
    return Greatest(Coalesce(Subquery(latest), Value(as_of)), Value(as_of))


# --- record pages ---------------------------------------------------------------
RELATED_LIMIT = 10


@dataclass(frozen=True)
class Related:
    """The first `limit` rows of a related list, with the full count for a "more" link."""

    items: list
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def related(queryset: QuerySet, *, limit: int = RELATED_LIMIT) -> Related:
    """Two queries (rows, count) plus the queryset's prefetches, whatever the data size."""
    return Related(items=list(queryset[:limit]), count=queryset.order_by().count())


def event_list_related(
    *, as_of: dt.date | None = None, limit: int = RELATED_LIMIT, **lookup
) -> Related:
    """A record's latest events, newest first: `event_list_related(offer=offer)`."""
    events = event_list(as_of=as_of).filter(**lookup).order_by("-occurred_on", "-id")
    return related(events, limit=limit)


def record_known_later(model: type[Model], **lookup) -> bool:
    """Whether a record hidden by an as-of date exists (and is not rejected) today."""
    return model.objects.exclude(review_state=ReviewState.REJECTED).filter(**lookup).exists()


# --- articles and evidence (the API) ----------------------------------------------
