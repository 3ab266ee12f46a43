"""The timeline as swimlanes: where each development sits, computed here, drawn by a template.

Position encodes date. A day-precision development is a dot; a year- or month-precision
one happened "somewhere in" its period, drawn as a faded, hatched band across it (never
a solid bar, which would claim it lasted that long). Marks take their kind's colour
(negotiations.palette). What is scheduled, or still ahead on the day being viewed, is
hollow. A vertical rule marks that day. Overlapping marks in a lane are stacked on rows,
so none hides another; a mark with room to its right carries its title, shortened, and
every mark shows its full title in the band above the lanes on hover and focus.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from actors.choices import Side
from core.dates import DatePrecision
from negotiations.choices import EventStatus
from negotiations.models import Event
from negotiations.palette import kind_order

# Lanes by side, in reading order; everyone else shares the last lane.
LANES = (
    (Side.US_GOVERNMENT, Side.US_GOVERNMENT.label),
    (Side.VENEZUELAN_GOVERNMENT, Side.VENEZUELAN_GOVERNMENT.label),
    (Side.OPPOSITION, Side.OPPOSITION.label),
    (Side.MEDIATOR, "Mediators"),
    ("other", "Others"),
)
LABEL_WIDTH = 180
ROW_HEIGHT = 16
LANE_PAD = 6
AXIS_HEIGHT = 28
TIP_HEIGHT = 22  # the band above the lanes where a hovered or focused mark's title shows
DOT_RADIUS = 4.5
MIN_GAP = 3
CHAR_WIDTH = 6.2  # an 11 px sans-serif character, on average: what a label may take
LABEL_ROOM = 54  # a dot keeps this much room to its right on its row, for a short label
LABEL_CHARS_MIN = 5  # shorter than this, a label says nothing: none is drawn
TIP_CHARS_MAX = 140


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    width: float  # 0 for a dot; else the month or year it happened somewhere in
    hollow: bool
    href: str
    label: str  # "date · title"
    kind: str
    kind_label: str = ""
    short: str = ""  # the title as far as there is room for it on the row; "" for none
    tip: str = ""  # the label, at most TIP_CHARS_MAX characters
    tip_x: float = 0
    focusable: bool = True  # False on the second and later lanes of the same event
    somewhere: str = ""  # a band's precision ("month", "year"): the date is known no better

    @property
    def is_dot(self) -> bool:
        return self.width == 0

    @property
    def top(self) -> float:
        return self.y - ROW_HEIGHT / 2 + 1

    @property
    def label_x(self) -> float:
        return round(self.x + (DOT_RADIUS + 3 if self.is_dot else 3), 1)

    @property
    def tip_width(self) -> float:
        return round(len(self.tip) * CHAR_WIDTH + 10, 1)


@dataclass(frozen=True)
class Lane:
    key: str
    label: str
    y: float
    height: float

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class TimelineSvg:
    width: int
    height: int
    plot_left: int
    start: dt.date
    end: dt.date
    lanes: list[Lane] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    rule_x: float | None = None
    kinds: list[tuple[str, str]] = field(default_factory=list)  # (kind, label) drawn, for a key

    @property
    def axis_y(self) -> int:
        return self.height - AXIS_HEIGHT

    @property
    def bar_height(self) -> int:
        return ROW_HEIGHT - 2

    @property
    def tip_y(self) -> float:
        return TIP_HEIGHT / 2


def event_is_ahead(event: Event, day: dt.date) -> bool:
    """Scheduled, or not yet begun on `day` (as of a past date, a later election is ahead)."""
    return event.status == EventStatus.SCHEDULED or event.partial_date.start > day


def event_lanes(event: Event) -> list[str]:
    """The lanes an event's actors (event_list's `actor_links`) put it in; 'other' when none."""
    known = {key for key, _ in LANES}
    lanes = {actor.side if actor.side in known else "other" for actor in event.actor_links}
    return [key for key, _ in LANES if key in lanes] or ["other"]


def timeline_svg(
    events: Iterable[Event],
    *,
    day: dt.date,
    width: int = 960,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> TimelineSvg | None:
    """Lay out `events` (with prefetched actors) on swimlanes; None when there are none.

    The axis spans the events dated to the day and the months or years that do not cover
    them all; one that does runs to the axis's edges (it goes on beyond them). Else a
    window of a few busy days next to a year-precision event was drawn across the whole
    year, its days crowded into one spot. The axis reaches back to `since` and on to
    `until` when given: the window being viewed, when these events are all of it.
    """
    events = list(events)
    if not events:
        return None
    periods = {event.pk: event.partial_date for event in events}
    start, end = _axis_span(list(periods.values()))
    end = end + dt.timedelta(days=1) if end < dt.date.max else end
    # A little air either side, so a dot on the first or last day is not clipped;
    # never past the calendar's ends (a record dated year 1 or 9999 must not crash).
    pad = dt.timedelta(days=max(2, (end - start).days // 40))
    start = start - pad if start - dt.date.min > pad else dt.date.min
    end = end + pad if dt.date.max - end > pad else dt.date.max
    start = min(start, since) if since else start
    end = max(end, until) if until else end
    # The plot stops short of the right edge, so the latest marks have room for a label.
    plot_width = width - LABEL_WIDTH - 10 - LABEL_ROOM
    span = max((end - start).days, 1)

    def x_of(date: dt.date) -> float:
        return round(LABEL_WIDTH + (date - start).days / span * plot_width, 1)

    def left_of(period) -> float:  # a band that began before the axis starts at its edge
        return x_of(max(period.start, start))

    # Place each mark on the first row of its lane where it (and, for a dot, a short
    # label after it) does not overlap the one before.
    rows: dict[str, list[float]] = {key: [] for key, _ in LANES}
    placed: list[tuple[str, int, float, Event, bool]] = []  # lane, row, width, event, first
    ordered = sorted(events, key=lambda e: (periods[e.pk].sort_key(), e.pk))
    for event in ordered:
        period = periods[event.pk]
        x = left_of(period)
        if period.precision == DatePrecision.DAY:
            left, right, bar = x - DOT_RADIUS, x + DOT_RADIUS + LABEL_ROOM, 0.0
        else:
            after = period.end + dt.timedelta(days=1) if period.end < end else end
            bar = max(x_of(after) - x, 2.0)
            left, right = x, x + bar
        for n, lane in enumerate(event_lanes(event)):
            ends = rows[lane]
            row = next((i for i, last in enumerate(ends) if last + MIN_GAP <= left), len(ends))
            if row == len(ends):
                ends.append(right)
            else:
                ends[row] = right
            placed.append((lane, row, bar, event, n == 0))

    lanes, top, lane_top = [], float(TIP_HEIGHT), {}
    for key, label in LANES:
        height = max(len(rows[key]), 1) * ROW_HEIGHT + 2 * LANE_PAD
        lanes.append(Lane(key, label, top, height))
        lane_top[key] = top
        top += height
    # A label runs from its mark to the next mark on the same row, or the plot's edge.
    next_left: dict[tuple[str, int], float] = {}
    room: list[float] = [0.0] * len(placed)
    for i in range(len(placed) - 1, -1, -1):
        lane, row, bar, event, _ = placed[i]
        x = left_of(periods[event.pk])
        label_x = x + (DOT_RADIUS + 3 if bar == 0 else 3)
        room[i] = next_left.get((lane, row), width - 4) - label_x - 4
        next_left[(lane, row)] = x - (DOT_RADIUS if bar == 0 else 0)
    kind_labels = dict(Event._meta.get_field("kind").choices)
    marks = []
    for (lane, row, bar, event, first), space in zip(placed, room, strict=True):
        period = periods[event.pk]
        x = left_of(period)
        label = f"{period} · {event.title}"
        tip = label if len(label) <= TIP_CHARS_MAX else label[: TIP_CHARS_MAX - 1] + "…"
        tip_width = len(tip) * CHAR_WIDTH + 10
        marks.append(
            Mark(
                x=x,
                y=lane_top[lane] + LANE_PAD + row * ROW_HEIGHT + ROW_HEIGHT / 2,
                width=bar,
                hollow=event_is_ahead(event, day),
                href=event.get_absolute_url(),
                label=label,
                kind=event.kind,
                kind_label=kind_labels.get(event.kind, event.kind),
                short=_shortened(event.title, int(space // CHAR_WIDTH)),
                tip=tip,
                tip_x=round(max(4.0, min(x, width - tip_width - 4)), 1),
                focusable=first,
                somewhere="" if bar == 0 else period.precision,
            )
        )
    drawn = {mark.kind for mark in marks}
    return TimelineSvg(
        width=width,
        height=int(top + AXIS_HEIGHT),
        plot_left=LABEL_WIDTH,
        start=start,
        end=end,
        lanes=lanes,
        marks=marks,
        ticks=[Tick(x_of(d), label) for d, label in axis_ticks(start, end)],
        rule_x=x_of(day) if start <= day <= end else None,
        kinds=[(k, kind_labels.get(k, k)) for k in kind_order() if k in drawn],
    )


def _axis_span(periods: list) -> tuple[dt.date, dt.date]:
    """The first and the last day the axis must show (see timeline_svg)."""
    days = [p for p in periods if p.precision == DatePrecision.DAY]
    if days:
        first, last = min(p.start for p in days), max(p.end for p in days)
        periods = [p for p in periods if p in days or not (p.start <= first and p.end >= last)]
    return min(p.start for p in periods), max(p.end for p in periods)


def _shortened(title: str, chars: int) -> str:
    """`title` in at most `chars` characters (cut at a word where it can be), or ""."""
    if chars < LABEL_CHARS_MIN:
        return ""
    if len(title) <= chars:
        return title
    cut = title[: chars - 1]
    word = cut.rsplit(" ", 1)[0]
    return (word if len(word) >= LABEL_CHARS_MIN - 1 else cut).rstrip(" ,;:·-") + "…"


def axis_ticks(start: dt.date, end: dt.date, most: int = 10) -> list[tuple[dt.date, str]]:
    """Year ticks over a long span, month ticks over a short one; at most `most` of them."""
    if (end - start).days > 3 * 366:
        years = list(range(start.year + 1, end.year + 1))
        step = -(-len(years) // most) or 1
        return [(dt.date(y, 1, 1), str(y)) for y in years[::step]]
    if (end - start).days <= 62:
        step = -(-(end - start).days // most) or 1
        days = [start + dt.timedelta(days=n) for n in range(step, (end - start).days, step)]
        return [(d, f"{d.day} {d.strftime('%b')}") for d in days]
    months = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month == 13:
            year, month = year + 1, 1
        first = dt.date(year, month, 1)
        if first > end:
            break
        months.append(first)
    step = -(-len(months) // most) or 1
    return [(d, d.strftime("%b %Y")) for d in months[::step]]
