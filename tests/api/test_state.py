"""/api/v1/state/: the dashboard's computation, as of a date."""

import datetime as dt

from negotiations.selectors import negotiation_state
from tests.factories import EventFactory, OfferFactory


def test_the_state_is_the_selectors(api, db):
    OfferFactory(first_reported_on=dt.date(2024, 8, 1))
    body = api.get("/api/v1/state/").json()
    state = negotiation_state()
    assert body["standing_offers"] == state.standing_offers == 1
    assert [o["id"] for o in body["offers"]] == [o.pk for o in state.offers]


def test_as_of_shows_what_was_known_then(api, db):
    offer = OfferFactory(first_reported_on=dt.date(2024, 8, 1))
    EventFactory(
        offer=offer,
        status_to="declined",
        occurred_on=dt.date(2024, 9, 1),
        first_reported_on=dt.date(2024, 9, 1),
    )
    offer.status = "declined"
    offer.save()

    before = api.get("/api/v1/state/?as_of=2024-08-15").json()
    after = api.get("/api/v1/state/?as_of=2024-09-15").json()
    earlier = api.get("/api/v1/state/?as_of=2024-07-01").json()

    assert before["as_of"] == "2024-08-15"
    assert before["offer_counts"] == {"proposed": 1}
    assert after["offer_counts"] == {"declined": 1}
    assert earlier["offers"] == []


def test_a_malformed_as_of_is_a_400_naming_as_of(api, db):
    for value in ("yesterday", "2024-13-01", "1066-10-14", " "):
        response = api.get("/api/v1/state/", {"as_of": value})
        assert response.status_code == 400, value
        assert "as_of" in response.json()["errors"], value


def test_an_empty_as_of_is_today_as_on_the_pages(api, db):
    # Issue 12: `?as_of=` (a date field left empty) means no date, not a mistake.
    body = api.get("/api/v1/state/", {"as_of": ""}).json()
    assert body["is_today"] is True


def test_record_lists_honour_as_of_too(api, db):
    OfferFactory(first_reported_on=dt.date(2024, 8, 1))
    assert api.get("/api/v1/offers/?as_of=2024-07-01").json()["count"] == 0
    assert api.get("/api/v1/offers/?as_of=2024-08-02").json()["count"] == 1
    assert "as_of" in api.get("/api/v1/offers/?as_of=nope").json()["errors"]
