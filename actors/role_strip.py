"""An actor's roles over time as a strip: one bar per role, from when to when.

Computed here, drawn by a template (SVG, so no inline style: the CSP). A start or an
end the source did not give is drawn open (faded to the strip's edge), never invented;
a role with neither date is listed beside the strip, not drawn.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from actors.models import Role
from core.dates import PartialDate

WIDTH = 720
ROW = 34
AXIS = 22
PAD = 24  # room for the first and last year labels


@dataclass(frozen=True)
class RoleBar:
    role: Role
    x: float
    width: float
    y: float
    open_start: bool
    open_end: bool

    @property
    def text_y(self) -> float:
        return self.y - 5

    @property
    def anchor(self) -> str:
        """The label runs right from the bar's start, or left from its end near the edge."""
        return "end" if self.x > WIDTH * 0.55 else "start"

    @property
    def text_x(self) -> float:
        return round(self.x + self.width, 1) if self.anchor == "end" else self.x


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class RoleStrip:
    width: int
    height: int
    bars: list[RoleBar]
    ticks: list[Tick]
    undated: list[Role]

    @property
    def axis_y(self) -> int:
        return self.height - AXIS


def role_strip(roles: Iterable[Role], *, day: dt.date) -> RoleStrip | None:
    """Lay out `roles` up to `day` (the as-of date or today); None when there are none."""
    roles = list(roles)
    if not roles:
        return None
    dated = [r for r in roles if r.started_on or r.ended_on]
    starts = {r.pk: PartialDate(r.started_on, r.started_precision) for r in dated if r.started_on}
    ends = {r.pk: PartialDate(r.ended_on, r.ended_precision) for r in dated if r.ended_on}
    known = [p.start for p in starts.values()] + [p.end for p in ends.values()]
    if not known:
        return RoleStrip(WIDTH, 0, [], [], roles)
    first = dt.date(min(known).year, 1, 1)
    # A role with no end reported runs on to the day being viewed.
    open_ended = any(r.pk not in ends for r in dated)
    last = dt.date(max([*known, day] if open_ended else known).year, 12, 31)
    span = (last - first).days + 1
    plot = WIDTH - 2 * PAD

    def x_of(date: dt.date) -> float:
        return round(PAD + (date - first).days / span * plot, 1)

    bars = []
    ordered = sorted(dated, key=lambda r: (r.started_on or r.ended_on, r.title, r.pk))
    for index, role in enumerate(ordered):
        start = starts[role.pk].start if role.pk in starts else first
        end = ends[role.pk].end + dt.timedelta(days=1) if role.pk in ends else min(day, last)
        end = max(end, start + dt.timedelta(days=1))
        x = x_of(start)
        bars.append(
            RoleBar(
                role=role,
                x=x,
                width=max(round(x_of(end) - x, 1), 3.0),
                y=ROW * index + ROW - 10,
                open_start=role.pk not in starts,
                open_end=role.pk not in ends,
            )
        )
    step = max(1, (last.year - first.year + 1) // 8)
    ticks = [
        Tick(x_of(dt.date(year, 1, 1)), str(year))
        for year in range(first.year, last.year + 1, step)
    ]
    undated = [r for r in roles if not (r.started_on or r.ended_on)]
    return RoleStrip(WIDTH, ROW * len(bars) + AXIS, bars, ticks, undated)
