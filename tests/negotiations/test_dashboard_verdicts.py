"""The dashboard's verdicts, freshness, gone-by events and empty as-of dates (issue 14)."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import DatePrecision
from negotiations.choices import EventKind, EventStatus, OfferStatus
from negotiations.ingestion import EXTRACTOR_VERSION
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    OfferFactory,
    TalksChannelFactory,
)

KNOWN = {"first_reported_on": dt.date(2024, 8, 1)}


def _get(client, **params):
    return client.get(reverse("negotiations:dashboard"), params)


def _declined(day=dt.date(2024, 8, 20)):
    offer = OfferFactory(offered_on=dt.date(2023, 1, 1), **KNOWN)
    return EventFactory(
        title="Offer turned down",
        offer=offer,
        status_to=OfferStatus.DECLINED,
        occurred_on=day,
        first_reported_on=day,
    )


def test_each_track_has_a_line_with_its_verdict_and_the_developments_behind_it(client, db):
    event = _declined()
    html = _get(client, as_of="2024-08-31").content.decode()
    lines = re.findall(r'data-track="(\w+)" data-verdict="(\w+)"', html)
    assert lines == [
        ("offers", "deteriorated"),
        ("channels", "unchanged"),
        ("indictments", "unchanged"),
        ("calendar", "unchanged"),
    ]
    assert "Over the 30 days to 31 Aug 2024" in html
    # The arrow opens (a details element) to the development, linked as of the date.
    details = html.split('data-track="offers"')[1].split("</details>")[0]
    assert "<details>" in details and "Offer turned down" in details
    assert f'href="{event.get_absolute_url()}?as_of=2024-08-31"' in details
    assert "occurred_after=2024-08-02&amp;occurred_before=2024-08-31&amp;kind=other" in details
    assert 'href="/about/verdicts/"' in html


def test_the_window_can_be_chosen_and_a_bad_one_says_so(client, db):
    _declined(dt.date(2024, 8, 10))
    html = _get(client, as_of="2024-08-31", window="7").content.decode()
    assert "Over the 7 days to 31 Aug 2024" in html
    assert 'data-track="offers" data-verdict="unchanged"' in html
    response = _get(client, as_of="2024-08-31", window="0")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The window is a number of days from 1 to 365" in html
    assert "Over the 30 days to 31 Aug 2024" in html


def test_it_says_how_long_ago_the_last_development_was(client, db):
    EventFactory(
        title="Talks in a capital",
        occurred_on=dt.date(2024, 8, 20),
        first_reported_on=dt.date(2024, 8, 21),
    )
    html = _get(client, as_of="2024-08-31").content.decode()
    assert re.search(r"Last development <a [^>]+>20 Aug 2024</a>, <strong[^>]*>11 days ago", html)
    assert "Nothing new has been reported" not in html


def test_a_notice_says_when_nothing_new_was_reported_for_thirty_days(client, db):
    EventFactory(occurred_on=dt.date(2024, 8, 9), first_reported_on=dt.date(2024, 8, 11))
    html = _get(client, as_of="2024-09-10").content.decode()
    assert "Nothing new has been reported for 30 days</strong> before 10 Sep 2024" in html
    html = _get(client, as_of="2024-09-09").content.decode()
    assert "Nothing new has been reported" not in html
    # Without a date, counted to today.
    assert "Nothing new has been reported for" in _get(client).content.decode()


def test_a_scheduled_event_gone_by_reads_no_report_since_its_date(client, db):
    election = EventFactory(
        title="Presidential election",
        kind=EventKind.ELECTION,
        status=EventStatus.SCHEDULED,
        occurred_on=dt.date(2024, 11, 1),
        occurred_precision=DatePrecision.MONTH,
        **KNOWN,
    )
    before = _get(client, as_of="2024-11-15").content.decode()
    assert "No report since" not in before  # its month is still running
    after = _get(client, as_of="2024-12-01").content.decode()
    assert "Gone by with no report" in after
    assert '<span class="badge no-report">No report since Nov 2024</span>' in after
    page = client.get(election.get_absolute_url()).content.decode()
    assert "No report since Nov 2024" in page and ">Scheduled</span>" not in page
    page = client.get(election.get_absolute_url(), {"as_of": "2024-10-01"}).content.decode()
    assert ">Scheduled</span>" in page


def test_an_as_of_date_before_anything_links_to_the_first_and_latest_dates(client, db):
    OfferFactory(first_reported_on=dt.date(2024, 8, 11))
    EventFactory(first_reported_on=dt.date(2025, 1, 10), occurred_on=dt.date(2025, 1, 10))
    html = _get(client, as_of="2020-01-01").content.decode()
    assert 'href="?as_of=2024-08-11" class="first-data">11 Aug 2024</a>' in html
    assert 'href="?as_of=2025-01-10" class="latest-data">10 Jan 2025</a>' in html


def test_offers_are_named_by_what_who_to_whom_and_when(client, db):
    maker, recipient = ActorFactory(name="United States"), ActorFactory(name="The Recipient")
    for on, precision in ((dt.date(2024, 8, 1), "month"), (dt.date(2023, 1, 1), "year")):
        offer = OfferFactory(
            terms="Amnesty", offered_by=maker, offered_on=on, offered_precision=precision
        )
        offer.recipients.add(recipient)
    assert offer.label == "Amnesty: United States → The Recipient, 2023"
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "<h1>Amnesty: United States → The Recipient, 2023</h1>" in page
    assert "Amnesty: Amnesty" not in page
    found = client.get(reverse("negotiations:search"), {"q": "amnesty"}).content.decode()
    assert "Amnesty: United States → The Recipient, Aug 2024" in found
    assert "Amnesty: United States → The Recipient, 2023" in found


def test_an_offer_is_named_by_its_label_where_developments_and_reviews_name_it(client, editor):
    maker, recipient = ActorFactory(name="United States"), ActorFactory(name="The Recipient")
    offer = OfferFactory(
        terms="Amnesty", offered_by=maker, offered_on=dt.date(2024, 8, 1),
        offered_precision="month", extractor_version=EXTRACTOR_VERSION,
    )  # fmt: skip
    offer.recipients.add(recipient)
    article = ArticleFactory(text="The United States offered amnesty. More later.")
    EvidenceFactory(record=offer, article=article, start=0, end=33)
    event = EventFactory(
        title="Offer declined", kind=EventKind.STATUS_CHANGE, offer=offer, status_to="declined"
    )
    label = "Amnesty: United States → The Recipient, Aug 2024"

    assert f">{label}</a>" in client.get(reverse("negotiations:timeline")).content.decode()
    assert f">{label}</a>" in client.get(event.get_absolute_url()).content.decode()
    client.force_login(editor)
    queue = client.get("/review/").content.decode()
    assert f'<strong class="review-label">{label}</strong>' in queue


def test_the_timeline_names_offers_in_a_fixed_number_of_queries(client, db):
    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("negotiations:timeline"))
        return len(queries)

    def development_on_a_new_offer():
        offer = OfferFactory(offered_by=ActorFactory())
        offer.recipients.add(ActorFactory(), ActorFactory())
        EventFactory(kind=EventKind.STATUS_CHANGE, offer=offer, status_to="declined")

    development_on_a_new_offer()
    one = cost()
    for _ in range(10):
        development_on_a_new_offer()
    assert cost() == one


def test_the_offer_picker_names_offers_apart_in_a_fixed_number_of_queries(client, editor):
    from negotiations.forms import DevelopmentForm

    def options() -> tuple[list[str], int]:
        form = DevelopmentForm()
        with CaptureQueriesContext(connection) as queries:
            labels = [label for _, label in form.fields["offer"].choices]
        return labels, len(queries)

    maker, recipient = ActorFactory(name="Maker"), ActorFactory(name="Recipient")
    twins = []
    for _ in range(2):  # the same kind, parties and month: only the number tells them apart
        offer = OfferFactory(offered_by=maker)
        offer.recipients.add(recipient)
        twins.append(offer)
    labels, cost = options()
    assert labels[1:] == [f"Amnesty: Maker → Recipient, Aug 2024 (#{o.pk})" for o in twins]
    for _ in range(20):
        OfferFactory(offered_by=ActorFactory()).recipients.add(ActorFactory())
    labels, more = options()
    assert more == cost and len(labels) == 23
    assert len(set(labels)) == len(labels)


def test_channels_are_told_apart_by_when_they_started(db):
    assert TalksChannelFactory(name="Talks").label == "Talks (since 1 Jul 2024)"
    assert TalksChannelFactory(name="Talks", started_on=None, last_activity_on=None).label == (
        "Talks"
    )


def test_the_rules_page_shows_every_rule_as_defined(client, db):
    from negotiations.verdict_rules import RULES, TRACKS

    html = client.get("/about/verdicts/").content.decode()
    for track in TRACKS:
        assert f'id="track-{track.key}">{track.label}</h2>' in html
    for rule in RULES:
        assert rule.text in html
        for condition in rule.conditions():
            assert condition.replace("“", "&ldquo;") in html or condition in html


def test_the_dashboard_with_verdicts_costs_the_same_queries_for_3_or_60_of_each(
    client, db, django_assert_num_queries
):
    from tests.api.test_query_counts import _populate_recent

    def populate(n: int) -> None:
        _populate_recent(n)
        for _ in range(n):  # scheduled and gone by with no report
            EventFactory(kind=EventKind.ELECTION, status=EventStatus.SCHEDULED, **KNOWN)

    populate(3)
    _get(client)
    with CaptureQueriesContext(connection) as queries:
        assert _get(client).status_code == 200
    populate(57)
    with django_assert_num_queries(len(queries)):
        response = _get(client)
    state = response.context["state"]
    channels = state.verdicts.tracks[1]
    assert channels.total == 60 * 2 and len(channels.moved) == 20
    assert "and 100 more." in response.content.decode()
    assert len(response.context["passed"]) == 5
