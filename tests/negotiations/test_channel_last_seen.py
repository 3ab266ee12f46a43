"""A channel's last activity as of a date: never a day the viewer could not have known."""

import datetime as dt

import pytest
from django.db import connection

from negotiations.choices import EventStatus
from negotiations.selectors import channel_list
from tests.factories import EventFactory, TalksChannelFactory


def _last_seen(channel, as_of):
    return channel_list(as_of=as_of).get(pk=channel.pk).last_seen_on


def test_a_later_recorded_activity_is_hidden_on_an_earlier_date(db):
    channel = TalksChannelFactory(
        started_on=dt.date(2024, 1, 10),
        last_activity_on=dt.date(2025, 6, 1),
        first_reported_on=dt.date(2024, 1, 10),
    )
    assert _last_seen(channel, None) == dt.date(2025, 6, 1)
    assert _last_seen(channel, dt.date(2024, 9, 1)) == dt.date(2024, 1, 10)


def test_the_latest_known_development_counts_as_activity(db):
    channel = TalksChannelFactory(
        started_on=dt.date(2024, 1, 10),
        last_activity_on=dt.date(2024, 1, 10),
        first_reported_on=dt.date(2024, 1, 10),
    )
    for day, reported in ((dt.date(2024, 3, 5), dt.date(2024, 3, 6)), (dt.date(2024, 8, 1), None)):
        EventFactory(
            channel=channel,
            occurred_on=day,
            status=EventStatus.OCCURRED,
            first_reported_on=reported or dt.date(2024, 9, 15),
        )
    assert _last_seen(channel, dt.date(2024, 4, 1)) == dt.date(2024, 3, 5)
    # The August talks were first reported in September.
    assert _last_seen(channel, dt.date(2024, 9, 1)) == dt.date(2024, 3, 5)
    assert _last_seen(channel, dt.date(2024, 9, 20)) == dt.date(2024, 8, 1)


def test_a_channel_s_events_are_read_once_for_its_last_activity(db):
    """PostgreSQL's GREATEST skips NULLs: the subquery over a channel's events is not
    repeated in both arms, as SQLite's portable form must (issue 13)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite repeats the subquery: its MAX() is NULL when any argument is")
    sql = str(channel_list().query)
    assert sql.count('FROM "negotiations_event"') == 1


def test_a_channel_with_no_recorded_activity_is_seen_at_its_latest_development(db):
    channel = TalksChannelFactory(
        started_on=None, last_activity_on=None, first_reported_on=dt.date(2024, 1, 10)
    )
    assert _last_seen(channel, None) is None
    EventFactory(
        channel=channel,
        occurred_on=dt.date(2024, 2, 1),
        status=EventStatus.OCCURRED,
        first_reported_on=dt.date(2024, 2, 2),
    )
    assert _last_seen(channel, None) == dt.date(2024, 2, 1)
    assert _last_seen(channel, dt.date(2024, 1, 20)) is None
