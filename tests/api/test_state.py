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


def test_the_state_gives_each_tracks_verdict_and_what_moved_it(api, db):
    from negotiations.choices import OfferStatus

    offer = OfferFactory(offered_on=dt.date(2023, 1, 1), first_reported_on=dt.date(2024, 8, 1))
    event = EventFactory(
        offer=offer,
        status_to=OfferStatus.DECLINED,
        occurred_on=dt.date(2024, 8, 20),
        first_reported_on=dt.date(2024, 8, 21),
    )
    body = api.get("/api/v1/state/", {"as_of": "2024-08-31", "window": "15"}).json()
    verdicts = body["verdicts"]
    assert (verdicts["window"], verdicts["start"], verdicts["end"]) == (
        15,
        "2024-08-17",
        "2024-08-31",
    )
    tracks = {t["track"]: t for t in verdicts["tracks"]}
    assert list(tracks) == ["offers", "channels", "indictments", "calendar"]
    assert tracks["offers"]["verdict"] == "deteriorated"
    assert tracks["offers"]["deteriorated"] == 1 and tracks["offers"]["improved"] == 0
    [moved] = tracks["offers"]["developments"]
    assert moved["subject"] == "event" and moved["id"] == event.pk and moved["effect"] == -1
    assert moved["url"].endswith(f"/api/v1/events/{event.pk}/")
    assert moved["rule"] == "An offer declined, withdrawn or expired"
    assert tracks["channels"] == {
        "track": "channels",
        "label": "Talks channels",
        "verdict": "unchanged",
        "improved": 0,
        "deteriorated": 0,
        "total": 0,
        "developments": [],
    }
    assert body["days_since_development"] == 11
    # The same as the dashboard's, with its default window.
    assert api.get("/api/v1/state/?as_of=2024-08-31").json()["verdicts"]["window"] == 30


def test_a_bad_window_is_a_400_naming_window(api, db):
    for value in ("0", "366", "x", "1.5"):
        response = api.get("/api/v1/state/", {"window": value})
        assert response.status_code == 400, value
        assert list(response.json()["errors"]) == ["window"], value
    assert api.get("/api/v1/state/?window=7&window=8").status_code == 400
    assert api.get("/api/v1/state/?window=").json()["verdicts"]["window"] == 30


def test_the_schema_states_the_window_and_the_verdicts(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = schema["paths"]["/api/v1/state/"]["get"]["parameters"]
    window = next(p for p in parameters if p["name"] == "window")
    schema_of = window["schema"]
    assert (schema_of["type"], schema_of["minimum"], schema_of["maximum"]) == ("integer", 1, 365)
    # `?window=` is the default window, and the schema says so (Schemathesis checks that
    # the server refuses only what the schema refuses).
    assert window["allowEmptyValue"] is True
    state = schema["components"]["schemas"]["State"]
    assert {"verdicts", "days_since_development"} <= set(state["required"])
    track = schema["components"]["schemas"]["TrackVerdict"]["properties"]
    assert track["verdict"]["$ref"].endswith("VerdictEnum")
