"""Record resolution: what an article reports, matched against the records already known.

A report months later about "the amnesty offer" or "the talks" is about a record some
earlier article made; it must update that record (store.py turns what it says into dated
developments), not make a look-alike. The rules, each decision kept with its reasons
(`RecordLink`), are:

- An offer is a known offer of the same kind, to at least one of the same recipients
  (or with none named on either side), made by the same actor (or by an actor this
  report does not name), offered within WINDOW of the date this report gives.
- A talks channel is a known channel sharing at least one party, of the same mode and
  venue where both say, last active (or started) within WINDOW of this report's date.
- A third party's offer to facilitate ("stands ready to host a new meeting") joins, as a
  mediator, the channel this same report is about; else the most recently active known
  channel within WINDOW that has not concluded.
- An indictment is the one with the same defendants (its fingerprint says so already).

Among several matches the closest in date wins, then the most recent record. Records the
same run created from other candidates are not candidates: extraction already told them
apart.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from core.dates import PartialDate
from core.models import ReviewState
from negotiations.choices import ChannelMode, ChannelStatus, OfferKind, ParticipantRole
from negotiations.models import Offer, TalksChannel

WINDOW = dt.timedelta(days=183)


@dataclass(frozen=True)
class Match:
    record: models.Model
    reasons: str


def _days_apart(date: PartialDate, day: dt.date | None) -> int:
    if day is None:
        return WINDOW.days
    if date.start <= day <= date.end:
        return 0
    return min(abs((day - date.start).days), abs((day - date.end).days))


def _names(actors) -> str:
    return ", ".join(a.name for a in actors)


def offer_match(candidate, *, maker, recipients: list[int], exclude: set[int]) -> Match | None:
    date = candidate.date
    known = (
        Offer.objects.filter(
            kind=candidate.kind,
            offered_on__gte=date.start - WINDOW,
            offered_on__lte=date.end + WINDOW,
        )
        .exclude(review_state=ReviewState.REJECTED)
        .exclude(pk__in=exclude)
        .select_related("offered_by")
        .prefetch_related("recipients")
    )
    if maker is not None:
        known = known.filter(Q(offered_by=maker) | Q(offered_by__isnull=True))
    wanted = set(recipients)
    matches = [
        o
        for o in known
        if (wanted & {a.pk for a in o.recipients.all()}) or not (wanted and o.recipients.all())
    ]
    if not matches:
        return None
    best = min(matches, key=lambda o: (_days_apart(date, o.offered_on), -o.pk))
    shared = [a for a in best.recipients.all() if a.pk in wanted]
    reasons = [
        f"same kind ({OfferKind(best.kind).label.lower()})",
        f"same recipients ({_names(shared)})" if shared else "no recipient named",
        f"same maker ({best.offered_by.name})"
        if maker is not None and best.offered_by_id == maker.pk
        else "maker not named in this report",
        f"{_days_apart(date, best.offered_on)} days apart",
    ]
    return Match(best, "; ".join(reasons))


def _channels_near(date: PartialDate, exclude: set[int]):
    return (
        TalksChannel.objects.filter(
            Q(last_activity_on__gte=date.start - WINDOW)
            | Q(last_activity_on__isnull=True, started_on__gte=date.start - WINDOW),
        )
        .filter(Q(started_on__isnull=True) | Q(started_on__lte=date.end + WINDOW))
        .exclude(review_state=ReviewState.REJECTED)
        .exclude(pk__in=exclude)
        .prefetch_related("participants__actor")
    )


def _last_seen(channel) -> dt.date | None:
    return channel.last_activity_on or channel.started_on


def channel_match(
    candidate, date: PartialDate, *, parties: list[int], exclude: set[int]
) -> Match | None:
    """A known channel for a report of talks held, suspended, resumed or ended."""
    wanted = set(parties)
    if not wanted:
        return None
    matches = []
    for channel in _channels_near(date, exclude):
        if candidate.venue and channel.venue and candidate.venue.lower() != channel.venue.lower():
            continue
        modes = {candidate.mode, channel.mode} - {ChannelMode.UNKNOWN}
        if len(modes) > 1:
            continue  # virtual talks are not a meeting in person
        shared = [p.actor for p in channel.participants.all() if p.actor_id in wanted]
        if shared:
            matches.append((channel, shared))
    if not matches:
        return None
    channel, shared = min(matches, key=lambda m: (_days_apart(date, _last_seen(m[0])), -m[0].pk))
    reasons = [
        f"same parties ({_names(shared)})",
        f"last active {_days_apart(date, _last_seen(channel))} days from this report",
    ]
    if candidate.venue and channel.venue:
        reasons.insert(1, f"same venue ({channel.venue})")
    return Match(channel, "; ".join(reasons))


def facilitation_match(date: PartialDate, *, reported: list, exclude: set[int]) -> Match | None:
    """The channel a third party's offer to facilitate joins as a mediator."""
    about = [c for c in reported if c.participants.exclude(role=ParticipantRole.MEDIATOR)]
    if about:
        return Match(about[0], "a mediator's offer joins the talks this report is about")
    near = [c for c in _channels_near(date, exclude) if c.status != ChannelStatus.CONCLUDED]
    if not near:
        return None
    channel = max(near, key=lambda c: (_last_seen(c) or dt.date.min, c.pk))
    return Match(channel, "a mediator's offer joins the most recently active talks")
