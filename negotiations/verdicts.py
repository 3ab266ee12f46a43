"""Verdicts: for each track of the talks, whether things improved, deteriorated or stayed
unchanged over a window of days before the as-of date, as CrisisWatch gives a monthly
arrow per conflict.

The rules are data (RULES, below); the page /about/verdicts/ renders the same tuples,
so what the dashboard computes and what readers are told cannot drift apart.

A development in the window is matched against the rules in order; the first that fits
gives it an effect (+1 improves its track, -1 deteriorates it, 0 noted without moving
it). A track's verdict is the sign of its effects' sum: improved, deteriorated, or
unchanged (no development, or as many up as down). The matching is one SQL expression
built from the rules (`rule_case`) over the rows in the window (`window_filter`), so the
dashboard and `/api/v1/state/` read the developments in a query per kind of subject
whatever the data size.

The window holds the developments that occurred in it (a month- or year-precision date
counts from its first day), and the scheduled ones whose whole period ended in it before
the as-of date with no report that they happened ("passed with no report").
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, Value, When

from core.dates import DatePrecision
from negotiations.choices import (
    ChannelStatus,
    EventKind,
    EventStatus,
    IndictmentStatus,
    OfferStatus,
)
from negotiations.records import record_label

DEFAULT_WINDOW = 30
MAX_WINDOW = 365
WINDOW_CHOICES = (7, DEFAULT_WINDOW, 90)  # offered on the dashboard; any in range works


class WindowError(ValueError):
    """A `?window=` that is not a whole number of days in range; the message says so."""


def window_parse(value: str | None) -> int:
    """`?window=` as days (DEFAULT_WINDOW when absent or empty); WindowError otherwise."""
    if value is None or not value.strip():
        return DEFAULT_WINDOW
    text = value.strip()
    if not text.isdecimal() or not 1 <= int(text) <= MAX_WINDOW:
        raise WindowError(f"The window is a number of days from 1 to {MAX_WINDOW}.")
    return int(text)


# --- the rules -------------------------------------------------------------------
IMPROVES, DETERIORATES, NOTED = 1, -1, 0
PASSED = "passed"  # a rule's `status`: scheduled, and its date went by with no report


@dataclass(frozen=True)
class Track:
    key: str
    label: str


TRACKS = (
    Track("offers", "Offers"),
    Track("channels", "Talks channels"),
    Track("indictments", "Indictments and bounties"),
    Track("calendar", "Elections and deadlines"),
)
_STATUS_LABELS = {
    value: label
    for choices in (OfferStatus, ChannelStatus, IndictmentStatus)
    for value, label in choices.choices
}


# What a rule looks at: a development (an Event), or a record first dated in the window.
SUBJECT_DATES = {
    "event": ("occurred_on", "occurred_precision"),
    "offer": ("offered_on", "offered_precision"),
    "channel": ("started_on", "started_precision"),
    "indictment": ("filed_on", "filed_precision"),
}
_SUBJECT_LABELS = {"offer": "an offer", "channel": "a talks channel", "indictment": "an indictment"}


@dataclass(frozen=True)
class Rule:
    """One kind of development and what it does to its track.

    `subject` "event": a development, every condition given must hold: the record it
    concerns (`link`), the status it gives that record (`status_to`), its kinds, a new
    reward, and its status. Another subject ("offer", "channel", "indictment"): a record
    of that kind whose own date (made, started, filed) falls in the window."""

    track: str
    effect: int
    text: str
    subject: str = "event"
    link: str = ""  # "offer", "channel" or "indictment"
    status_to: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    bounty: bool = False
    status: str = EventStatus.OCCURRED  # or PASSED

    def conditions(self) -> list[str]:
        """The rule's conditions in words, for the rules page."""
        if self.subject != "event":
            return [f"{_SUBJECT_LABELS[self.subject]} first dated in the window"]
        words = []
        if self.link:
            words.append(f"concerns {_SUBJECT_LABELS[self.link]}")
        if self.status_to:
            words.append(
                "gives it the status " + _either(_STATUS_LABELS[s] for s in self.status_to)
            )
        if self.kinds:
            words.append("is of the kind " + _either(EventKind(k).label for k in self.kinds))
        if self.bounty:
            words.append("sets a reward for an arrest")
        if self.status == PASSED:
            words.append("was scheduled and its date went by before the as-of date, with no report")
        else:
            words.append("occurred in the window")
        return words

    def condition(self) -> Q:
        """The rule as a filter on its subject's rows, those in the window (window_filter)."""
        if self.subject != "event":
            return Q(pk__isnull=False)  # any such record in the window
        q = Q(status=EventStatus.SCHEDULED if self.status == PASSED else EventStatus.OCCURRED)
        if self.link:
            q &= Q(**{f"{self.link}__isnull": False})
        if self.status_to:
            q &= Q(status_to__in=self.status_to)
        if self.kinds:
            q &= Q(kind__in=self.kinds)
        if self.bounty:
            q &= Q(bounty_amount__isnull=False)
        return q


def _either(labels) -> str:
    labels = [f"“{label}”" for label in labels]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


_DEADLINES = (EventKind.ELECTION, EventKind.INAUGURATION, EventKind.DEADLINE)
_OFFER_ENDED = (OfferStatus.DECLINED, OfferStatus.WITHDRAWN, OfferStatus.EXPIRED)
_OFFER_STANDING = (OfferStatus.PROPOSED, OfferStatus.UNDER_DISCUSSION)
_CHANNEL_ENDED = (ChannelStatus.DORMANT, ChannelStatus.CONCLUDED)
_INDICTMENT_ENDED = (IndictmentStatus.DISMISSED, IndictmentStatus.LIFTED)

# In order: the first rule that fits a development decides its effect.
RULES = (
    # Offers
    Rule("offers", IMPROVES, "An offer made", subject="offer"),
    Rule("offers", IMPROVES, "An offer accepted", link="offer", status_to=(OfferStatus.ACCEPTED,)),
    Rule("offers", IMPROVES, "An offer back on the table", link="offer", status_to=_OFFER_STANDING),
    Rule(
        "offers",
        DETERIORATES,
        "An offer declined, withdrawn or expired",
        link="offer",
        status_to=_OFFER_ENDED,
    ),
    # Talks channels
    Rule("channels", IMPROVES, "A new talks channel", subject="channel"),
    Rule(
        "channels",
        IMPROVES,
        "A channel active again",
        link="channel",
        status_to=(ChannelStatus.ACTIVE,),
    ),
    Rule(
        "channels",
        DETERIORATES,
        "A channel gone dormant or concluded",
        link="channel",
        status_to=_CHANNEL_ENDED,
    ),
    Rule("channels", IMPROVES, "Talks held", kinds=(EventKind.TALKS,)),
    Rule(
        "channels",
        DETERIORATES,
        "Talks scheduled, with no report that they were held",
        kinds=(EventKind.TALKS,),
        status=PASSED,
    ),
    # Indictments and bounties
    Rule("indictments", DETERIORATES, "A new indictment", subject="indictment"),
    Rule(
        "indictments",
        IMPROVES,
        "An indictment dismissed or lifted",
        link="indictment",
        status_to=_INDICTMENT_ENDED,
    ),
    Rule(
        "indictments",
        DETERIORATES,
        "An indictment back in force",
        link="indictment",
        status_to=(IndictmentStatus.IN_FORCE,),
    ),
    Rule("indictments", DETERIORATES, "A bounty set or raised", bounty=True),
    Rule(
        "indictments",
        DETERIORATES,
        "An indictment or bounty reported as a development",
        kinds=(EventKind.INDICTMENT, EventKind.BOUNTY),
    ),
    # Elections and deadlines
    Rule("calendar", IMPROVES, "An election held", kinds=(EventKind.ELECTION,)),
    Rule("calendar", DETERIORATES, "A deadline passed", kinds=(EventKind.DEADLINE,)),
    Rule(
        "calendar",
        DETERIORATES,
        "An election, inauguration or deadline that went by with no report",
        kinds=_DEADLINES,
        status=PASSED,
    ),
    Rule(
        "calendar",
        NOTED,
        "An inauguration held (who took office is in its sources; it moves no arrow)",
        kinds=(EventKind.INAUGURATION,),
    ),
)

_FIRST_DAY = {
    DatePrecision.DAY: lambda d: d,
    DatePrecision.MONTH: lambda d: d.replace(day=1),
    DatePrecision.YEAR: lambda d: d.replace(month=1, day=1),
}


def in_window(
    start: dt.date,
    day: dt.date,
    *,
    on: str = "occurred_on",
    precision: str = "occurred_precision",
    before: bool,
) -> Q:
    """Rows whose partial date's period meets the window from `start` to `day`; with
    `before`, only periods wholly over before `day` (a scheduled date that went by).

    A partial date is stored as its period's first day: its period reaches `start` when
    it begins in or after `start`'s month (or year, or on the day itself); it is over
    before `day` when it begins before `day`'s month (year, day)."""
    q = Q()
    for level, first in _FIRST_DAY.items():
        upper = {f"{on}__lt": first(day)} if before else {f"{on}__lte": day}
        q |= Q(**{precision: level, f"{on}__gte": first(start)}, **upper)
    return q


def window_filter(subject: str, start: dt.date, day: dt.date) -> Q:
    """`subject`'s rows in the window from `start` to `day`: records first dated in it;
    events that occurred in it, or were scheduled and went by in it before `day`."""
    on, precision = SUBJECT_DATES[subject]
    if subject != "event":
        return in_window(start, day, on=on, precision=precision, before=False)
    occurred = Q(status=EventStatus.OCCURRED) & in_window(start, day, before=False)
    went_by = Q(status=EventStatus.SCHEDULED) & in_window(start, day, before=True)
    return occurred | went_by


def rule_case(subject: str) -> Case:
    """Each row's rule (its index in RULES) among `subject`'s rules, or NULL when none
    fits; for rows already in the window (window_filter). The dates stay out of the CASE,
    which compiling once per rule made most of the dashboard's time."""
    return Case(
        *(
            When(rule.condition(), then=Value(n))
            for n, rule in enumerate(RULES)
            if rule.subject == subject
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


def track_case(subject: str) -> Case:
    """Each row's track (its index in TRACKS), from its rule (rule_case): to take the
    newest rows of each track."""
    return Case(
        *(
            When(rule__in=[n for n, r in enumerate(RULES) if r.track == t.key], then=Value(i))
            for i, t in enumerate(TRACKS)
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


def window_bounds(day: dt.date, window: int) -> tuple[dt.date, dt.date]:
    """The window's first and last days: the `window` days ending on `day`."""
    return day - dt.timedelta(days=window - 1), day


# --- the verdicts ----------------------------------------------------------------
@dataclass(frozen=True)
class Moved:
    """A development (an event, or a record first dated in the window) that moved a
    track, or was noted on it, and the rule that says how."""

    item: object  # an Event, Offer, TalksChannel or Indictment
    rule: Rule

    @property
    def is_event(self) -> bool:
        return self.rule.subject == "event"

    @property
    def title(self) -> str:
        return self.item.title if self.is_event else record_label(self.item)


VERDICT_LABELS = {
    "improved": "Improved",
    "deteriorated": "Deteriorated",
    "unchanged": "Unchanged",
}


@dataclass
class TrackVerdict:
    """A track's verdict, from every development in the window; `moved` lists the newest
    MOVED_LIMIT of them (the timeline link has the rest)."""

    track: Track
    improved: int = 0
    deteriorated: int = 0
    total: int = 0
    moved: list[Moved] = field(default_factory=list)
    event_kinds: list[str] = field(default_factory=list)  # of the events, for the timeline

    @property
    def verdict(self) -> str:
        balance = self.improved - self.deteriorated
        return "improved" if balance > 0 else "deteriorated" if balance < 0 else "unchanged"

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def more(self) -> int:
        return self.total - len(self.moved)


@dataclass
class Verdicts:
    start: dt.date
    end: dt.date
    window: int
    tracks: list[TrackVerdict]


MOVED_LIMIT = 20


def verdicts_from(
    rows, *, counts: list[dict], start: dt.date, end: dt.date, window: int
) -> Verdicts:
    """The tracks' verdicts: their figures from `counts` (how many rows of the window each
    rule speaks of: {"rule", "event_kind", "n"}, an event's kind or ""), the developments
    listed from `rows` (annotated with `rule`: at least each track's newest MOVED_LIMIT)."""
    found: dict[str, list[Moved]] = {track.key: [] for track in TRACKS}
    for row in rows:
        rule = RULES[row.rule]
        found[rule.track].append(Moved(row, rule))
    tracks = {track.key: TrackVerdict(track) for track in TRACKS}
    kinds: dict[str, set[str]] = {track.key: set() for track in TRACKS}
    for count in counts:
        rule = RULES[count["rule"]]
        verdict = tracks[rule.track]
        verdict.total += count["n"]
        verdict.improved += count["n"] if rule.effect == IMPROVES else 0
        verdict.deteriorated += count["n"] if rule.effect == DETERIORATES else 0
        if count["event_kind"]:
            kinds[rule.track].add(count["event_kind"])
    for key, verdict in tracks.items():
        newest = sorted(
            found[key], key=lambda m: (m.item.partial_date.start, m.item.pk), reverse=True
        )
        verdict.moved = newest[:MOVED_LIMIT]
        verdict.event_kinds = sorted(kinds[key])
    return Verdicts(start=start, end=end, window=window, tracks=list(tracks.values()))


def rules_by_track() -> list[tuple[Track, list[Rule]]]:
    """The rules grouped by track, in order: what /about/verdicts/ shows."""
    return [(track, [r for r in RULES if r.track == track.key]) for track in TRACKS]
