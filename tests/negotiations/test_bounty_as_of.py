"""An indictment's reward on a date: its latest bounty development known by then, else
the reward first reported with it. The dashboard, record pages and API agree."""

import datetime as dt

import pytest

from core.models import ReviewState
from negotiations.choices import EventKind
from negotiations.selectors import indictment_list
from tests.factories import EventFactory, IndictmentFactory

RAISED_ON = dt.date(2025, 1, 10)


@pytest.fixture
def indictment(db):
    indictment = IndictmentFactory(
        charges="Narco-terrorism",
        bounty_amount=15_000_000,
        bounty_currency="USD",
        first_reported_on=dt.date(2020, 3, 26),
    )
    bounty = {"kind": EventKind.BOUNTY, "indictment": indictment, "bounty_currency": "USD"}
    EventFactory(
        title="Reward raised",
        occurred_on=RAISED_ON,
        first_reported_on=RAISED_ON,
        bounty_amount=25_000_000,
        **bounty,
    )
    # Neither of these counts: one an editor rejected, one not reported until later.
    EventFactory(
        title="Misread reward",
        occurred_on=dt.date(2025, 6, 1),
        first_reported_on=dt.date(2025, 6, 1),
        bounty_amount=99,
        review_state=ReviewState.REJECTED,
        **bounty,
    )
    EventFactory(
        title="Reward raised again",
        occurred_on=dt.date(2025, 2, 1),
        first_reported_on=dt.date(2025, 3, 1),
        bounty_amount=50_000_000,
        **bounty,
    )
    return indictment


@pytest.mark.parametrize(
    "as_of, amount",
    [
        (dt.date(2025, 1, 9), 15_000_000),
        (RAISED_ON, 25_000_000),
        (dt.date(2025, 2, 15), 25_000_000),  # the next raise happened, but was not yet known
        (dt.date(2025, 3, 1), 50_000_000),
        (None, 50_000_000),
    ],
)
def test_the_reward_is_the_latest_known_by_the_date(indictment, as_of, amount):
    found = indictment_list(as_of=as_of).get(pk=indictment.pk)
    assert (found.bounty_as_of, found.bounty_currency_as_of) == (amount, "USD")


def test_the_dashboard_record_page_and_api_show_the_reward_of_the_date(client, indictment):
    before = "?as_of=2024-12-31"
    assert "USD 15,000,000" in client.get(f"/{before}").content.decode()
    assert "USD 50,000,000" in client.get("/").content.decode()
    page = client.get(f"{indictment.get_absolute_url()}{before}").content.decode()
    assert "USD 15,000,000" in page
    page = client.get(indictment.get_absolute_url()).content.decode()
    assert "USD 50,000,000" in page and "first reported: USD 15,000,000" in page
    body = client.get(f"/api/v1/indictments/{indictment.pk}/{before}").json()
    assert (body["bounty_as_of"], body["bounty_amount"]) == ("15000000.00", "15000000.00")
    body = client.get(f"/api/v1/indictments/{indictment.pk}/").json()
    assert (body["bounty_as_of"], body["bounty_currency_as_of"]) == ("50000000.00", "USD")


def test_the_development_and_the_timeline_show_the_reward_it_set(client, indictment):
    raised = indictment.events.get(title="Reward raised")
    assert "reward set to USD 25,000,000" in client.get(raised.get_absolute_url()).content.decode()
    assert "reward USD 25,000,000" in client.get("/timeline/").content.decode()
