"""Date expressions resolved against the publication date, with their precision.

dateparser reads absolute dates ("Aug. 9, 2031", "March 3"); this small layer decides
relative ones ("last month", "Friday", "the past two weeks") and the year of a date
written without one (the occurrence nearest the publication, unless the tense says).
"""

import calendar
import datetime as dt
import re
from functools import cache

from dateparser.date import DateDataParser

from core.dates import DatePrecision, PartialDate

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3,
}  # fmt: skip
_NOISE = re.compile(
    r"^(?:the|in|on|since|by|until|from|of|this past|early|late|mid|at least|around|about|"
    r"earlier|later|or|or around|(?:start|beginning|end|middle|first half|second half) of)\s+"
)


@cache
def _parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True})


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _nearest_year(month: int, day: int, published: dt.date, future: bool | None) -> dt.date | None:
    """The year of a month (and day) written without one."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if future is True:
        candidates = [c for c in candidates if c > published]
    elif future is False:
        candidates = [c for c in candidates if c <= published]
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs((c - published).days))


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def resolve_date(
    text: str, published: dt.date, *, future: bool | None = None
) -> PartialDate | None:
    """A date expression as a PartialDate, or None if it names no point in time."""
    phrase = text.lower().replace("’", "'").strip(" ,.")
    phrase = re.sub(r"'s$", "", phrase)
    while _NOISE.match(phrase):
        phrase = _NOISE.sub("", phrase, count=1)

    if re.fullmatch(r"(?:19|20)\d\d", phrase):
        return PartialDate(dt.date(int(phrase), 1, 1), DatePrecision.YEAR)

    relative = re.fullmatch(r"(last|this|next|past|coming) (year|month|week)", phrase)
    if relative:
        which, unit = relative.groups()
        step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[which]
        if unit == "year":
            return PartialDate(dt.date(published.year + step, 1, 1), DatePrecision.YEAR)
        if unit == "month":
            return PartialDate(_months_before(published, -step), DatePrecision.MONTH)
        return PartialDate(published + dt.timedelta(weeks=step), DatePrecision.MONTH)

    # "the past two weeks", "three days ago": the middle of the span, to the month.
    span = re.fullmatch(r"(?:past|last|previous) (\w+) (day|week|month)s?", phrase) or re.fullmatch(
        r"(\w+) (day|week|month)s? ago", phrase
    )
    if span and _number(span.group(1)):
        count, unit = _number(span.group(1)), span.group(2)
        days = {"day": 1, "week": 7, "month": 30}[unit] * count
        ago = "ago" in phrase
        middle = published - dt.timedelta(days=days if ago else days // 2)
        precision = DatePrecision.DAY if ago and unit == "day" else DatePrecision.MONTH
        return PartialDate(middle, precision)

    if phrase in {"yesterday", "today", "tomorrow"}:
        step = {"yesterday": -1, "today": 0, "tomorrow": 1}[phrase]
        return PartialDate(published + dt.timedelta(days=step), DatePrecision.DAY)

    # "recent weeks", "recent days": vague, so only the month of publication.
    if re.fullmatch(r"(?:recent|(?:the )?(?:past|last) few) (?:days|weeks)", phrase):
        return PartialDate(published, DatePrecision.MONTH)

    weekday = re.fullmatch(r"(?:last |next |this )?(\w+day)", phrase)
    if weekday and weekday.group(1) in _WEEKDAYS:
        target = _WEEKDAYS[weekday.group(1)]
        if future or phrase.startswith("next"):
            delta = (target - published.weekday()) % 7 or 7
            return PartialDate(published + dt.timedelta(days=delta), DatePrecision.DAY)
        # A bare weekday is the publication day when it falls on it ("said Monday").
        delta = (published.weekday() - target) % 7
        if phrase.startswith("last"):
            delta = delta or 7
        return PartialDate(published - dt.timedelta(days=delta), DatePrecision.DAY)

    month_only = re.fullmatch(r"([a-z]+)\.?(?: (\d{4}))?", phrase)
    if month_only and month_only.group(1) in _MONTHS:
        month = _MONTHS[month_only.group(1)]
        if month_only.group(2):
            return PartialDate(dt.date(int(month_only.group(2)), month, 1), DatePrecision.MONTH)
        day = _nearest_year(month, 1, published.replace(day=1), future)
        return PartialDate(day, DatePrecision.MONTH) if day else None

    month_day = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", phrase) or re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", phrase
    )
    if month_day:
        first, second = month_day.groups()
        name, number = (first, second) if not first.isdigit() else (second, first)
        if name in _MONTHS:
            day = _nearest_year(_MONTHS[name], int(number), published, future)
            return PartialDate(day, DatePrecision.DAY) if day else None

    if not re.search(r"\d", phrase) and not any(m in phrase.split() for m in _MONTHS):
        return None  # durations and vague spans: "11 years", "an election year", "recent weeks"
    if not re.search(r"(?:19|20)\d\d", phrase):
        return None  # a date without a year is resolved above or not at all
    data = _parser().get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None
    precision = {"year": DatePrecision.YEAR, "month": DatePrecision.MONTH}.get(
        data.period, DatePrecision.DAY
    )
    return PartialDate(data.date_obj.date(), precision)


def resolve_offset(text: str, published: dt.date) -> PartialDate | None:
    """'five months' before something: the month that many months after publication."""
    match = re.fullmatch(r"(\w+) (month|year)s?", text.lower().strip())
    if not match or not _number(match.group(1)):
        return None
    count = _number(match.group(1))
    if match.group(2) == "year":
        return PartialDate(dt.date(published.year + count, 1, 1), DatePrecision.YEAR)
    return PartialDate(_months_before(published, -count), DatePrecision.MONTH)
