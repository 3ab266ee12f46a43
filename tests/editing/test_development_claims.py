"""An editor's cited development claims what it says: its subject's status, or the reward,
from its date (the API's status change too: tests/api/test_disagreements.py)."""

import datetime as dt
from decimal import Decimal

from core.dates import DatePrecision
from negotiations.choices import EventKind, OfferStatus
from negotiations.models import Claim
from negotiations.services import event_record
from sources.services import SourceInput
from tests.factories import IndictmentFactory, OfferFactory

URL = "/developments/add/"


def test_a_cited_status_change_claims_the_status_at_its_date(editor_client, article, offer):
    response = editor_client.post(
        URL,
        {
            "title": "Amnesty offer declined",
            "occurred_year": "2025",
            "occurred_month": "2",
            "occurred_precision": "",
            "status": "occurred",
            "kind": "status_change",
            "offer": offer.pk,
            "status_to": "declined",
            "source_kind": "article",
            "article": article.pk,
            "quote": "offered amnesty to the general",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    claim = Claim.objects.get()
    assert (claim.record, claim.property, claim.value) == (offer, "status", "declined")
    assert (claim.holds_on, claim.holds_precision) == (dt.date(2025, 2, 1), DatePrecision.MONTH)
    assert claim.evidence.quote == "offered amnesty to the general"
    assert claim.first_stated_on == dt.date(2025, 2, 3)  # the article's date


def test_a_cited_reward_claims_the_indictments_reward_at_its_date(editor, article):
    indictment = IndictmentFactory()
    event_record(
        by=editor,
        fields={
            "title": "Reward raised",
            "kind": EventKind.BOUNTY,
            "occurred_on": dt.date(2025, 2, 3),
            "indictment": indictment,
            "bounty_amount": Decimal("25000000"),
            "bounty_currency": "USD",
        },
        source=SourceInput(article=article, quote="offered amnesty to the general"),
    )
    claim = Claim.objects.get()
    assert (claim.record, claim.value) == (
        indictment,
        {"amount": "25000000.00", "currency": "USD"},
    )
    assert claim.holds_on == dt.date(2025, 2, 3)


def test_a_development_without_a_source_claims_nothing(editor, db):
    offer = OfferFactory()
    event_record(
        by=editor,
        fields={
            "title": "Offer declined",
            "kind": EventKind.STATUS_CHANGE,
            "occurred_on": dt.date(2025, 2, 3),
            "offer": offer,
            "status_to": OfferStatus.DECLINED,
        },
    )
    assert not Claim.objects.exists()
