import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import DatePrecision
from negotiations.choices import EventKind, EventStatus, OfferStatus
from negotiations.models import Indictment, Offer, Position, TalksChannel
from negotiations.services import event_record
from tests.factories import (
    ActorFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)

SAMPLE_DAY = "2024-08-11"


def _get(client, **params):
    return client.get(reverse("negotiations:dashboard"), params)


def test_it_shows_the_sample_article_state_with_links_to_every_record(client, sample_article):
    response = _get(client, as_of=SAMPLE_DAY)
    assert response.status_code == 200
    html = response.content.decode()
    for model in (Offer, TalksChannel, Indictment):
        for record in model.objects.all():
            if model is Offer or record.status != "concluded":
                assert f'href="{record.get_absolute_url()}"' in html
    # The latest position of each side that stated one.
    sides = set(Position.objects.values_list("actor__side", flat=True))
    state = response.context["state"]
    assert {p.actor.side for p in state.positions} == sides
    for position in state.positions:
        assert f'href="{position.get_absolute_url()}"' in html
    # As of the article's day, scheduled events lie ahead, counted from that day.
    assert state.deadlines
    for deadline in state.deadlines:
        assert deadline.event.partial_date.end >= dt.date(2024, 8, 11)
        assert f'href="{deadline.event.get_absolute_url()}"' in html
        assert f"in {deadline.days_left} days" in html
    assert "sources (" in html


def test_headline_counts_offers_by_status_and_names_the_outcomes(client, db):
    OfferFactory(status=OfferStatus.PROPOSED)
    OfferFactory(status=OfferStatus.UNDER_DISCUSSION)
    OfferFactory(status=OfferStatus.DECLINED)
    html = _get(client).content.decode()
    assert "<strong>2</strong> offers on the table" in html
    assert "(1 proposed, 1 under discussion)" in html
    assert "<strong>1</strong> declined" in html
    assert "none accepted" in html
    assert "none withdrawn" in html


def test_as_of_in_the_past_hides_later_reports_and_shows_statuses_as_they_were(client, editor):
    offer = OfferFactory(first_reported_on=dt.date(2024, 8, 1), offered_on=dt.date(2024, 8, 1))
    later_offer = OfferFactory(terms="Reported later", first_reported_on=dt.date(2024, 9, 1))
    event_record(
        by=editor,
        fields={
            "title": "Offer declined",
            "kind": EventKind.STATUS_CHANGE,
            "occurred_on": dt.date(2024, 8, 20),
            "offer": offer,
            "status_to": OfferStatus.DECLINED,
            "first_reported_on": dt.date(2024, 8, 21),
        },
    )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED

    before = _get(client, as_of="2024-08-10")
    state = before.context["state"]
    assert [o.pk for o in state.offers] == [offer.pk]
    assert state.offers[0].status_as_of == OfferStatus.PROPOSED
    html = before.content.decode()
    assert later_offer.get_absolute_url() not in html
    assert "Offer declined" not in html
    assert '<span class="badge proposed">Proposed</span>' in html

    now = _get(client).context["state"]
    assert {o.pk: o.status_as_of for o in now.offers}[offer.pk] == OfferStatus.DECLINED
    assert len(now.offers) == 2


def test_deadlines_are_counted_from_the_as_of_date(client, db):
    EventFactory(
        title="Inauguration day",
        kind=EventKind.INAUGURATION,
        status=EventStatus.SCHEDULED,
        occurred_on=dt.date(2025, 1, 10),
        first_reported_on=dt.date(2024, 8, 1),
    )
    html = _get(client, as_of="2025-01-01").content.decode()
    assert "Inauguration day" in html and "in 9 days" in html
    html = _get(client, as_of="2024-12-31").content.decode()
    assert "in 10 days" in html
    # On a day after it, it is no longer ahead.
    state = _get(client, as_of="2025-01-11").context["state"]
    assert state.deadlines == []


def test_a_malformed_as_of_is_ignored_with_a_visible_message(client, db):
    OfferFactory()
    response = _get(client, as_of="2024-13-45")
    assert response.status_code == 200
    assert "is not a date; use YYYY-MM-DD" in response.content.decode()
    assert response.context["state"].is_today


def test_an_empty_database_explains_what_to_do(client, db):
    response = _get(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing to show yet" in html
    assert "manage.py ingest" in html


def test_as_of_before_anything_was_reported_says_so(client, db):
    OfferFactory(first_reported_on=dt.date(2024, 8, 11))
    html = _get(client, as_of="2024-01-01").content.decode()
    assert "Nothing had been reported by 1 Jan 2024" in html


def test_article_text_in_quotes_and_titles_is_escaped(client, db):
    offer = OfferFactory(terms="<script>alert(1)</script>")
    EvidenceFactory(record=offer, article__text="<b>bold</b> claim by officials")
    EventFactory(title="<img src=x onerror=alert(1)>", occurred_on=dt.date(2024, 8, 1))
    html = _get(client).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;bold" in html


def _build(size: int) -> None:
    known = {"first_reported_on": dt.date(2024, 8, 1)}
    side_actors = [ActorFactory(side=side, **known) for side in ("us_government", "opposition")]
    for n in range(size):
        offer = OfferFactory(
            channel=TalksChannelFactory(**known), offered_by=side_actors[0], **known
        )
        offer.recipients.add(side_actors[1])
        offer.channel.participants.create(actor=side_actors[n % 2])
        EvidenceFactory(record=offer)
        indictment = IndictmentFactory(bounty_amount=n, bounty_currency="USD", **known)
        indictment.defendants.add(side_actors[1])
        PositionFactory(actor=side_actors[n % 2], **known)
        event = EventFactory(occurred_on=dt.date(2024, 1, 1) + dt.timedelta(days=n % 200), **known)
        event.actors.add(*side_actors)
        EventFactory(
            kind=EventKind.ELECTION,
            status=EventStatus.SCHEDULED,
            occurred_on=dt.date(2030, 1, 1),
            occurred_precision=DatePrecision.MONTH,
            **known,
        )


def test_the_dashboard_runs_the_same_number_of_queries_for_10_or_300_records(
    client, db, django_assert_num_queries
):
    _build(10)
    _get(client)  # warms the content-type cache, which is not per-request work
    small = {as_of: _count_queries(client, as_of) for as_of in ("", SAMPLE_DAY)}
    _build(290)
    assert Offer.objects.count() == 300
    for as_of, count in small.items():
        with django_assert_num_queries(count):
            response = _get(client, as_of=as_of)
        assert response.status_code == 200
        state = response.context["state"]
        assert len(state.offers) == 10 and len(state.deadlines) == 6 and len(state.latest) == 10


def _count_queries(client, as_of: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _get(client, as_of=as_of).status_code == 200
    return len(queries.captured_queries)
