"""An offer's, channel's or indictment's status follows its status-change events, whatever
door changes them: recording, rejecting in review, or editing through the form or the API."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from negotiations.models import Event
from negotiations.selectors import channel_list, offer_list
from negotiations.services import event_record, subject_status_recompute
from tests.factories import OfferFactory, TalksChannelFactory


def status_change(by, offer, status: str, on: dt.date) -> Event:
    return event_record(
        by=by,
        fields={
            "title": f"Offer {status}",
            "kind": "status_change",
            "occurred_on": on,
            "offer": offer,
            "status_to": status,
        },
    )


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_rejecting_a_withdrawal_in_review_puts_the_offer_back(editor_client, editor_api):
    offer = OfferFactory()
    response = editor_api.post(
        f"/api/v1/offers/{offer.pk}/status/",
        {"status": "withdrawn", "occurred_on": "2024-09-01"},
        format="json",
    )
    assert response.status_code == 201
    event = Event.objects.get(offer=offer)
    editor_client.post(
        f"/review/event/{event.pk}/", {"decision": "rejected", "version": event.version}
    )
    assert editor_api.get(f"/api/v1/offers/{offer.pk}/").json()["status"] == "proposed"


def test_rejecting_the_latest_change_falls_back_to_the_one_before(editor_client, editor):
    offer = OfferFactory()
    status_change(editor, offer, "under_discussion", dt.date(2024, 9, 1))
    latest = status_change(editor, offer, "declined", dt.date(2024, 10, 1))
    editor_client.post(
        f"/review/event/{latest.pk}/", {"decision": "rejected", "version": latest.version}
    )
    offer.refresh_from_db()
    assert offer.status == "under_discussion"


def test_today_and_a_past_date_agree_after_a_rejection(editor_client, editor):
    offer = OfferFactory(first_reported_on=dt.date(2024, 8, 1))
    event = status_change(editor, offer, "withdrawn", dt.date(2024, 9, 1))
    editor_client.post(
        f"/review/event/{event.pk}/", {"decision": "rejected", "version": event.version}
    )
    today = offer_list().get(pk=offer.pk).status_as_of
    past = offer_list(as_of=dt.date(2025, 1, 1)).get(pk=offer.pk).status_as_of
    assert today == past == "proposed"


def test_editing_a_changes_date_through_the_api_reorders_the_status(editor_api, editor):
    offer = OfferFactory()
    early = status_change(editor, offer, "under_discussion", dt.date(2024, 9, 1))
    status_change(editor, offer, "withdrawn", dt.date(2024, 10, 1))
    response = editor_api.patch(
        f"/api/v1/events/{early.pk}/", {"occurred_on": "2024-11-01"}, format="json"
    )
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.status == "under_discussion"


def test_editing_a_changes_new_status_through_the_api_sets_it(editor_api, editor):
    offer = OfferFactory()
    event = status_change(editor, offer, "withdrawn", dt.date(2024, 9, 1))
    editor_api.patch(f"/api/v1/events/{event.pk}/", {"status_to": "accepted"}, format="json")
    assert editor_api.get(f"/api/v1/offers/{offer.pk}/").json()["status"] == "accepted"


def test_moving_a_change_to_another_offer_through_the_form_updates_both(editor_client, editor):
    first, second = OfferFactory(), OfferFactory()
    event = status_change(editor, first, "withdrawn", dt.date(2024, 9, 1))
    response = editor_client.post(
        f"/records/event/{event.pk}/edit/",
        {
            "version": event.version,
            "title": event.title,
            "kind": "status_change",
            "status": "occurred",
            "offer": second.pk,
            "status_to": "withdrawn",
            "occurred_year": "2024",
            "occurred_month": "9",
            "occurred_day": "1",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("proposed", "withdrawn")


def test_a_channel_without_changes_left_is_active_again(editor):
    channel = TalksChannelFactory()
    event = event_record(
        by=editor,
        fields={
            "title": "Talks went dormant",
            "kind": "status_change",
            "occurred_on": dt.date(2024, 9, 1),
            "channel": channel,
            "status_to": "dormant",
        },
    )
    assert channel_list().get(pk=channel.pk).status == "dormant"
    Event.objects.filter(pk=event.pk).update(review_state="rejected")
    subject_status_recompute(subject=channel, by=editor)
    assert channel_list().get(pk=channel.pk).status == "active"


def test_a_record_already_right_gets_no_new_version(editor):
    offer = OfferFactory()
    subject_status_recompute(subject=offer, by=editor)
    offer.refresh_from_db()
    assert offer.version == 1
