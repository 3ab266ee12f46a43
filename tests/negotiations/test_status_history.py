"""Offers and channels show their statuses over time: from when to when, and why."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.editing import record_create
from negotiations.models import Event, Offer, TalksChannel
from negotiations.selectors import channel_list, offer_list, status_history
from negotiations.services import event_record
from tests.factories import ArticleFactory, EvidenceFactory

REPORTED = dt.date(2024, 8, 1)


def _offer(editor) -> Offer:
    return record_create(
        model=Offer,
        by=editor,
        fields={
            "terms": "Amnesty for exit",
            "status": "proposed",
            "offered_on": dt.date(2024, 8, 1),
            "offered_precision": "month",
            "first_reported_on": REPORTED,
        },
    )


def _change(editor, record, status, on, link="offer", title=None) -> Event:
    event = event_record(
        by=editor,
        fields={
            "title": title or f"Now {status}",
            "kind": "status_change",
            "occurred_on": on,
            "first_reported_on": on,
            link: record,
            "status_to": status,
        },
    )
    EvidenceFactory(record=event, article=ArticleFactory(publisher="Wire", published_on=on))
    return event


def test_each_status_runs_from_its_change_to_the_next_with_the_change_behind_it(editor):
    offer = _offer(editor)
    discussed = _change(editor, offer, "under_discussion", dt.date(2024, 9, 10))
    declined = _change(editor, offer, "declined", dt.date(2024, 10, 2))
    history = status_history(offer_list().get(pk=offer.pk), link="offer")

    spells = history.spells
    assert [s.status for s in spells] == ["proposed", "under_discussion", "declined"]
    assert [s.change for s in spells] == [None, discussed, declined]
    assert str(spells[0].since) == "Aug 2024" and str(spells[0].until) == "10 Sep 2024"
    assert str(spells[1].until) == "2 Oct 2024" and spells[2].until is None
    assert [e.article.publisher for e in spells[2].evidence] == ["Wire"]
    # Laid end to end along the strip, left to right.
    assert spells[0].x == 0 and spells[0].x < spells[1].x < spells[2].x
    assert spells[2].x + spells[2].width == history.width


def test_as_of_a_date_later_changes_are_not_there_yet(editor):
    offer = _offer(editor)
    _change(editor, offer, "under_discussion", dt.date(2024, 9, 10))
    _change(editor, offer, "declined", dt.date(2024, 10, 2))
    day = dt.date(2024, 9, 20)
    history = status_history(offer_list(as_of=day).get(pk=offer.pk), link="offer", as_of=day)
    assert [s.status for s in history.spells] == ["proposed", "under_discussion"]


def test_a_record_without_changes_has_one_status_as_first_reported(editor):
    offer = _offer(editor)
    history = status_history(offer_list().get(pk=offer.pk), link="offer")
    assert [(s.status, s.change) for s in history.spells] == [("proposed", None)]


def test_the_offer_and_channel_pages_show_the_strip(client, editor):
    offer = _offer(editor)
    change = _change(editor, offer, "withdrawn", dt.date(2024, 11, 5), title="Offer pulled")
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "Status over time" in html and 'class="status-strip"' in html
    assert "from Aug 2024 to 5 Nov 2024" in html and "from 5 Nov 2024 to now" in html
    assert f'href="{change.get_absolute_url()}">Offer pulled</a>' in html

    channel = record_create(
        model=TalksChannel,
        by=editor,
        fields={"name": "Back channel", "started_on": dt.date(2024, 7, 1), "status": "active"},
    )
    _change(editor, channel, "dormant", dt.date(2024, 10, 1), link="channel")
    history = status_history(channel_list().get(pk=channel.pk), link="channel")
    assert [s.status for s in history.spells] == ["active", "dormant"]
    assert "Status over time" in client.get(channel.get_absolute_url()).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_page_costs_the_same_queries_for_one_change_or_many(client, editor):
    offer = _offer(editor)
    _change(editor, offer, "under_discussion", dt.date(2024, 8, 20))
    url = offer.get_absolute_url()
    client.get(url)  # warms the content-type cache
    few = _queries(client, url)
    for n in range(8):
        status = "declined" if n % 2 else "under_discussion"
        _change(editor, offer, status, dt.date(2024, 9, 1) + dt.timedelta(days=n))
    assert _queries(client, url) == few
    assert _queries(client, f"{url}?as_of=2024-09-05") == _queries(
        client, f"{url}?as_of=2024-09-07"
    )
