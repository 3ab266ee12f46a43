"""The timeline's time span: the last year, five years, everything, or a range of dates.

A preset (`?zoom=year`) counts back from the day viewed (today or the as-of date), so a
shared link keeps meaning "the last year" of whatever day it is opened on; a chosen range
is the timeline's own date filters (`?occurred_after=&occurred_before=`). Both live in
the URL: the page needs no script to zoom.
"""

import datetime as dt
from dataclasses import dataclass

# key: (label, years back); None for everything.
PRESETS = {"year": ("Last year", 1), "5years": ("Five years", 5), "all": ("Everything", None)}
DEFAULT = "all"


@dataclass(frozen=True)
class Zoom:
    key: str  # a PRESETS key, or "range" for dates the reader chose
    since: dt.date | None  # the span's first day, None for no bound
    until: dt.date | None  # its last day; None for no bound (scheduled events stay in)

    @property
    def label(self) -> str:
        return PRESETS[self.key][0] if self.key in PRESETS else "Chosen dates"


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for a 29th in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def zoom_of(key: str, *, day: dt.date, since: dt.date | None, until: dt.date | None) -> Zoom:
    """The span shown: a preset counted back from `day`, else the range chosen (`since`,
    `until`: the date filters, already validated), else everything."""
    if key in PRESETS and key != DEFAULT:
        years = PRESETS[key][1]
        start = years_before(day, years) if day.year > years else dt.date.min
        # A range given as well narrows the preset further; it never widens it.
        return Zoom(key, max(start, since) if since else start, until)
    if since or until:
        return Zoom("range", since, until)
    return Zoom(DEFAULT, None, None)
