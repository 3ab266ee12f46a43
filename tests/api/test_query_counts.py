"""Each list endpoint costs the same number of queries with 10 rows or 300."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def _populate(n: int) -> None:
    article = ArticleFactory()
    for _ in range(n):
        actor = ActorFactory()
        offer = OfferFactory(offered_by=actor)
        offer.recipients.add(actor)
        channel = TalksChannelFactory()
        channel.participants.create(actor=actor)
        indictment = IndictmentFactory(authority=actor)
        indictment.defendants.add(actor)
        event = EventFactory(offer=offer)
        event.actors.add(actor)
        PositionFactory(actor=actor)
        for record in (offer, event):
            EvidenceFactory(record=record, article=article)
        actor.aliases.create(name=f"{actor.name} alias")


ENDPOINTS = [
    "actors",
    "offers",
    "channels",
    "indictments",
    "positions",
    "events",
    "articles",
    "evidence",
    "state",
]


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries)


def test_every_list_costs_the_same_queries_at_ten_and_three_hundred_rows(
    api, db, django_assert_num_queries
):
    paths = [f"/api/v1/{name}/?page_size=200" for name in ENDPOINTS]
    _populate(10)
    for path in paths:  # warm per-process caches (content types) first
        api.get(path)
    small = {path: _count(api, path) for path in paths}
    _populate(290)
    for path in paths:
        with django_assert_num_queries(small[path]):
            assert api.get(path).status_code == 200
        # A list: count, rows, prefetches. The state: a dozen lists and counts, bounded
        # (22 since its latest events name their offers by label: the offers and their
        # recipients, two queries).
        assert small[path] <= (22 if "/state/" in path else 10), (path, small[path])


def test_a_deeper_page_costs_no_more(api, db):
    _populate(120)
    for first, deeper in [
        ("/api/v1/offers/?page_size=50", "/api/v1/offers/?page_size=50&page=3"),
        ("/api/v1/events/?page_size=50", None),
    ]:
        cost = _count(api, first)
        if deeper is None:
            deeper = api.get(first).json()["next"]
            deeper = api.get(deeper).json()["next"]
        assert _count(api, deeper) == cost


def _populate_sourced(n: int) -> None:
    """`n` records of each kind, each quoted by two publishers, a web site and an editor."""
    from sources.choices import Attribution

    for i in range(n):
        actor = ActorFactory()
        for record in (
            OfferFactory(offered_by=actor),
            TalksChannelFactory(),
            IndictmentFactory(authority=actor),
            EventFactory(),
            PositionFactory(actor=actor),
        ):
            for publisher in ("Daily Ledger", f"Courier {i}"):
                EvidenceFactory(record=record, article=ArticleFactory(publisher=publisher))
            url = {"start": None, "end": None, "article": None}
            EvidenceFactory(
                record=record,
                quote="A statement.",
                url=f"https://site{i}.example/page",
                attribution=Attribution.NAMED,
                **url,
            )
            EvidenceFactory(record=record, quote="", note="Known to the desk.", **url)


def test_the_confidence_fields_cost_no_query_of_their_own(api, db, django_assert_num_queries):
    names = ["offers", "channels", "indictments", "positions", "events", "state"]
    paths = [f"/api/v1/{name}/?page_size=200" for name in names]
    _populate_sourced(3)
    for path in paths:
        api.get(path)
    small = {path: _count(api, path) for path in paths}
    _populate_sourced(40)
    for path in paths:
        with django_assert_num_queries(small[path]):
            body = api.get(path).json()
        rows = body["offers"] if "/state/" in path else body["results"]
        assert {row["confidence_reason"] for row in rows} == {
            "4 sources, one on the record: high"
        }, path
        assert {row["sources_count"] for row in rows} == {4}


def _populate_recent(n: int) -> None:
    """`n` records of each kind dated inside the verdicts' window, and developments that
    move every track, so that each rule's query returns rows."""
    from core.asof import today
    from negotiations.choices import EventKind

    day = today()
    for _ in range(n):
        actor = ActorFactory()
        offer = OfferFactory(offered_by=actor, offered_on=day, offered_precision="day")
        offer.recipients.add(actor)
        channel = TalksChannelFactory(started_on=day, started_precision="day", last_activity_on=day)
        indictment = IndictmentFactory(filed_on=day, filed_precision="day")
        EventFactory(offer=offer, status_to="declined", occurred_on=day)
        EventFactory(channel=channel, kind=EventKind.TALKS, occurred_on=day)
        EventFactory(indictment=indictment, bounty_amount=5, bounty_currency="USD", occurred_on=day)
        EventFactory(kind=EventKind.ELECTION, occurred_on=day)


def test_the_state_with_verdicts_costs_the_same_queries_whatever_moved(
    api, db, django_assert_num_queries
):
    path = "/api/v1/state/"
    _populate_recent(3)
    api.get(path)
    small = _count(api, path)
    _populate_recent(60)
    with django_assert_num_queries(small):
        body = api.get(path).json()
    verdicts = {t["track"]: t["verdict"] for t in body["verdicts"]["tracks"]}
    assert verdicts == {
        "offers": "unchanged",  # as many made as declined
        "channels": "improved",
        "indictments": "deteriorated",
        "calendar": "improved",
    }
    offers = body["verdicts"]["tracks"][0]
    assert offers["total"] == 63 * 2 and len(offers["developments"]) == 20
    assert small <= 22, small  # see the bound of the lists' test
