"""Partial dates: a date known to a year, a month or a day.

A partial date is stored as two columns, the first day of its period and its
precision, so it sorts and filters with plain SQL and is shown as written.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db import models


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


# The dates Tablero accepts anywhere (forms, API, ingestion): far wider than the story,
# narrow enough that date arithmetic (timeline layout, periods) never overflows.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def date_range_problem(value: dt.date | None) -> str | None:
    if value is not None and not EARLIEST <= value <= LATEST:
        return f"Give a date between {EARLIEST.year} and {LATEST.year}."
    return None


# How fine a precision is: a day says more than a month, a month more than a year.
PRECISION_RANK = {DatePrecision.YEAR: 0, DatePrecision.MONTH: 1, DatePrecision.DAY: 2}


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date at a precision; `value` is normalised to the first day of its period."""

    value: dt.date
    precision: str = DatePrecision.DAY

    def __post_init__(self) -> None:
        if self.precision not in PRECISION_RANK:
            raise ValueError(f"Unknown date precision: {self.precision!r}")
        object.__setattr__(self, "value", period_start(self.value, self.precision))

    @property
    def start(self) -> dt.date:
        return self.value

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.precision == DatePrecision.YEAR:
            return self.value.replace(month=12, day=31)
        if self.precision == DatePrecision.MONTH:
            last = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=last)
        return self.value

    def sort_key(self) -> tuple[dt.date, int]:
        # Within the same start day, the vaguer date sorts first.
        return (self.value, PRECISION_RANK[self.precision])

    def __lt__(self, other: "PartialDate") -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return format_partial_date(self.value, self.precision)


def period_start(value: dt.date, precision: str) -> dt.date:
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def format_partial_date(value: dt.date | None, precision: str) -> str:
    """'2020', 'Jan 2025', '28 Jul 2024': never more precise than the source."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return value.strftime("%b %Y")
    return f"{value.day} {value.strftime('%b %Y')}"
