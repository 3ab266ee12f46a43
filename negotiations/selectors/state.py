"""The negotiation state as of a date: the dashboard's headline and `/api/v1/state/`."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from core.asof import today, visible
from core.dates import DatePrecision
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
from negotiations.selectors.records import (
    channel_list,
    event_list,
    indictment_list,
    offer_list,
    position_list,
)
from sources.selectors import evidence_prefetch

STANDING_OFFER = (OfferStatus.PROPOSED, OfferStatus.UNDER_DISCUSSION)
# Kinds that are deadlines on the calendar even when reported as already past.
DEADLINE_KINDS = (EventKind.ELECTION, EventKind.INAUGURATION, EventKind.DEADLINE)


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
    limits: dict[str, int] = field(default_factory=dict)

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
        .prefetch_related(evidence_prefetch(as_of))
        .order_by("occurred_on", "id")[:limit]
    )
    deadlines = []
    for event in candidates:
        period = event.partial_date
        if period.end < as_of:
            continue
        deadlines.append(Deadline(event, max((period.start - as_of).days, 0)))
    return deadlines[:limit]


def negotiation_state(*, as_of: dt.date | None = None, limit: int = 10) -> NegotiationState:
    """The state as known on `as_of` (today when None), in a fixed number of queries."""
    day = as_of or today()
    # Claims in a disagreement come in one query for all the lists, none if there are none.
    offers = offer_list(as_of=as_of, claims=False).annotate(claims_open=claims_open(Offer, as_of))
    channels = channel_list(as_of=as_of, claims=False).annotate(
        claims_open=claims_open(TalksChannel, as_of)
    )
    indictments = indictment_list(as_of=as_of, claims=False).annotate(
        claims_open=claims_open(Indictment, as_of)
    )
    standing_first = Case(
        When(status_as_of__in=STANDING_OFFER, then=0), default=1, output_field=IntegerField()
    )
    active_first = Case(
        When(status_as_of=ChannelStatus.ACTIVE, then=0), default=1, output_field=IntegerField()
    )
    positions = (
        position_list(as_of=as_of, claims=False)
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
        event_list(as_of=as_of, claims=False)
        .annotate(claims_open=claims_open(Event, as_of))
        .filter(status=EventStatus.OCCURRED, occurred_on__lte=day)
        .order_by("-occurred_on", "-id")[:limit]
    )
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
        indictments_in_force=indictments.filter(status_as_of=IndictmentStatus.IN_FORCE).count(),
        indictments=list(
            indictments.filter(status_as_of=IndictmentStatus.IN_FORCE).order_by(
                F("bounty_as_of").desc(nulls_last=True), F("filed_on").desc(nulls_last=True)
            )[:limit]
        ),
        positions=list(positions),
        deadlines=deadline_list(as_of=day),
        latest=list(latest),
        limits={"offers": limit, "channels": limit, "indictments": limit, "latest": limit},
    )
    claims_attach(
        [*state.offers, *state.channels, *state.indictments, *state.positions, *state.latest],
        as_of=as_of,
    )
    return state


def channel_sides(channel: TalksChannel) -> dict[str, list]:
    """A channel's prefetched participants grouped by side, mediators apart."""
    sides: dict[str, list] = {}
    for participant in channel.participants.all():
        key = "mediator" if participant.role == ParticipantRole.MEDIATOR else participant.actor.side
        sides.setdefault(key, []).append(participant.actor)
    return sides
