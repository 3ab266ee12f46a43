"""/disagreements/: editors settle where sources disagree by choosing a value, written to the
record through the editors' path (with history); the other claims stay, disputed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from core.models import ReviewState
from negotiations.choices import ClaimState, EventKind, EventStatus, OfferStatus
from negotiations.claim_choice import claim_choose
from negotiations.claims import claim_record
from negotiations.models import Claim, Event
from negotiations.selectors import indictment_list, offer_list
from tests.factories import (
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
)

SEP_5 = dt.date(2024, 9, 5)


def quote(record, text: str, *, publisher: str, published_on: dt.date):
    article = ArticleFactory(text=text, publisher=publisher, published_on=published_on)
    return EvidenceFactory(record=record, article=article, start=0, end=len(text))


def bounty_development(indictment, amount: str, *, publisher: str, day: int):
    """What ingestion makes of "the reward was raised to $N on Sept. 5": a bounty development
    quoting the article, and the claim its source makes about the indictment."""
    event = EventFactory(
        title=f"Reward raised to ${amount}",
        kind=EventKind.BOUNTY,
        occurred_on=SEP_5,
        indictment=indictment,
        bounty_amount=Decimal(amount),
        bounty_currency="USD",
        first_reported_on=dt.date(2024, 9, day),
    )
    evidence = quote(
        event,
        f"The reward for the general was raised to ${amount} on Sept. 5.",
        publisher=publisher,
        published_on=dt.date(2024, 9, day),
    )
    claim = claim_record(
        record=indictment,
        property="bounty_amount",
        value=(amount, "USD"),
        holds_on=SEP_5,
        evidence=evidence,
    )
    return event, claim


@pytest.fixture
def rewards(db):
    """Two reports of the reward raised on 5 Sep: $25 million (Harbour Post) and $20
    million (Valley Courier, a day later)."""
    indictment = IndictmentFactory(
        charges="Charges against the general",
        bounty_amount=Decimal("15000000"),
        bounty_currency="USD",
        first_reported_on=dt.date(2024, 8, 1),
    )
    high, high_claim = bounty_development(indictment, "25000000", publisher="Harbour Post", day=6)
    low, low_claim = bounty_development(indictment, "20000000", publisher="Valley Courier", day=7)
    return indictment, (high, high_claim), (low, low_claim)


def choose_url(claim) -> str:
    return f"/disagreements/{claim.pk}/choose/"


def test_readers_see_open_disagreements_with_each_claim_and_its_source(client, rewards):
    indictment, (_, high_claim), _ = rewards
    response = client.get("/disagreements/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Charges against the general" in page
    assert "Reward on 5 Sep 2024" in page
    assert "USD 25,000,000" in page and "USD 20,000,000" in page
    assert "Harbour Post" in page and "Valley Courier" in page
    assert f"#evidence-{high_claim.evidence_id}" in page
    assert choose_url(high_claim) not in page  # no button for readers


def test_with_read_requires_login_the_list_needs_a_sign_in(client, rewards, settings):
    settings.READ_REQUIRES_LOGIN = True
    response = client.get("/disagreements/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_editors_settle_one_by_choosing_and_the_value_is_written_with_history(
    editor_client, editor, rewards
):
    indictment, (high, high_claim), (low, low_claim) = rewards
    page = editor_client.get("/disagreements/").content.decode()
    assert choose_url(high_claim) in page and choose_url(low_claim) in page
    # Shown until an editor chooses: the later report (one source each).
    assert indictment_list().get(pk=indictment.pk).bounty_as_of == Decimal("20000000")

    response = editor_client.post(choose_url(high_claim), {"next": "/disagreements/"})
    assert response.status_code == 302 and response["Location"] == "/disagreements/"

    assert indictment_list().get(pk=indictment.pk).bounty_as_of == Decimal("25000000")
    high.refresh_from_db()
    low.refresh_from_db()
    assert high.review_state == ReviewState.CONFIRMED and high.reviewed_by == editor
    assert low.review_state == ReviewState.REJECTED
    assert low.history.first().history_user == editor
    assert dict(Claim.objects.values_list("pk", "state")) == {
        high_claim.pk: ClaimState.CHOSEN,
        low_claim.pk: ClaimState.DISPUTED,
    }
    assert set(Claim.objects.values_list("chosen_by", flat=True)) == {editor.pk}

    follow = editor_client.get("/disagreements/").content.decode()
    assert "No open disagreement" in follow
    settled = editor_client.get("/disagreements/?resolved=1").content.decode()
    assert "USD 20,000,000" in settled and "Disputed" in settled and "editor" in settled


def test_the_record_page_and_the_dashboard_line_say_sources_disagree(client, rewards, editor):
    indictment, (_, high_claim), (_, low_claim) = rewards
    page = client.get(indictment.get_absolute_url()).content.decode()
    assert "Sources disagree" in page
    assert "USD 25,000,000" in page and "USD 20,000,000" in page
    assert f"#evidence-{low_claim.evidence_id}" in page
    dashboard = client.get("/").content.decode()
    assert "Sources disagree" in dashboard and "Valley Courier" in dashboard

    claim_choose(claim=high_claim, by=editor)
    page = client.get(indictment.get_absolute_url()).content.decode()
    assert "Sources disagree" in page and "an editor chose" in page
    assert "Disputed" in page  # the other claim stays, with its source
    assert f"#evidence-{low_claim.evidence_id}" in page
    # As known before the choice, it was open.
    before = client.get(f"{indictment.get_absolute_url()}?as_of=2024-09-08").content.decode()
    assert "the best supported value, until an editor chooses" in before


def test_only_editors_may_choose(client, reader, rewards):
    _, (_, high_claim), _ = rewards
    response = client.post(choose_url(high_claim))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(reader)
    assert client.post(choose_url(high_claim)).status_code == 403
    assert client.get(choose_url(high_claim)).status_code == 405
    assert not Claim.objects.filter(state=ClaimState.CHOSEN).exists()


def test_choosing_needs_the_forms_csrf_token(editor, rewards):
    _, (_, high_claim), _ = rewards
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(choose_url(high_claim)).status_code == 403
    assert not Claim.objects.filter(state=ClaimState.CHOSEN).exists()


def test_choosing_again_changes_the_decision(editor, rewards):
    indictment, (high, high_claim), (low, low_claim) = rewards
    claim_choose(claim=high_claim, by=editor)
    claim_choose(claim=low_claim, by=editor)
    assert Claim.objects.get(pk=low_claim.pk).state == ClaimState.CHOSEN
    assert Claim.objects.get(pk=high_claim.pk).state == ClaimState.DISPUTED
    assert indictment_list().get(pk=indictment.pk).bounty_as_of == Decimal("20000000")
    # The development the first choice rejected is back; the other one goes.
    low.refresh_from_db()
    high.refresh_from_db()
    assert (low.review_state, low.bounty_amount) == (ReviewState.CONFIRMED, Decimal("20000000"))
    assert (high.review_state, high.bounty_amount) == (ReviewState.REJECTED, Decimal("25000000"))


def test_a_new_source_after_the_choice_is_disputed_or_chosen_with_it(editor, rewards):
    indictment, (high, high_claim), _ = rewards
    claim_choose(claim=high_claim, by=editor)
    _, late = bounty_development(indictment, "30000000", publisher="Coast Gazette", day=20)
    assert Claim.objects.get(pk=late.pk).state == ClaimState.DISPUTED
    evidence = quote(high, "It was $25 million.", publisher="Coast Herald", published_on=SEP_5)
    agreeing = claim_record(
        record=indictment,
        property="bounty_amount",
        value=("25000000", "USD"),
        holds_on=SEP_5,
        evidence=evidence,
    )
    assert agreeing.state == ClaimState.CHOSEN


def test_two_statuses_for_one_day_settled_leave_one_development(editor, db):
    offer = OfferFactory(first_reported_on=dt.date(2024, 8, 1))
    claims = {}
    for status, publisher in (
        (OfferStatus.DECLINED, "Harbour Post"),
        (OfferStatus.ACCEPTED, "Valley Courier"),
    ):
        event = EventFactory(
            title=f"Offer {status}",
            kind=EventKind.STATUS_CHANGE,
            status=EventStatus.OCCURRED,
            occurred_on=SEP_5,
            offer=offer,
            status_to=status,
            first_reported_on=dt.date(2024, 9, 6),
        )
        evidence = quote(
            event,
            f"The offer was {status} on Sept. 5.",
            publisher=publisher,
            published_on=dt.date(2024, 9, 6),
        )
        claims[status] = claim_record(
            record=offer, property="status", value=status, holds_on=SEP_5, evidence=evidence
        )
    claim_choose(claim=claims[OfferStatus.DECLINED], by=editor)
    shown = Event.objects.exclude(review_state=ReviewState.REJECTED).filter(offer=offer)
    assert list(shown.values_list("status_to", flat=True)) == [OfferStatus.DECLINED]
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED
    assert offer_list(as_of=dt.date(2024, 9, 10)).get(pk=offer.pk).status_as_of == "declined"


def test_a_status_first_reported_two_ways_is_the_records_own(editor_client, editor, db):
    offer = OfferFactory(first_reported_on=dt.date(2024, 8, 11), status=OfferStatus.PROPOSED)
    day = dt.date(2024, 8, 11)
    proposed = claim_record(
        record=offer,
        property="status",
        value="proposed",
        holds_on=day,
        evidence=quote(offer, "The offer stands.", publisher="Harbour Post", published_on=day),
    )
    claim_record(
        record=offer,
        property="status",
        value="under_discussion",
        holds_on=day,
        evidence=quote(
            offer, "The offer is being discussed.", publisher="Valley Courier", published_on=day
        ),
    )
    discussed = Claim.objects.exclude(pk=proposed.pk).get()
    editor_client.post(choose_url(discussed))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.UNDER_DISCUSSION
    assert offer.review_state == ReviewState.CORRECTED
    latest = offer.history.first()
    assert latest.history_user == editor and latest.status == OfferStatus.UNDER_DISCUSSION
    assert not Event.objects.exists()


def test_a_status_for_a_day_without_its_development_adds_one_citing_the_chosen_quote(editor, db):
    offer = OfferFactory(first_reported_on=dt.date(2024, 8, 1))
    EventFactory(
        title="Offer under discussion",
        kind=EventKind.STATUS_CHANGE,
        offer=offer,
        occurred_on=dt.date(2024, 8, 20),
        status_to="under_discussion",
    )
    declined = claim_record(
        record=offer,
        property="status",
        value="declined",
        holds_on=SEP_5,
        evidence=quote(
            offer,
            "The offer was declined on Sept. 5.",
            publisher="Harbour Post",
            published_on=dt.date(2024, 9, 6),
        ),
    )
    claim_record(
        record=offer,
        property="status",
        value="accepted",
        holds_on=SEP_5,
        evidence=quote(
            offer,
            "The offer was accepted on Sept. 5.",
            publisher="Valley Courier",
            published_on=dt.date(2024, 9, 6),
        ),
    )
    claim_choose(claim=declined, by=editor)
    added = Event.objects.get(occurred_on=SEP_5)
    assert (added.offer, added.status_to, added.created_by) == (offer, "declined", editor)
    (cited,) = added.evidence.all()
    assert (cited.article_id, cited.quote) == (
        declined.evidence.article_id,
        declined.evidence.quote,
    )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED


def test_a_developments_own_date_is_corrected_on_it(editor_client, editor, db):
    event = EventFactory(title="Talks suspended", occurred_on=dt.date(2024, 9, 3))
    third = claim_record(
        record=event,
        property="date",
        value=dt.date(2024, 9, 3),
        evidence=quote(
            event, "Talks were suspended on Sept. 3.", publisher="Harbour Post", published_on=SEP_5
        ),
    )
    fourth = claim_record(
        record=event,
        property="date",
        value=dt.date(2024, 9, 4),
        evidence=quote(
            event,
            "Talks were suspended on Sept. 4.",
            publisher="Valley Courier",
            published_on=dt.date(2024, 9, 6),
        ),
    )
    event.refresh_from_db()
    assert event.occurred_on == dt.date(2024, 9, 4)  # the latest stated, until chosen
    editor_client.post(choose_url(third))
    event.refresh_from_db()
    assert event.occurred_on == dt.date(2024, 9, 3)
    assert event.history.first().history_user == editor
    assert Claim.objects.get(pk=fourth.pk).state == ClaimState.DISPUTED
    page = editor_client.get(event.get_absolute_url()).content.decode()
    assert "Sources disagree" in page and "4 Sep 2024" in page
