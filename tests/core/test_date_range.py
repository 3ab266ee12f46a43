"""One accepted date range for every door: forms, API, article submission and as-of."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.asof import AsOfError, as_of_parse
from core.editing import record_create
from negotiations.models import Event
from sources.services import article_submit


def test_a_record_dated_year_one_is_refused_on_its_date_field(editor):
    with pytest.raises(ValidationError) as error:
        record_create(
            model=Event, by=editor, fields={"title": "x", "occurred_on": dt.date(1, 1, 1)}
        )
    assert "occurred_on" in error.value.message_dict
    assert not Event.objects.exists()


def test_an_article_published_in_year_9999_is_refused(db):
    with pytest.raises(ValidationError) as error:
        article_submit(text="Officials met.", published_on=dt.date(9999, 1, 1))
    assert "published_on" in error.value.message_dict


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2024-13-01"])
def test_an_as_of_date_before_1900_or_malformed_is_an_error(value):
    with pytest.raises(AsOfError):
        as_of_parse(value)


def test_an_as_of_date_after_2100_reads_as_its_last_day():
    assert as_of_parse("9999-12-31") == dt.date(2100, 12, 31)


def test_dates_inside_the_range_pass(editor):
    assert as_of_parse("2100-12-31") == dt.date(2100, 12, 31)
    event = record_create(
        model=Event, by=editor, fields={"title": "x", "occurred_on": dt.date(1900, 1, 1)}
    )
    assert event.pk
