"""Developments per month (or year) by kind: stacked bars computed here, drawn by a template.

The counts come aggregated from the database (selectors.event_period_counts), so the
chart costs one query however many events there are. On a monthly chart a
development known only to its year has no month; it is left out and counted apart
rather than placed in a January the source never gave.
"""

import datetime as dt
from dataclasses import dataclass, field

from core.dates import DatePrecision
from negotiations.choices import EventKind
from negotiations.palette import kind_order

MONTHS_MAX = 48  # longer spans are drawn by year
LEFT, BOTTOM, TOP = 36, 24, 8


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    kind: str  # its colour is the kind's (negotiations.palette)
    label: str


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    label: str
    total: int
    by_kind: dict[str, int]


@dataclass
class BarChart:
    width: int
    height: int
    by: str  # "month" or "year"
    buckets: list[Bucket]
    legend: list[tuple[str, str, int]]  # kind, label, total; the most frequent first
    segments: list[Segment] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    y_max: int = 0
    unplaced: int = 0  # year-precision developments left off a monthly chart

    @property
    def y_label(self) -> str:
        """The axis's top in the few characters its margin holds: 950, 9.5k, 76k, 1.2M."""
        for size, suffix in ((1_000_000, "M"), (1_000, "k")):
            if self.y_max >= size:
                value = self.y_max / size
                return (
                    f"{value:.1f}".removesuffix(".0") + suffix
                    if value < 10
                    else f"{value:.0f}{suffix}"
                )
        return str(self.y_max)

    @property
    def total(self) -> int:
        return sum(b.total for b in self.buckets) + self.unplaced


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _as_date(value) -> dt.date:
    # TruncMonth gives a date on a DateField; be lenient with a datetime.
    return value.date() if isinstance(value, dt.datetime) else value


def period_chart(rows: list[dict], *, width: int = 960, height: int = 200) -> BarChart | None:
    """Stacked bars from rows {"month", "kind", "precision", "n"}; None when there are none."""
    if not rows:
        return None
    months = [_as_date(r["month"]) for r in rows]
    by_year = (max(months).year - min(months).year) * 12 + max(months).month - min(
        months
    ).month >= MONTHS_MAX
    counts: dict[dt.date, dict[str, int]] = {}
    unplaced = 0
    for row, month in zip(rows, months, strict=True):
        if by_year:
            key = month.replace(month=1)
        elif row["precision"] == DatePrecision.YEAR:
            unplaced += row["n"]
            continue
        else:
            key = month
        bucket = counts.setdefault(key, {})
        bucket[row["kind"]] = bucket.get(row["kind"], 0) + row["n"]
    if not counts:
        starts = []
    elif by_year:
        starts = [dt.date(y, 1, 1) for y in range(min(counts).year, max(counts).year + 1)]
    else:
        starts = _months(min(counts), max(counts))

    kind_totals: dict[str, int] = {}
    for bucket in counts.values():
        for kind, n in bucket.items():
            kind_totals[kind] = kind_totals.get(kind, 0) + n
    ranked = sorted(kind_totals, key=lambda k: (-kind_totals[k], k))
    labels = dict(EventKind.choices)
    legend = [(k, labels.get(k, k), kind_totals[k]) for k in ranked]
    # Every bar stacks the kinds in the palette's order, so a kind sits at the same level.
    stack = {kind: i for i, kind in enumerate(kind_order())}

    buckets = [
        Bucket(
            start=s,
            label=str(s.year) if by_year else s.strftime("%b %Y"),
            total=sum(counts.get(s, {}).values()),
            by_kind=counts.get(s, {}),
        )
        for s in starts
    ]
    chart = BarChart(
        width=width,
        height=height,
        by="year" if by_year else "month",
        buckets=buckets,
        legend=legend,
        unplaced=unplaced,
    )
    if not buckets:
        return chart
    chart.y_max = max(b.total for b in buckets)
    plot_w, plot_h = width - LEFT - 8, height - BOTTOM - TOP
    slot = plot_w / len(buckets)
    bar = max(slot * 0.8, 1.0)
    label_step = -(-len(buckets) // 12)
    for i, b in enumerate(buckets):
        x = LEFT + i * slot + (slot - bar) / 2
        y = TOP + plot_h
        for kind in sorted(b.by_kind, key=lambda k: stack.get(k, len(stack))):
            h = b.by_kind[kind] / chart.y_max * plot_h
            y -= h
            chart.segments.append(
                Segment(
                    x=round(x, 1),
                    y=round(y, 1),
                    width=round(bar, 1),
                    height=round(h, 1),
                    kind=kind,
                    label=f"{b.label}: {b.by_kind[kind]} {labels.get(kind, kind).lower()}",
                )
            )
        if i % label_step == 0:
            chart.x_labels.append((round(LEFT + i * slot + slot / 2, 1), b.label))
    return chart
