"""Following the story across articles: a later report updates what is known.

Each scenario is a sequence of short reports written for these tests. After each one the
state as of its date (the dashboard's selector and the API) must say what the reports
say, with one record per real-world thing and a dated development per change; read again
or in another order, the reports give the same final state.
"""

import datetime as dt
import itertools

import pytest
from rest_framework.test import APIClient

from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Event, Indictment, Offer, RecordLink, TalksChannel
from negotiations.selectors import channel_list, negotiation_state
from sources.models import Article
from sources.services import article_submit
from tests.conftest import SAMPLE_ARTICLE

OFFER_MADE_THEN_DECLINED = [
    (
        "2025-03-04",
        "U.S. Offers Amnesty to Maduro\n"
        "WASHINGTON—The United States offered amnesty to Nicolás Maduro on Monday in "
        "exchange for leaving office, two officials said.",
    ),
    (
        "2025-04-10",
        "Maduro Rejects Amnesty\n"
        "CARACAS—Nicolás Maduro rejected the amnesty offer made by the United States on "
        "Wednesday, his spokesman said.",
    ),
]

TALKS_SUSPENDED_THEN_RESUMED = [
    (
        "2025-03-04",
        "Envoys Meet in Oslo\n"
        "OSLO—Jorge Rodríguez and Richard Grenell held talks in Oslo on Monday, "
        "officials said.",
    ),
    (
        "2025-04-03",
        "Talks Suspended\n"
        "The talks between Jorge Rodríguez and Richard Grenell in Oslo were suspended on "
        "Wednesday, a spokesman said.",
    ),
    (
        "2025-05-07",
        "Talks Resume\n"
        "The talks between Jorge Rodríguez and Richard Grenell resumed in Oslo on Tuesday. "
        "Norway said it stands ready to facilitate the next round of talks.",
    ),
]

REWARD_SET_THEN_RAISED = [
    (
        "2020-03-27",
        "Reward Offered\n"
        "The State Department offered a reward of up to $10 million for information leading "
        "to the arrest of Venezuelan Interior Minister Diosdado Cabello, who was charged "
        "with drug trafficking.",
    ),
    (
        "2025-01-11",
        "Reward Raised\n"
        "On January 10, 2025, the State Department raised the reward for information "
        "leading to the arrest of Venezuelan Interior Minister Diosdado Cabello to "
        "$25 million.",
    ),
]


def _ingest(published: str, text: str, publisher: str = "") -> Article:
    article = article_submit(
        text=text, published_on=dt.date.fromisoformat(published), publisher=publisher
    ).article
    assert article_ingest(article_id=article.pk) == "done"
    return article


def _offer_statuses(as_of: str) -> dict[str, str]:
    state = negotiation_state(as_of=dt.date.fromisoformat(as_of))
    return {o.kind: o.status_as_of for o in state.offers}


def _final_state() -> dict:
    state = negotiation_state(as_of=dt.date(2026, 1, 1))
    return {
        "offers": sorted((o.kind, o.status_as_of) for o in state.offers),
        "channels": sorted(
            (c.status_as_of, sorted(p.actor.name for p in c.participants.all()))
            for c in channel_list(as_of=dt.date(2026, 1, 1)).prefetch_related("participants__actor")
        ),
        "bounties": sorted(str(i.bounty_as_of) for i in state.indictments),
        "counts": [m.objects.count() for m in (Offer, TalksChannel, Indictment)],
    }


def test_an_offer_made_then_declined_is_one_offer_that_changes(db):
    (made_on, made), (declined_on, declined) = OFFER_MADE_THEN_DECLINED
    _ingest(made_on, made)
    assert _offer_statuses(made_on) == {"amnesty": "proposed"}
    later = _ingest(declined_on, declined)

    assert Offer.objects.count() == 1
    assert _offer_statuses(made_on) == {"amnesty": "proposed"}
    assert _offer_statuses(declined_on) == {"amnesty": "declined"}
    offer = Offer.objects.get()
    change = Event.objects.get(offer=offer, status_to="declined")
    assert change.occurred_on == dt.date(2025, 4, 9)
    assert change.evidence.get().article == later
    link = RecordLink.objects.get(article=later)
    assert link.record == offer
    assert "same kind (amnesty)" in link.reasons and "days apart" in link.reasons

    api = APIClient().get("/api/v1/state/", {"as_of": declined_on}).json()
    assert [(o["kind"], o["status_as_of"]) for o in api["offers"]] == [("amnesty", "declined")]


def test_talks_suspended_then_resumed_with_a_mediator_are_one_channel(db):
    dates = []
    for published, text in TALKS_SUSPENDED_THEN_RESUMED:
        _ingest(published, text)
        dates.append(published)
    channel = TalksChannel.objects.get()
    statuses = [
        {c.pk: c.status_as_of for c in negotiation_state(as_of=dt.date.fromisoformat(d)).channels}
        for d in dates
    ]
    assert statuses == [{channel.pk: "active"}, {channel.pk: "dormant"}, {channel.pk: "active"}]
    for day, status in zip(dates, ["active", "dormant", "active"], strict=True):
        api = APIClient().get("/api/v1/state/", {"as_of": day}).json()
        assert [(c["id"], c["status_as_of"]) for c in api["channels"]] == [(channel.pk, status)]
    roles = {p.actor.name: p.role for p in channel.participants.select_related("actor")}
    assert roles == {
        "Jorge Rodríguez": "participant",
        "Richard Grenell": "participant",
        "Norway": "mediator",
    }
    changes = Event.objects.filter(channel=channel).exclude(status_to="")
    assert sorted(changes.values_list("status_to", flat=True)) == ["active", "dormant"]
    assert Event.objects.filter(channel=channel, title__contains="Norway").exists()


def test_a_reward_set_then_raised_has_each_amount_as_of_its_date(db):
    for published, text in REWARD_SET_THEN_RAISED:
        _ingest(published, text)
    assert Indictment.objects.count() == 1

    def reward(as_of: str) -> str:
        (indictment,) = negotiation_state(as_of=dt.date.fromisoformat(as_of)).indictments
        return f"{indictment.bounty_as_of:.0f}"

    assert reward("2020-03-27") == "10000000"
    assert reward("2025-01-09") == "10000000"
    assert reward("2025-01-11") == "25000000"
    api = APIClient().get("/api/v1/state/", {"as_of": "2025-01-11"}).json()
    assert [float(i["bounty_as_of"]) for i in api["indictments"]] == [25_000_000]


FOLLOW_UP = (
    "2024-09-10",
    "Maduro Rejects U.S. Amnesty Offer; Talks Suspended\n"
    "CARACAS—Venezuelan President Nicolás Maduro has rejected the amnesty offer made by the "
    "United States, two people familiar with the talks said on Monday.\n"
    "The virtual talks between Jorge Rodríguez and Daniel P. Erikson were suspended after "
    "the rejection, a U.S. official said.\n"
    "Qatar said it stands ready to facilitate a new meeting between the two sides in Doha.\n"
    "On Sept. 5, the State Department raised the reward for information leading to Maduro's "
    "arrest to $25 million.",
)


def test_the_sample_followed_by_a_later_report(db):
    _ingest("2024-08-11", SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    before = [m.objects.count() for m in (Offer, TalksChannel, Indictment)]
    _ingest(*FOLLOW_UP)
    assert [m.objects.count() for m in (Offer, TalksChannel, Indictment)] == before

    state = negotiation_state(as_of=dt.date(2024, 9, 10))
    amnesty = [o for o in state.offers if o.kind == "amnesty" and o.offered_on.year == 2024]
    assert [o.status_as_of for o in amnesty] == ["declined"]
    dormant = [c for c in state.channels if c.status_as_of == "dormant"]
    assert len(dormant) == 1
    roles = {p.actor.name: p.role for p in dormant[0].participants.select_related("actor")}
    assert roles["Qatar"] == "mediator"
    (indictment,) = state.indictments
    assert f"{indictment.bounty_as_of:.0f}" == "25000000"
    earlier = negotiation_state(as_of=dt.date(2024, 9, 4))
    assert f"{earlier.indictments[0].bounty_as_of:.0f}" == "15000000"


@pytest.mark.parametrize(
    "articles",
    [OFFER_MADE_THEN_DECLINED, TALKS_SUSPENDED_THEN_RESUMED, REWARD_SET_THEN_RAISED],
    ids=["offer", "talks", "reward"],
)
def test_reading_again_or_in_another_order_gives_the_same_state(db, articles):
    stored = [_ingest(published, text) for published, text in articles]
    expected = _final_state()
    for article in stored:
        assert article_ingest(article_id=article.pk) == "done"
    assert _final_state() == expected

    for order in itertools.permutations(range(len(articles))):
        Article.objects.all().delete()
        for model in (Event, Offer, TalksChannel, Indictment):
            model.objects.all().delete()
        for index in order:
            _ingest(*articles[index])
        assert _final_state() == expected, order


def test_talks_that_end_conclude_the_known_channel(db):
    held_on, held = TALKS_SUSPENDED_THEN_RESUMED[0]
    _ingest(held_on, held)
    _ingest(
        "2025-04-12",
        "Talks Collapse\nThe talks between Jorge Rodríguez and Richard Grenell in Oslo ended "
        "without agreement on Friday.",
    )
    channel = TalksChannel.objects.get()
    as_of = {d: {c.pk: c.status_as_of for c in channel_list(as_of=dt.date.fromisoformat(d))}
             for d in (held_on, "2025-04-12")}  # fmt: skip
    assert as_of == {held_on: {channel.pk: "active"}, "2025-04-12": {channel.pk: "concluded"}}


REWARD_REPORTED_TWICE = [
    (
        "2025-01-11",
        "Reward Raised\n"
        "On January 10, 2025, the State Department raised the reward for information "
        "leading to the arrest of Venezuelan Interior Minister Diosdado Cabello to "
        "$25 million.",
        "Wire One",
    ),
    (
        "2025-01-12",
        "U.S. Raises Bounty\n"
        "The State Department on January 10, 2025 raised the reward for information leading "
        "to the arrest of Venezuelan Interior Minister Diosdado Cabello to $20 million.",
        "Daily Two",
    ),
]


def test_two_reports_that_disagree_on_an_amount_are_flagged(client, db):
    stored = [_ingest(*report) for report in REWARD_REPORTED_TWICE]
    indictment = Indictment.objects.get()

    api = APIClient().get(f"/api/v1/indictments/{indictment.pk}/").json()
    assert api["sources_disagree"] is True
    (group,) = api["disagreements"]
    stated = sorted(value["value"]["amount"] for value in group["values"])
    assert stated == ["20000000.00", "25000000.00"]
    page = client.get(indictment.get_absolute_url()).content.decode()
    assert "Sources disagree" in page and "Wire One" in page and "Daily Two" in page
    assert indictment.get_absolute_url() in client.get("/disagreements/").content.decode()

    # Read again, the same disagreement: no claim twice.
    claims = indictment.claims.count()
    for article in stored:
        assert article_ingest(article_id=article.pk) == "done"
    assert indictment.claims.count() == claims
