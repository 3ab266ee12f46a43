"""The events cursor returns every event exactly once while new ones arrive between pages."""

import base64
import datetime as dt
import json

import pytest

from tests.factories import EventFactory


def test_every_event_comes_exactly_once_while_events_are_inserted(api, db):
    start = dt.date(2024, 1, 1)
    # Ties on the date too, so the id must break them.
    originals = {EventFactory(occurred_on=start + dt.timedelta(days=i // 3)).pk for i in range(60)}
    seen: list[int] = []
    url = "/api/v1/events/?page_size=7"
    inserted_later = set()
    while url:
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
        if url:  # before what we have read, on the last date read, and after it
            EventFactory(occurred_on=start - dt.timedelta(days=1))
            last_date = dt.date.fromisoformat(body["results"][-1]["occurred_on"])
            inserted_later.add(EventFactory(occurred_on=last_date).pk)
            inserted_later.add(EventFactory(occurred_on=start + dt.timedelta(days=400)).pk)
    assert len(seen) == len(set(seen)), "an event came twice"
    assert originals <= set(seen), "an event was skipped"
    # Events inserted at or after the cursor's position are picked up too.
    assert inserted_later <= set(seen)


def test_newest_first_ordering_pages_backwards_in_time(api, db):
    for day in range(1, 11):
        EventFactory(occurred_on=dt.date(2024, 3, day))
    first = api.get("/api/v1/events/?ordering=-occurred_on&page_size=4").json()
    dates = [row["occurred_on"] for row in first["results"]]
    assert dates == sorted(dates, reverse=True)
    second = api.get(first["next"]).json()
    assert second["results"][0]["occurred_on"] < dates[-1]


def test_a_forged_cursor_is_a_404_not_a_500(api, db):
    response = api.get("/api/v1/events/?cursor=not-a-cursor")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("path", "values"),
    [
        ("events", [None, None]),
        ("events", ["2024-01-01", None]),
        ("events", ["2024-01-01", "99999999999999999999999"]),
        ("events", [1, 2]),
        ("evidence", [None]),
        ("evidence", ["-99999999999999999999999"]),
    ],
)
def test_a_cursor_with_forged_values_is_a_404_not_a_500(api, db, path, values):
    EventFactory()
    cursor = base64.urlsafe_b64encode(json.dumps(values).encode()).decode()
    response = api.get(f"/api/v1/{path}/?cursor={cursor}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
