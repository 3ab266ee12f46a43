"""Corroboration and confidence in the API: sources_count, confidence and confidence_reason
on offers, channels, indictments, positions and events, lists and details, and in the state."""

import datetime as dt

import pytest

from actors.choices import Side
from core.models import ReviewState
from sources.choices import Attribution
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)

AUG = dt.date(2024, 8, 1)


def cite(record, publisher: str, attribution=Attribution.PUBLICATION, *, on=AUG):
    article = ArticleFactory(publisher=publisher, published_on=on)
    return EvidenceFactory(record=record, article=article, attribution=attribution)


@pytest.fixture
def records(db):
    offer = OfferFactory(first_reported_on=AUG)
    cite(offer, "Daily Ledger", Attribution.ANONYMOUS)
    cite(offer, "Harbour Times", on=dt.date(2024, 8, 5))
    cite(offer, "Evening Courier", Attribution.NAMED, on=dt.date(2024, 8, 10))

    channel = TalksChannelFactory(first_reported_on=AUG)
    cite(channel, "Daily Ledger", Attribution.ANONYMOUS)

    indictment = IndictmentFactory(first_reported_on=AUG)
    ledger = ArticleFactory(publisher="Daily Ledger", published_on=AUG, text="B" * 40)
    EvidenceFactory(record=indictment, article=ledger, start=0, end=5)
    EvidenceFactory(record=indictment, article=ledger, start=10, end=20)

    event = EventFactory(occurred_on=AUG, first_reported_on=AUG, review_state=ReviewState.CONFIRMED)
    cite(event, "Harbour Times", Attribution.OFFICIAL)
    EvidenceFactory(
        record=event,
        article=None,
        start=None,
        end=None,
        quote="We will meet again.",
        url="https://www.ministry.example/statement",
        attribution=Attribution.OFFICIAL,
    )

    position = PositionFactory(actor=ActorFactory(side=Side.OPPOSITION), first_reported_on=AUG)
    return {
        "offers": offer,
        "channels": channel,
        "indictments": indictment,
        "events": event,
        "positions": position,
    }


EXPECTED = {
    "offers": (3, "high", "3 sources, one on the record: high"),
    "channels": (1, "low", "1 anonymous source: low"),
    "indictments": (1, "low", "1 source, none on the record: low"),
    "events": (2, "high", "2 sources, all on the record, confirmed by an editor: high"),
    "positions": (0, "low", "No source quoted: low"),
}


def _fields(row: dict) -> tuple:
    return row["sources_count"], row["confidence"], row["confidence_reason"]


@pytest.mark.parametrize("name", EXPECTED)
def test_lists_and_details_give_the_sources_count_confidence_and_reason(api, records, name):
    record = records[name]
    (listed,) = [row for row in api.get(f"/api/v1/{name}/").json()["results"]]
    assert listed["id"] == record.pk
    assert _fields(listed) == EXPECTED[name]
    detail = api.get(f"/api/v1/{name}/{record.pk}/").json()
    assert _fields(detail) == EXPECTED[name]


def test_the_fields_sit_before_the_provenance(api, records):
    keys = list(api.get(f"/api/v1/offers/{records['offers'].pk}/").json())
    at = keys.index("sources_count")
    assert keys[at : at + 3] == ["sources_count", "confidence", "confidence_reason"]
    assert at < keys.index("origin")


def test_as_of_a_date_only_the_sources_out_by_then_count(api, records):
    offer = api.get("/api/v1/offers/", {"as_of": "2024-08-06"}).json()["results"][0]
    assert _fields(offer) == (2, "medium", "2 sources, none on the record: medium")
    offer = api.get(f"/api/v1/offers/{records['offers'].pk}/", {"as_of": "2024-08-01"}).json()
    assert _fields(offer) == (1, "low", "1 anonymous source: low")


def test_the_state_gives_them_for_every_record(api, records):
    state = api.get("/api/v1/state/").json()
    by_list = {
        "offers": state["offers"],
        "channels": state["channels"],
        "indictments": state["indictments"],
        "events": state["latest"],
        "positions": state["positions"],
    }
    for name, rows in by_list.items():
        (row,) = rows
        assert _fields(row) == EXPECTED[name], name


def test_the_state_as_of_a_date_judges_on_the_sources_out_by_then(api, records):
    (offer,) = api.get("/api/v1/state/", {"as_of": "2024-08-06"}).json()["offers"]
    assert _fields(offer) == (2, "medium", "2 sources, none on the record: medium")


def test_the_schema_declares_the_fields(api, db):
    schema = api.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    for component in ("Offer", "Channel", "Indictment", "Position", "Event"):
        properties = schema[component]["properties"]
        assert properties["sources_count"]["type"] == "integer", component
        assert properties["confidence"]["readOnly"] is True
        assert properties["confidence_reason"]["type"] == "string"
    levels = {
        name: body for name, body in schema.items() if body.get("enum") == ["high", "medium", "low"]
    }
    assert levels, "the confidence levels are an enum"
