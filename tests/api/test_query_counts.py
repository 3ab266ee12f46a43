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
        # A list: count, rows, prefetches. The state: a dozen lists and counts, bounded.
        assert small[path] <= (20 if "/state/" in path else 10), (path, small[path])


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
