"""claim_record: one claim per source, value and time, stated again rather than repeated."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.dates import DatePrecision, PartialDate
from core.models import ReviewState
from negotiations.choices import ClaimProperty, ClaimState, OfferStatus
from negotiations.claims import claim_record
from negotiations.models import Claim
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    TalksChannelFactory,
)

SEP_5 = dt.date(2024, 9, 5)


def quote(record, text: str, *, publisher: str, published_on: dt.date, url: str = ""):
    """A quote from an article of its own: the whole text, by `publisher`."""
    article = ArticleFactory(text=text, publisher=publisher, published_on=published_on, url=url)
    return EvidenceFactory(record=record, article=article, start=0, end=len(text))


@pytest.fixture
def indictment(db):
    return IndictmentFactory(charges="Charges against the general", first_reported_on=SEP_5)


def test_it_keeps_what_a_source_states(indictment):
    evidence = quote(
        indictment,
        "The reward was raised to $25 million on Sept. 5.",
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    claim = claim_record(
        record=indictment,
        property=ClaimProperty.BOUNTY_AMOUNT,
        value={"amount": 25_000_000, "currency": "usd"},
        holds_on=SEP_5,
        evidence=evidence,
    )
    assert claim.record == indictment
    assert claim.value == {"amount": "25000000.00", "currency": "USD"}
    assert claim.value_key == "USD 25000000.00"
    assert (claim.holds_on, claim.holds_precision) == (SEP_5, DatePrecision.DAY)
    assert claim.source_key == "publisher:harbour post"
    assert claim.first_stated_on == claim.last_stated_on == dt.date(2024, 9, 6)
    assert claim.state == ClaimState.STATED


def test_the_same_source_stating_it_again_moves_last_stated_on_and_adds_nothing(indictment):
    first = quote(
        indictment,
        "The reward rose to $25 million on Sept. 5, officials said.",
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    later = quote(
        indictment,
        "The $25 million reward set on Sept. 5 still stands.",
        publisher="The  harbour post",
        published_on=dt.date(2024, 10, 2),
    )
    value = ("25000000", "USD")
    for evidence in (later, first, first, later):
        claim_record(
            record=indictment,
            property="bounty_amount",
            value=value,
            holds_on=SEP_5,
            evidence=evidence,
        )
    claim = Claim.objects.get()
    assert (claim.first_stated_on, claim.last_stated_on) == (
        dt.date(2024, 9, 6),
        dt.date(2024, 10, 2),
    )
    assert claim.evidence == later


def test_two_sources_stating_the_same_value_are_two_claims_that_agree(indictment):
    for publisher, day in (("Harbour Post", 6), ("Valley Courier", 7)):
        evidence = quote(
            indictment,
            f"{publisher} says: the reward is $25 million since Sept. 5.",
            publisher=publisher,
            published_on=dt.date(2024, 9, day),
        )
        claim_record(
            record=indictment,
            property="bounty_amount",
            value=("25000000", "USD"),
            holds_on=SEP_5,
            evidence=evidence,
        )
    assert Claim.objects.count() == 2
    assert set(Claim.objects.values_list("state", flat=True)) == {ClaimState.STATED}


def test_a_quote_read_again_differently_replaces_what_it_stated(indictment):
    evidence = quote(
        indictment,
        "The reward was raised on Sept. 5 to $25 million.",
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    for amount in ("15000000", "25000000"):
        claim_record(
            record=indictment,
            property="bounty_amount",
            value=(amount, "USD"),
            holds_on=SEP_5,
            evidence=evidence,
        )
    assert list(Claim.objects.values_list("value_key", "state")) == [
        ("USD 25000000.00", ClaimState.STATED)
    ]


def test_sources_are_publishers_then_sites_then_the_editors(db):
    offer = OfferFactory()
    by_site = quote(
        offer,
        "An offer of amnesty was declined.",
        publisher="",
        url="https://www.example.org/news/1",
        published_on=dt.date(2024, 9, 6),
    )
    claim = claim_record(
        record=offer, property="status", value="declined", holds_on=SEP_5, evidence=by_site
    )
    assert claim.source_key == "site:example.org"
    note = EvidenceFactory(
        record=offer, article=None, start=None, end=None, quote="", note="Told by a diplomat."
    )
    note.published_on = dt.date(2024, 9, 8)
    note.save()
    claim = claim_record(
        record=offer, property="status", value="declined", holds_on=SEP_5, evidence=note
    )
    assert (claim.source_key, claim.first_stated_on) == ("editors", dt.date(2024, 9, 8))


def test_a_date_claim_is_the_records_own_and_ingestion_records_take_the_best_supported(db):
    event = EventFactory(
        title="Talks suspended", occurred_on=dt.date(2024, 9, 1), occurred_precision="month"
    )
    for publisher, value in (
        ("Harbour Post", PartialDate(dt.date(2024, 9, 1), DatePrecision.MONTH)),
        ("Valley Courier", dt.date(2024, 9, 3)),
    ):
        evidence = quote(
            event, f"{publisher}: talks were suspended.", publisher=publisher, published_on=SEP_5
        )
        claim_record(record=event, property="date", value=value, evidence=evidence)
    event.refresh_from_db()
    # "Sep 2024" and "3 Sep 2024" agree; the more precise is shown.
    assert (event.occurred_on, event.occurred_precision) == (dt.date(2024, 9, 3), "day")
    assert set(Claim.objects.values_list("state", flat=True)) == {ClaimState.STATED}
    with pytest.raises(ValidationError):
        claim_record(record=event, property="date", value=SEP_5, holds_on=SEP_5, evidence=evidence)


def test_a_record_an_editor_decided_on_keeps_its_value(db):
    event = EventFactory(occurred_on=dt.date(2024, 9, 2), review_state=ReviewState.CONFIRMED)
    evidence = quote(
        event, "Talks were suspended on Sept. 3.", publisher="Harbour Post", published_on=SEP_5
    )
    claim_record(record=event, property="date", value=dt.date(2024, 9, 3), evidence=evidence)
    event.refresh_from_db()
    assert event.occurred_on == dt.date(2024, 9, 2)


def test_the_first_reported_reward_follows_its_claims(indictment):
    evidence = quote(
        indictment, "A $15 million reward is offered.", publisher="Harbour Post", published_on=SEP_5
    )
    claim_record(
        record=indictment, property="bounty_amount", value=("15000000", "USD"), evidence=evidence
    )
    indictment.refresh_from_db()
    assert (indictment.bounty_amount, indictment.bounty_currency) == (Decimal("15000000"), "USD")


@pytest.mark.parametrize(
    ("property", "value"),
    [
        ("status", "no such status"),
        ("bounty_amount", ("-5", "USD")),
        ("bounty_amount", ("5", "dollars")),
        ("bounty_amount", "25000000"),
        ("date", "yesterday"),
        ("participant", {"actor": 0, "role": "mediator"}),
        ("salary", "1"),
    ],
)
def test_a_value_the_property_cannot_have_is_refused(indictment, property, value):
    record = TalksChannelFactory() if property == "participant" else indictment
    evidence = quote(record, "Something was said.", publisher="Harbour Post", published_on=SEP_5)
    with pytest.raises(ValidationError):
        claim_record(record=record, property=property, value=value, evidence=evidence)
    assert not Claim.objects.exists()


def test_a_status_is_one_of_the_records_kind(db):
    offer, channel = OfferFactory(), TalksChannelFactory()
    evidence = quote(
        offer, "The talks were suspended.", publisher="Harbour Post", published_on=SEP_5
    )
    with pytest.raises(ValidationError):
        claim_record(record=offer, property="status", value="dormant", evidence=evidence)
    claim = claim_record(record=channel, property="status", value="dormant", evidence=evidence)
    assert claim.value == "dormant"
    claim = claim_record(
        record=offer, property="status", value=OfferStatus.DECLINED, evidence=evidence
    )
    assert claim.value == "declined"


def test_a_participant_claim_names_the_actor_and_its_role(db):
    channel, actor = TalksChannelFactory(), ActorFactory(name="Republic of Eastmark")
    evidence = quote(
        channel, "Eastmark will host the next round.", publisher="Harbour Post", published_on=SEP_5
    )
    claim = claim_record(
        record=channel, property="participant", value=(actor, "mediator"), evidence=evidence
    )
    assert claim.value == {"actor": actor.pk, "name": "Republic of Eastmark", "role": "mediator"}


def test_the_database_refuses_a_second_claim_of_one_source_value_and_time(indictment):
    evidence = quote(
        indictment, "A $15 million reward.", publisher="Harbour Post", published_on=SEP_5
    )
    claim = claim_record(
        record=indictment, property="bounty_amount", value=("15000000", "USD"), evidence=evidence
    )
    twin = Claim(
        content_type=claim.content_type,
        object_id=claim.object_id,
        property=claim.property,
        value=claim.value,
        value_key=claim.value_key,
        evidence=evidence,
        source_key=claim.source_key,
        first_stated_on=SEP_5,
        last_stated_on=SEP_5,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
