import datetime as dt

import pytest

from core.dates import DatePrecision, PartialDate, format_partial_date


def test_it_formats_each_precision_as_written():
    assert str(PartialDate(dt.date(2020, 6, 3), DatePrecision.YEAR)) == "2020"
    assert str(PartialDate(dt.date(2025, 1, 20), DatePrecision.MONTH)) == "Jan 2025"
    assert str(PartialDate(dt.date(2024, 7, 28), DatePrecision.DAY)) == "28 Jul 2024"


def test_it_normalises_to_the_start_of_the_period_and_knows_its_end():
    month = PartialDate(dt.date(2024, 2, 17), DatePrecision.MONTH)
    assert month.start == dt.date(2024, 2, 1)
    assert month.end == dt.date(2024, 2, 29)
    assert PartialDate(dt.date(2020, 6, 3), DatePrecision.YEAR).end == dt.date(2020, 12, 31)


def test_it_sorts_by_date_then_vaguer_first():
    dates = [
        PartialDate(dt.date(2024, 7, 28), DatePrecision.DAY),
        PartialDate(dt.date(2024, 1, 1), DatePrecision.DAY),
        PartialDate(dt.date(2024, 7, 1), DatePrecision.MONTH),
        PartialDate(dt.date(2024, 1, 1), DatePrecision.YEAR),
        PartialDate(dt.date(2019, 5, 1), DatePrecision.MONTH),
    ]
    assert [str(d) for d in sorted(dates)] == [
        "May 2019",
        "2024",
        "1 Jan 2024",
        "Jul 2024",
        "28 Jul 2024",
    ]


def test_it_refuses_an_unknown_precision():
    with pytest.raises(ValueError, match="precision"):
        PartialDate(dt.date(2024, 1, 1), "week")


def test_an_absent_date_formats_as_nothing():
    assert format_partial_date(None, DatePrecision.DAY) == ""
