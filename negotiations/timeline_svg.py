"""The timeline as swimlanes: where each development sits, computed here, drawn by a template.

Position encodes date. A year- or month-precision development is a bar across its
whole period (its date is known no better); a day-precision one is a dot. What is
scheduled, or still ahead on the day being viewed, is hollow. A vertical rule marks
that day. Overlapping marks in a lane are stacked on rows, so none hides another.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from actors.choices import Side
from core.dates import DatePrecision
from negotiations.choices import EventStatus
from negotiations.models import Event

# Lanes by side, in reading order; everyone else shares the last lane.
LANES = (
    (Side.US_GOVERNMENT, Side.US_GOVERNMENT.label),
    (Side.VENEZUELAN_GOVERNMENT, Side.VENEZUELAN_GOVERNMENT.label),
    (Side.OPPOSITION, Side.OPPOSITION.label),
    (Side.MEDIATOR, "Mediators"),
    ("other", "Others"),
)
LABEL_WIDTH = 180
ROW_HEIGHT = 14
LANE_PAD = 6
AXIS_HEIGHT = 28
DOT_RADIUS = 4.5
MIN_GAP = 3


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    width: float  # 0 for a dot
    hollow: bool
    href: str
    label: str
    kind: str

    @property
    def is_dot(self) -> bool:
        return self.width == 0

    @property
    def top(self) -> float:
        return self.y - ROW_HEIGHT / 2 + 2


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

    @property
    def axis_y(self) -> int:
        return self.height - AXIS_HEIGHT

    @property
    def bar_height(self) -> int:
        return ROW_HEIGHT - 4


def event_is_ahead(event: Event, day: dt.date) -> bool:
    """Scheduled, or not yet begun on `day` (as of a past date, a later election is ahead)."""
    return event.status == EventStatus.SCHEDULED or event.partial_date.start > day


def event_lanes(event: Event) -> list[str]:
    """The lanes an event's actors (event_list's `actor_links`) put it in; 'other' when none."""
    known = {key for key, _ in LANES}
    lanes = {actor.side if actor.side in known else "other" for actor in event.actor_links}
    return [key for key, _ in LANES if key in lanes] or ["other"]


def timeline_svg(events: Iterable[Event], *, day: dt.date, width: int = 960) -> TimelineSvg | None:
    """Lay out `events` (with prefetched actors) on swimlanes; None when there are none."""
    events = list(events)
    if not events:
        return None
    periods = {event.pk: event.partial_date for event in events}
    start = min(p.start for p in periods.values())
    end = max(p.end for p in periods.values())
    end = end + dt.timedelta(days=1) if end < dt.date.max else end
    # A little air either side, so a dot on the first or last day is not clipped;
    # never past the calendar's ends (a record dated year 1 or 9999 must not crash).
    pad = dt.timedelta(days=max(2, (end - start).days // 40))
    start = start - pad if start - dt.date.min > pad else dt.date.min
    end = end + pad if dt.date.max - end > pad else dt.date.max
    plot_width = width - LABEL_WIDTH - 10
    span = (end - start).days

    def x_of(date: dt.date) -> float:
        return round(LABEL_WIDTH + (date - start).days / span * plot_width, 1)

    # Place each mark on the first row of its lane where it does not overlap.
    rows: dict[str, list[float]] = {key: [] for key, _ in LANES}
    placed: list[tuple[str, int, Mark]] = []
    ordered = sorted(events, key=lambda e: (periods[e.pk].sort_key(), e.pk))
    for event in ordered:
        period = periods[event.pk]
        x = x_of(period.start)
        if period.precision == DatePrecision.DAY:
            left, right, bar = x - DOT_RADIUS, x + DOT_RADIUS, 0.0
        else:
            bar = max(x_of(period.end + dt.timedelta(days=1)) - x, 2.0)
            left, right = x, x + bar
        for lane in event_lanes(event):
            ends = rows[lane]
            row = next((i for i, last in enumerate(ends) if last + MIN_GAP <= left), len(ends))
            if row == len(ends):
                ends.append(right)
            else:
                ends[row] = right
            mark = Mark(
                x=x,
                y=0,
                width=bar,
                hollow=event_is_ahead(event, day),
                href=event.get_absolute_url(),
                label=f"{period} · {event.title}",
                kind=event.kind,
            )
            placed.append((lane, row, mark))

    lanes, top, lane_top = [], 0.0, {}
    for key, label in LANES:
        height = max(len(rows[key]), 1) * ROW_HEIGHT + 2 * LANE_PAD
        lanes.append(Lane(key, label, top, height))
        lane_top[key] = top
        top += height
    marks = [
        Mark(
            x=m.x,
            y=lane_top[lane] + LANE_PAD + row * ROW_HEIGHT + ROW_HEIGHT / 2,
            width=m.width,
            hollow=m.hollow,
            href=m.href,
            label=m.label,
            kind=m.kind,
        )
        for lane, row, m in placed
    ]
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
    )


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
