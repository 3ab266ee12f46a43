"""The Atom feed: each entry dated by its development and summarised (what, who, source)."""

import datetime as dt
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ActorFactory, ArticleFactory, EventFactory, EvidenceFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client, query="") -> list:
    response = client.get(f"/feeds/developments/{query}")
    assert response.status_code == 200
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_an_entry_carries_its_development_date_not_its_ingestion_time(client, db):
    EventFactory(title="Talks in Doha", occurred_on=dt.date(2021, 3, 9))
    (entry,) = _entries(client)
    assert entry.find(f"{ATOM}published").text.startswith("2021-03-09")
    assert entry.find(f"{ATOM}updated").text.startswith("2021-03-09")


def test_the_summary_says_what_happened_who_and_the_source(client, db):
    envoy = ActorFactory(name="Special envoy", side="us_government")
    event = EventFactory(
        title="Envoy meets negotiators", summary="The envoy met them twice.", kind="talks"
    )
    event.actors.add(envoy)
    article = ArticleFactory(
        publisher="Wire Service",
        published_on=dt.date(2024, 8, 11),
        text="The envoy met the negotiators in Doha.",
    )
    EvidenceFactory(record=event, article=article, start=0, end=38)
    (entry,) = _entries(client)
    summary = entry.find(f"{ATOM}summary").text
    assert summary.startswith("The envoy met them twice. Kind: Talks.")
    assert "Who: Special envoy (U.S. government)." in summary
    assert "Wire Service, 11 Aug 2024: “The envoy met the negotiators in Doha.”" in summary


def test_the_feed_is_dated_by_its_latest_stored_change_not_a_scheduled_date(client, db):
    EventFactory(title="Vote", occurred_on=dt.date(2031, 1, 1), status="scheduled")
    root = ET.fromstring(client.get("/feeds/developments/").content)
    assert not root.find(f"{ATOM}updated").text.startswith("2031")


def test_the_feed_costs_the_same_queries_for_3_or_40_entries(client, db):
    def build(n):
        for i in range(n):
            event = EventFactory(occurred_on=dt.date(2024, 1, 1) + dt.timedelta(days=i))
            event.actors.add(ActorFactory())
            EvidenceFactory(record=event)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/feeds/developments/?kind=other").status_code == 200
        return len(queries.captured_queries)

    build(3)
    client.get("/feeds/developments/")
    few = count()
    build(37)
    assert count() == few
