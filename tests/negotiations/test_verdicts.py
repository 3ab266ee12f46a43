"""Verdicts per track (negotiations.verdicts): the rules, the window, and what moved each arrow."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.dates import DatePrecision
from negotiations.choices import EventKind, EventStatus, OfferStatus
from negotiations.models import Event
from negotiations.selectors import verdicts_as_of
from negotiations.verdict_rules import RULES, TRACKS
from negotiations.verdicts import WindowError, rules_by_track, window_parse
from tests.factories import (
    ActorFactory,
    EventFactory,
    IndictmentFactory,
    OfferFactory,
    TalksChannelFactory,
)

DAY = dt.date(2024, 8, 31)
KNOWN = {"first_reported_on": dt.date(2024, 8, 1)}


def _verdict(track: str, *, as_of=DAY, window=30):
    verdicts = verdicts_as_of(as_of=as_of, window=window)
    return next(t for t in verdicts.tracks if t.track.key == track)


def test_every_rule_belongs_to_a_track_and_every_track_has_rules():
    keys = {t.key for t in TRACKS}
    assert {r.track for r in RULES} == keys
    assert all(rules for _, rules in rules_by_track())


def test_an_offer_declined_in_the_window_deteriorates_the_offers(db):
    offer = OfferFactory(offered_on=dt.date(2023, 1, 1), **KNOWN)
    declined = EventFactory(
        offer=offer,
        kind=EventKind.STATUS_CHANGE,
        status_to=OfferStatus.DECLINED,
        occurred_on=dt.date(2024, 8, 20),
        **KNOWN,
    )
    track = _verdict("offers")
    assert track.verdict == "deteriorated"
    assert [(m.item, m.rule.text) for m in track.moved] == [
        (declined, "An offer declined, withdrawn or expired")
    ]


def test_an_offer_made_in_the_window_improves_and_one_made_before_does_not_count(db):
    made = OfferFactory(offered_on=dt.date(2024, 8, 10), offered_precision="day", **KNOWN)
    OfferFactory(offered_on=dt.date(2024, 6, 1), offered_precision="day", **KNOWN)
    track = _verdict("offers")
    assert track.verdict == "improved"
    assert [m.item for m in track.moved] == [made]


def test_up_and_down_in_equal_numbers_is_unchanged_and_says_both(db):
    offer = OfferFactory(offered_on=dt.date(2024, 8, 10), offered_precision="day", **KNOWN)
    EventFactory(offer=offer, status_to=OfferStatus.WITHDRAWN, occurred_on=DAY, **KNOWN)
    track = _verdict("offers")
    assert (track.improved, track.deteriorated, track.verdict) == (1, 1, "unchanged")


def test_channels_new_and_dormant(db):
    TalksChannelFactory(
        started_on=dt.date(2024, 8, 15), started_precision="day", last_activity_on=None, **KNOWN
    )
    assert _verdict("channels").verdict == "improved"
    old = TalksChannelFactory(started_on=dt.date(2020, 1, 1), **KNOWN)
    for day in (dt.date(2024, 8, 20), dt.date(2024, 8, 21)):
        EventFactory(channel=old, status_to="dormant", occurred_on=day, **KNOWN)
    assert _verdict("channels").verdict == "deteriorated"


def test_a_bounty_raised_or_a_new_indictment_deteriorates_and_one_lifted_improves(db):
    indictment = IndictmentFactory(filed_on=dt.date(2020, 3, 26), **KNOWN)
    EventFactory(
        indictment=indictment,
        kind=EventKind.BOUNTY,
        bounty_amount=25_000_000,
        bounty_currency="USD",
        occurred_on=dt.date(2024, 8, 25),
        **KNOWN,
    )
    track = _verdict("indictments")
    assert track.verdict == "deteriorated"
    assert track.moved[0].rule.text == "A bounty set or raised"
    for day in (dt.date(2024, 8, 26), dt.date(2024, 8, 27)):
        EventFactory(indictment=indictment, status_to="lifted", occurred_on=day, **KNOWN)
    assert _verdict("indictments").verdict == "improved"


def test_a_scheduled_election_gone_by_with_no_report_deteriorates_the_calendar(db):
    election = EventFactory(
        kind=EventKind.ELECTION,
        status=EventStatus.SCHEDULED,
        occurred_on=dt.date(2024, 7, 1),
        occurred_precision=DatePrecision.MONTH,
        **KNOWN,
    )
    # During July the month has not gone by; on 1 Aug it has.
    assert _verdict("calendar", as_of=dt.date(2024, 7, 31)).moved == []
    track = _verdict("calendar", as_of=dt.date(2024, 8, 1))
    assert track.verdict == "deteriorated"
    assert track.moved[0].item == election
    # Once the window has moved past its month, it no longer counts.
    assert _verdict("calendar", as_of=dt.date(2024, 9, 15)).moved == []


def test_an_election_held_improves_and_a_month_date_counts_when_its_month_meets_the_window(db):
    EventFactory(
        kind=EventKind.ELECTION,
        occurred_on=dt.date(2024, 7, 1),
        occurred_precision=DatePrecision.MONTH,
        **KNOWN,
    )
    assert _verdict("calendar", as_of=dt.date(2024, 8, 11)).verdict == "improved"
    assert _verdict("calendar", as_of=dt.date(2024, 8, 11), window=7).verdict == "unchanged"


def test_only_what_was_reported_by_the_as_of_date_counts_and_nothing_rejected(db):
    EventFactory(kind=EventKind.TALKS, occurred_on=dt.date(2024, 8, 20), first_reported_on=DAY)
    EventFactory(
        kind=EventKind.TALKS,
        occurred_on=dt.date(2024, 8, 20),
        review_state="rejected",
        **KNOWN,
    )
    assert _verdict("channels", as_of=dt.date(2024, 8, 30)).moved == []
    assert len(_verdict("channels", as_of=DAY).moved) == 1


def test_an_inauguration_is_noted_without_moving_the_arrow(db):
    EventFactory(kind=EventKind.INAUGURATION, occurred_on=dt.date(2024, 8, 30), **KNOWN)
    track = _verdict("calendar")
    assert len(track.moved) == 1 and track.verdict == "unchanged"


def test_the_first_rule_that_fits_decides(db):
    # Talks at which an offer was declined: the offer's rule, not "talks held".
    offer = OfferFactory(offered_on=dt.date(2023, 1, 1), **KNOWN)
    EventFactory(kind=EventKind.TALKS, offer=offer, status_to="declined", occurred_on=DAY, **KNOWN)
    assert _verdict("offers").verdict == "deteriorated"
    assert _verdict("channels").moved == []


def test_offers_in_the_details_are_named_by_what_who_to_whom_and_when(db):
    maker, recipient = ActorFactory(name="Maker"), ActorFactory(name="Recipient")
    offer = OfferFactory(offered_by=maker, offered_on=dt.date(2024, 8, 1), **KNOWN)
    offer.recipients.add(recipient)
    assert _verdict("offers").moved[0].title == "Amnesty: Maker → Recipient, Aug 2024"


@pytest.mark.parametrize("value", ["0", "366", "-3", "ten", "3.5", "1e3"])
def test_a_bad_window_is_refused_with_a_message(value):
    with pytest.raises(WindowError, match="from 1 to 365"):
        window_parse(value)


def test_an_absent_or_empty_window_is_thirty_days():
    assert window_parse(None) == window_parse("") == window_parse(" ") == 30
    assert window_parse("7") == 7


def test_the_window_counts_the_as_of_day_and_the_days_before(db):
    EventFactory(kind=EventKind.TALKS, occurred_on=DAY - dt.timedelta(days=6), **KNOWN)
    assert len(_verdict("channels", window=7).moved) == 1
    assert _verdict("channels", window=6).moved == []
    assert Event.objects.count() == 1


def _stored(event) -> tuple:
    event = Event.objects.get(pk=event.pk)
    rule = RULES[event.verdict_rule] if event.verdict_rule is not None else None
    track = TRACKS[event.verdict_track].key if event.verdict_track is not None else None
    return (rule.text if rule else None), track


def test_each_event_stores_its_first_fitting_rule_and_follows_any_write(db):
    """Event.verdict_rule and verdict_track are the database's to compute: a form's save,
    an update of many rows and ingestion's bulk writes all leave them right."""
    offer = OfferFactory(**KNOWN)
    accepted = EventFactory(offer=offer, status_to=OfferStatus.ACCEPTED, occurred_on=DAY, **KNOWN)
    talks = EventFactory(kind=EventKind.TALKS, occurred_on=DAY, **KNOWN)
    other = EventFactory(kind=EventKind.OTHER, occurred_on=DAY, **KNOWN)
    assert _stored(accepted) == ("An offer accepted", "offers")
    assert _stored(talks) == ("Talks held", "channels")
    assert _stored(other) == (None, None)

    Event.objects.filter(pk=talks.pk).update(status=EventStatus.SCHEDULED)
    assert _stored(talks) == ("Talks scheduled, with no report that they were held", "channels")
    other.kind = EventKind.ELECTION
    other.save()
    assert _stored(other) == ("An election held", "calendar")
    # The first rule that fits decides: a status change of an offer that is also a
    # development of the kind "talks" moves the offers' track.
    Event.objects.filter(pk=accepted.pk).update(kind=EventKind.TALKS)
    assert _stored(accepted) == ("An offer accepted", "offers")


def test_history_rows_carry_their_versions_rule_without_reading_the_event_back(db):
    event = EventFactory(kind=EventKind.TALKS, occurred_on=DAY, **KNOWN)
    event.kind = EventKind.ELECTION
    with CaptureQueriesContext(connection) as queries:
        event.save()
    versions = event.history.order_by("history_id").values_list("verdict_rule", flat=True)
    assert [RULES[n].text for n in versions] == ["Talks held", "An election held"]
    # django-simple-history reads back from the events table the fields it leaves out.
    assert not [q for q in queries if q["sql"].startswith('SELECT "negotiations_event"')]
