"""Disagreements: different values claimed for one record, property and time, and the value
shown for each (negotiations.claims' rules; selectors.record_disagreements, disagreement_list)."""

import datetime as dt

import pytest

from core.dates import DatePrecision, PartialDate
from core.models import ReviewState
from negotiations.choices import ClaimState
from negotiations.models import Claim
from negotiations.selectors import (
    disagreement_list,
    event_list,
    indictment_list,
    offer_list,
    record_disagreements,
)
from tests.claims import SEP_5
from tests.claims import stated as state
from tests.factories import (
    ActorFactory,
    EventFactory,
    IndictmentFactory,
    OfferFactory,
    TalksChannelFactory,
)


@pytest.fixture
def indictment(db):
    return IndictmentFactory(charges="Charges against the general", first_reported_on=SEP_5)


def test_two_articles_stating_different_rewards_for_one_date_disagree(indictment):
    state(
        indictment,
        "bounty_amount",
        ("25000000", "USD"),
        holds_on=SEP_5,
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    state(
        indictment,
        "bounty_amount",
        ("20000000", "USD"),
        holds_on=SEP_5,
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 7),
    )

    (group,) = record_disagreements(indictment_list().get(pk=indictment.pk))
    assert group.is_open and group.state == "open"
    assert (group.label, group.holds_display) == ("Reward", "5 Sep 2024")
    assert [v.display for v in group.values] == ["USD 20,000,000", "USD 25,000,000"]
    assert [v.sources for v in group.values] == [1, 1]
    # One source each: the most recently stated is shown.
    assert group.shown.display == "USD 20,000,000"
    assert set(Claim.objects.values_list("state", flat=True)) == {ClaimState.CONFLICTING}


def test_two_statuses_for_the_same_day_disagree(db):
    offer = OfferFactory()
    state(
        offer,
        "status",
        "declined",
        holds_on=SEP_5,
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    state(
        offer,
        "status",
        "accepted",
        holds_on=SEP_5,
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 6),
    )
    (group,) = record_disagreements(offer_list().get(pk=offer.pk))
    assert {v.display for v in group.values} == {"Declined", "Accepted"}
    # Same support, same day: the values' own order decides, whatever came first.
    assert group.shown.display == "Accepted"


def test_statuses_on_different_days_are_a_story_not_a_disagreement(db):
    offer = OfferFactory()
    state(
        offer,
        "status",
        "under_discussion",
        holds_on=SEP_5,
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    state(
        offer,
        "status",
        "declined",
        holds_on=dt.date(2024, 9, 20),
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 21),
    )
    assert record_disagreements(offer_list().get(pk=offer.pk)) == []
    assert set(Claim.objects.values_list("state", flat=True)) == {ClaimState.STATED}


def test_a_month_claim_meets_the_days_within_it(db):
    offer = OfferFactory()
    september = PartialDate(dt.date(2024, 9, 1), DatePrecision.MONTH)
    state(
        offer,
        "status",
        "declined",
        holds_on=september,
        publisher="Harbour Post",
        published_on=dt.date(2024, 10, 1),
    )
    state(
        offer,
        "status",
        "accepted",
        holds_on=dt.date(2024, 9, 20),
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 21),
    )
    state(
        offer,
        "status",
        "accepted",
        holds_on=dt.date(2024, 10, 20),
        publisher="Valley Courier",
        published_on=dt.date(2024, 10, 21),
    )
    (group,) = record_disagreements(offer_list().get(pk=offer.pk))
    assert group.holds_display == "Sep 2024"
    assert len(group.claims) == 2


def test_dates_agree_when_one_holds_the_other_and_disagree_otherwise(db):
    event = EventFactory(title="Talks suspended", occurred_on=dt.date(2024, 9, 1))
    month = PartialDate(dt.date(2024, 9, 1), DatePrecision.MONTH)
    state(event, "date", month, publisher="Harbour Post", published_on=SEP_5)
    state(event, "date", dt.date(2024, 9, 3), publisher="Valley Courier", published_on=SEP_5)
    assert not Claim.objects.exclude(state=ClaimState.STATED).exists()
    event.refresh_from_db()
    assert (event.occurred_on, event.occurred_precision) == (dt.date(2024, 9, 3), "day")
    state(event, "date", dt.date(2024, 9, 4), publisher="Coast Gazette", published_on=SEP_5)
    (group,) = record_disagreements(event_list().get(pk=event.pk))
    assert group.holds_display == ""
    # The days disagree; every source agrees with "Sep 2024": that much is shown.
    assert [(v.display, v.sources) for v in group.values] == [
        ("Sep 2024", 3),
        ("3 Sep 2024", 2),
        ("4 Sep 2024", 2),
    ]
    event.refresh_from_db()
    assert (event.occurred_on, event.occurred_precision) == (dt.date(2024, 9, 1), "month")


def test_the_best_supported_value_is_shown_and_a_source_counts_for_its_latest_word(indictment):
    for publisher, day in (("Harbour Post", 6), ("Valley Courier", 7)):
        state(
            indictment,
            "bounty_amount",
            ("25000000", "USD"),
            holds_on=SEP_5,
            publisher=publisher,
            published_on=dt.date(2024, 9, day),
        )
    state(
        indictment,
        "bounty_amount",
        ("20000000", "USD"),
        holds_on=SEP_5,
        publisher="Coast Gazette",
        published_on=dt.date(2024, 9, 9),
    )
    (group,) = record_disagreements(indictment_list().get(pk=indictment.pk))
    assert (group.shown.display, group.shown.sources) == ("USD 25,000,000", 2)
    # The Valley Courier corrects itself: its latest word counts, not its first.
    state(
        indictment,
        "bounty_amount",
        ("20000000", "USD"),
        holds_on=SEP_5,
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 10),
    )
    (group,) = record_disagreements(indictment_list().get(pk=indictment.pk))
    assert [(v.display, v.sources) for v in group.values] == [
        ("USD 20,000,000", 2),
        ("USD 25,000,000", 1),
    ]


def test_as_of_a_day_before_the_second_source_there_is_no_disagreement(indictment):
    state(
        indictment,
        "bounty_amount",
        ("25000000", "USD"),
        holds_on=SEP_5,
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    state(
        indictment,
        "bounty_amount",
        ("20000000", "USD"),
        holds_on=SEP_5,
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 12),
    )
    day = dt.date(2024, 9, 10)
    record = indictment_list(as_of=day).get(pk=indictment.pk)
    assert record_disagreements(record, as_of=day) == []
    record = indictment_list(as_of=dt.date(2024, 9, 12)).get(pk=indictment.pk)
    assert len(record_disagreements(record, as_of=dt.date(2024, 9, 12))) == 1


def test_roles_disagree_only_about_the_same_actor(db):
    channel = TalksChannelFactory()
    host, envoy = ActorFactory(name="Republic of Eastmark"), ActorFactory(name="An envoy")
    state(channel, "participant", (host, "mediator"), publisher="Harbour Post", published_on=SEP_5)
    state(
        channel,
        "participant",
        (envoy, "participant"),
        publisher="Valley Courier",
        published_on=SEP_5,
    )
    assert not Claim.objects.exclude(state=ClaimState.STATED).exists()
    state(
        channel,
        "participant",
        (host, "participant"),
        publisher="Valley Courier",
        published_on=SEP_5,
    )
    assert Claim.objects.filter(state=ClaimState.CONFLICTING).count() == 2
    assert Claim.objects.get(value__actor=envoy.pk).state == ClaimState.STATED


def test_the_editors_list_holds_open_disagreements_with_their_records(indictment):
    offer = OfferFactory(review_state=ReviewState.REJECTED)
    for record in (indictment, offer):
        prop, values = (
            ("status", ["in_force", "lifted"])
            if record is indictment
            else ("status", ["declined", "accepted"])
        )
        for publisher, value in zip(("Harbour Post", "Valley Courier"), values, strict=True):
            state(
                record,
                prop,
                value,
                holds_on=SEP_5,
                publisher=publisher,
                published_on=dt.date(2024, 9, 6),
            )
    (group,) = disagreement_list()
    assert group.record == indictment  # an editor rejected the offer: not listed
    assert disagreement_list(resolved=True) == []


def test_a_record_list_costs_one_query_for_its_claims(indictment, django_assert_num_queries):
    state(
        indictment,
        "bounty_amount",
        ("25000000", "USD"),
        holds_on=SEP_5,
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    state(
        indictment,
        "bounty_amount",
        ("20000000", "USD"),
        holds_on=SEP_5,
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 7),
    )
    records = list(indictment_list())
    with django_assert_num_queries(0):
        groups = record_disagreements(records[0])
        [claim.evidence.article.publisher for group in groups for claim in group.claims]
