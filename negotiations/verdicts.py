"""Verdicts: for each track of the talks, whether things improved, deteriorated or stayed
unchanged over a window of days before the as-of date, as CrisisWatch gives a monthly
arrow per conflict.

The rules are data (negotiations.verdict_rules.RULES); the page /about/verdicts/ renders
the same tuples, so what the dashboard computes and what readers are told cannot drift
apart.

A development in the window is matched against the rules in order; the first that fits
gives it an effect (+1 improves its track, -1 deteriorates it, 0 noted without moving
it). A track's verdict is the sign of its effects' sum: improved, deteriorated, or
unchanged (no development, or as many up as down). An event's first fitting rule and its
track are stored with it (Event.verdict_rule and verdict_track, columns the database
computes from the rules on every write), so the dashboard and `/api/v1/state/` count
and list the window's developments (`window_parts`) from indexes, in a fixed number of
queries whatever the data size, without matching the rules again.

The window holds the developments that occurred in it (a month- or year-precision date
counts from its first day), and the scheduled ones whose whole period ended in it before
the as-of date with no report that they happened ("passed with no report").
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from core.dates import DatePrecision
from negotiations.choices import EventStatus
from negotiations.records import record_label
from negotiations.verdict_rules import (
    DETERIORATES,
    IMPROVES,
    RULES,
    SUBJECT_DATES,
    TRACKS,
    Rule,
    Track,
)

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


_FIRST_DAY = {
    DatePrecision.DAY: lambda d: d,
    DatePrecision.MONTH: lambda d: d.replace(day=1),
    DatePrecision.YEAR: lambda d: d.replace(month=1, day=1),
}


def window_ranges(
    start: dt.date,
    day: dt.date,
    *,
    on: str = "occurred_on",
    precision: str = "occurred_precision",
    before: bool,
) -> list[Q]:
    """One range of dates per precision: together (`in_window`), the rows whose partial
    date's period meets the window from `start` to `day`; with `before`, only periods
    wholly over before `day` (a scheduled date that went by).

    A partial date is stored as its period's first day: its period reaches `start` when
    it begins in or after `start`'s month (or year, or on the day itself); it is over
    before `day` when it begins before `day`'s month (year, day)."""
    ranges = []
    for level, first in _FIRST_DAY.items():
        upper = {f"{on}__lt": first(day)} if before else {f"{on}__lte": day}
        ranges.append(Q(**{precision: level, f"{on}__gte": first(start)}, **upper))
    return ranges


def in_window(start: dt.date, day: dt.date, **kwargs) -> Q:
    """The rows of any of `window_ranges` (same arguments)."""
    return reduce(or_, window_ranges(start, day, **kwargs))


def window_parts(subject: str, start: dt.date, day: dt.date) -> list[Q]:
    """`subject`'s rows in the window from `start` to `day`, as disjoint parts, each a
    range of an index: records first dated in it; events that occurred in it, or were
    scheduled and went by in it before `day`."""
    on, precision = SUBJECT_DATES[subject]
    if subject != "event":
        return window_ranges(start, day, on=on, precision=precision, before=False)
    return [
        Q(status=status) & part
        for status, before in ((EventStatus.OCCURRED, False), (EventStatus.SCHEDULED, True))
        for part in window_ranges(start, day, before=before)
    ]


def window_filter(subject: str, start: dt.date, day: dt.date) -> Q:
    """`subject`'s rows in the window (`window_parts`), in one filter."""
    return reduce(or_, window_parts(subject, start, day))


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
