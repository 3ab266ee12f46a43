"""The timeline's time span: last year, five years, everything or chosen dates, in the URL."""

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse

from negotiations.choices import EventStatus
from negotiations.zoom import years_before, zoom_of
from tests.factories import EventFactory

TODAY = dt.date(2024, 8, 11)
REPORTED = {"first_reported_on": dt.date(2024, 8, 1)}


@pytest.fixture
def spread(db):
    """One development 10 years back, one 3 years back, one last month, one scheduled."""
    return {
        "old": EventFactory(title="Decade ago", occurred_on=dt.date(2014, 5, 1), **REPORTED),
        "mid": EventFactory(title="Three years ago", occurred_on=dt.date(2021, 5, 1), **REPORTED),
        "new": EventFactory(title="Last month", occurred_on=dt.date(2024, 7, 1), **REPORTED),
        "ahead": EventFactory(
            title="Vote ahead",
            occurred_on=dt.date(2030, 1, 1),
            status=EventStatus.SCHEDULED,
            **REPORTED,
        ),
    }


def _titles(client, **params) -> list[str]:
    response = client.get(reverse("negotiations:timeline"), {"as_of": TODAY, **params})
    assert response.status_code == 200
    return [event.title for event in response.context["events"]]


def test_a_preset_counts_back_from_the_day_viewed_and_keeps_what_is_scheduled(client, spread):
    assert _titles(client, zoom="year") == ["Vote ahead", "Last month"]
    assert _titles(client, zoom="5years") == ["Vote ahead", "Last month", "Three years ago"]
    assert len(_titles(client, zoom="all")) == len(_titles(client)) == 4


def test_chosen_dates_are_a_range_and_narrow_a_preset(client, spread):
    chosen = {"occurred_after": "2020-01-01", "occurred_before": "2024-12-31"}
    assert _titles(client, **chosen) == ["Last month", "Three years ago"]
    assert _titles(client, zoom="year", **chosen) == ["Last month"]


def test_the_page_marks_the_span_and_its_links_keep_the_filters(client, spread):
    url = reverse("negotiations:timeline")
    html = unescape(client.get(url, {"zoom": "5years", "kind": "other"}).content.decode())
    assert 'aria-current="true">Five years</a>' in html
    assert "zoom=year&kind=other" in html  # the "last year" link keeps the kind
    # The chosen-dates form carries the filters; the filter form carries the span.
    assert '<input type="hidden" name="kind" value="other">' in html
    assert '<input type="hidden" name="zoom" value="5years">' in html
    assert "Five years: from " in html
    assert '<a href="?zoom=5years">Clear filters</a>' in html  # the span stays


def test_a_bad_span_is_ignored_with_a_message(client, spread):
    response = client.get(reverse("negotiations:timeline"), {"zoom": "decade"})
    assert response.status_code == 200
    assert "is not a time span" in response.content.decode()
    assert len(response.context["events"]) == 4


def test_the_csv_holds_the_span_and_refuses_a_bad_one(client, spread):
    url = reverse("negotiations:timeline_csv")
    body = b"".join(client.get(url, {"as_of": TODAY, "zoom": "year"}).streaming_content)
    assert b"Last month" in body and b"Decade ago" not in body
    assert client.get(url, {"zoom": "decade"}).status_code == 400


def test_the_lanes_span_the_window_when_the_page_holds_all_of_it(client, spread):
    response = client.get(reverse("negotiations:timeline"), {"as_of": TODAY, "zoom": "5years"})
    svg = response.context["svg"]
    assert svg.start <= years_before(TODAY, 5) and svg.end >= TODAY


def test_years_before_a_29th_of_february():
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert zoom_of("all", day=TODAY, since=None, until=None).key == "all"
    assert zoom_of("all", day=TODAY, since=TODAY, until=None).key == "range"
