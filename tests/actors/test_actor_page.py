import datetime as dt

from actors.models import Actor, Alias, Role
from negotiations.models import ChannelParticipant, Event, Offer
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
from tests.pages import evidence_make, queries_on


def test_it_shows_aliases_roles_and_related_records_of_a_sample_actor(client, sample_article):
    actor = Actor.objects.filter(offers_received__isnull=False).distinct().first()
    response = client.get(actor.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    for alias in actor.aliases.exclude(name=actor.name):
        assert alias.name in page
    for offer in Offer.objects.filter(recipients=actor):
        assert offer.get_absolute_url() in page
    for event in Event.objects.filter(actors=actor).order_by("-occurred_on", "-id")[:10]:
        assert event.get_absolute_url() in page
    assert f"/sources/{sample_article.pk}/#evidence-" in page


def test_it_shows_roles_over_time_with_their_periods(client, db):
    actor = ActorFactory(name="Envoy")
    Role.objects.create(
        actor=actor, title="special envoy", started_on=dt.date(2023, 1, 1), started_precision="year"
    )
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "special envoy" in page and "2023–" in page


def test_an_unknown_slug_is_a_404(client, db):
    response = client.get("/actors/no-such-actor/")
    assert response.status_code == 404
    assert b"Not found" in response.content


def test_as_of_hides_records_reported_later(client, db):
    actor = ActorFactory(first_reported_on=dt.date(2024, 8, 1))
    PositionFactory(actor=actor, stance="Early stance", first_reported_on=dt.date(2024, 8, 1))
    PositionFactory(actor=actor, stance="Later stance", first_reported_on=dt.date(2024, 9, 1))
    then = client.get(f"{actor.get_absolute_url()}?as_of=2024-08-15").content.decode()
    assert "Early stance" in then and "Later stance" not in then
    assert "Later stance" in client.get(actor.get_absolute_url()).content.decode()
    before = client.get(f"{actor.get_absolute_url()}?as_of=2024-07-01")
    assert before.status_code == 200
    assert b"Not yet reported on 1 Jul 2024" in before.content


def test_it_shows_the_latest_events_and_counts_the_rest(client, db):
    actor = ActorFactory()
    events = Event.objects.bulk_create(
        Event(title=f"Meeting {i:02}", occurred_on=dt.date(2024, 1, 1) + dt.timedelta(days=i))
        for i in range(15)
    )
    actor.events.add(*events)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Meeting 14" in page and "Meeting 05" in page and "Meeting 04" not in page
    assert 'Latest developments <span class="muted small">(15)</span>' in page


REPORTED = dt.date(2024, 8, 1)


def _grow(actor, n: int):
    article = ArticleFactory(text=f"Article about the actor, size {n}.")
    Alias.objects.bulk_create(
        Alias(actor=actor, name=f"Alias {n}-{i}", normalized=f"alias {n} {i}") for i in range(n)
    )
    Role.objects.bulk_create(
        Role(actor=actor, title=f"Role {n}-{i}", first_reported_on=REPORTED) for i in range(n)
    )
    evidence_make(actor, n, prefix=f"actor{n}")
    events = Event.objects.bulk_create(
        Event(title=f"Event {n}-{i}", occurred_on=dt.date(2024, 8, 1), first_reported_on=REPORTED)
        for i in range(n)
    )
    actor.events.add(*events)
    offers = Offer.objects.bulk_create(
        Offer(terms=f"Offer {n}-{i}", first_reported_on=REPORTED) for i in range(n)
    )
    actor.offers_received.add(*offers)
    for i in range(3):
        EvidenceFactory(record=offers[i], article=article, start=i, end=i + 5)
        EvidenceFactory(record=events[i], article=article, start=i, end=i + 5)
    for _ in range(min(n, 20)):
        IndictmentFactory(first_reported_on=REPORTED).defendants.add(actor)
        channel = TalksChannelFactory(first_reported_on=REPORTED)
        ChannelParticipant.objects.create(channel=channel, actor=actor)
        PositionFactory(actor=actor, first_reported_on=REPORTED)
    OfferFactory(offered_by=actor, first_reported_on=REPORTED)
    EventFactory(first_reported_on=REPORTED).actors.add(actor)


def test_it_makes_the_same_queries_for_10_or_300_related_rows(
    client, db, django_assert_num_queries
):
    actor = ActorFactory(first_reported_on=REPORTED)
    _grow(actor, 10)
    counts = {
        as_of: queries_on(client, f"{actor.get_absolute_url()}{as_of}")
        for as_of in ("", "?as_of=2024-09-01")
    }
    _grow(actor, 290)
    for as_of, count in counts.items():
        with django_assert_num_queries(count):
            response = client.get(f"{actor.get_absolute_url()}{as_of}")
        assert response.status_code == 200
    assert actor.events.count() == 302
