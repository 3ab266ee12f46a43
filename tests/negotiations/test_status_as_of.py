"""A date before a record's first status change shows the status it had then, as first
reported; never the field's default, a status no source gave."""

import datetime as dt
import importlib

from django.apps import apps
from rest_framework.test import APIClient

from core.editing import record_create
from negotiations.models import Event, Offer
from negotiations.selectors import negotiation_state, offer_list
from negotiations.services import event_record
from tests.factories import EventFactory, OfferFactory

BEFORE, AFTER = dt.date(2024, 9, 1), dt.date(2024, 11, 1)


def offer_under_discussion(editor) -> Offer:
    return record_create(
        model=Offer,
        by=editor,
        fields={
            "terms": "Amnesty for exit",
            "status": "under_discussion",
            "first_reported_on": dt.date(2024, 8, 1),
        },
    )


def declined(editor, offer, on=dt.date(2024, 10, 1)) -> Event:
    return event_record(
        by=editor,
        fields={
            "title": "Offer declined",
            "kind": "status_change",
            "occurred_on": on,
            "first_reported_on": on,
            "offer": offer,
            "status_to": "declined",
        },
    )


def status_on(offer, day) -> str | None:
    return offer_list(as_of=day).get(pk=offer.pk).status_as_of


def test_a_date_before_the_change_shows_the_status_first_reported(editor):
    offer = offer_under_discussion(editor)
    declined(editor, offer)

    assert status_on(offer, BEFORE) == "under_discussion"
    assert status_on(offer, AFTER) == "declined"
    offer.refresh_from_db()
    assert (offer.status, offer.initial_status) == ("declined", "under_discussion")


def test_the_page_and_the_api_show_it_too(client, editor):
    offer = offer_under_discussion(editor)
    declined(editor, offer)

    page = client.get(f"{offer.get_absolute_url()}?as_of={BEFORE}").content.decode()
    assert "Under discussion" in page and "Proposed" not in page
    body = APIClient().get(f"/api/v1/offers/{offer.pk}/", {"as_of": BEFORE}).json()
    assert body["status_as_of"] == "under_discussion"
    assert negotiation_state(as_of=BEFORE).offer_counts == {"under_discussion": 1}


def test_a_back_filled_earlier_change_keeps_the_status_before_both(editor):
    offer = offer_under_discussion(editor)
    declined(editor, offer)
    event_record(
        by=editor,
        fields={
            "title": "Offer withdrawn",
            "kind": "status_change",
            "occurred_on": dt.date(2024, 8, 20),
            "first_reported_on": dt.date(2024, 8, 20),
            "offer": offer,
            "status_to": "withdrawn",
        },
    )
    assert status_on(offer, dt.date(2024, 8, 10)) == "under_discussion"
    assert status_on(offer, BEFORE) == "withdrawn"


def test_with_every_change_rejected_the_first_status_is_its_status_again(client, editor):
    offer = offer_under_discussion(editor)
    change = declined(editor, offer)
    client.force_login(editor)
    client.post(f"/review/event/{change.pk}/", {"decision": "rejected", "version": change.version})
    offer.refresh_from_db()
    assert (offer.status, offer.initial_status) == ("under_discussion", "")
    assert status_on(offer, BEFORE) == status_on(offer, AFTER) == "under_discussion"


def test_a_status_written_outside_the_services_is_read_from_the_history(db):
    offer = OfferFactory(status="under_discussion", first_reported_on=dt.date(2024, 8, 1))
    EventFactory(offer=offer, status_to="declined", occurred_on=dt.date(2024, 10, 1),
                 first_reported_on=dt.date(2024, 10, 1))  # fmt: skip
    offer.status = "declined"
    offer.save()

    assert status_on(offer, BEFORE) == "under_discussion"


def test_with_nothing_known_before_the_change_no_status_is_shown(client, db):
    offer = OfferFactory(status="declined", first_reported_on=dt.date(2024, 8, 1))
    offer.history.all().delete()
    EventFactory(offer=offer, status_to="declined", occurred_on=dt.date(2024, 10, 1),
                 first_reported_on=dt.date(2024, 10, 1))  # fmt: skip

    assert status_on(offer, BEFORE) is None
    page = client.get(f"{offer.get_absolute_url()}?as_of={BEFORE}").content.decode()
    assert "Proposed" not in page and "Declined" not in page
    body = APIClient().get(f"/api/v1/offers/{offer.pk}/", {"as_of": BEFORE}).json()
    assert body["status_as_of"] is None


def test_the_migration_keeps_the_status_before_the_first_change(db):
    fill = importlib.import_module("negotiations.migrations.0009_initial_status_fill").fill
    offer = OfferFactory(status="under_discussion")
    EventFactory(offer=offer, status_to="declined", occurred_on=dt.date(2024, 10, 1))
    Offer.objects.filter(pk=offer.pk).update(status="declined")
    untouched = OfferFactory(status="accepted")

    fill(apps, None)

    offer.refresh_from_db(), untouched.refresh_from_db()
    assert (offer.initial_status, untouched.initial_status) == ("under_discussion", "")
