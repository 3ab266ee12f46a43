"""Reverting a record restores its many-to-many sets too, as one recorded change."""

from core.editing import record_update
from tests.factories import ActorFactory, EventFactory, IndictmentFactory, OfferFactory


def revert_to_first(client, record, kind: str):
    first = record.history.order_by("history_date", "history_id").first()
    return client.post(
        f"/records/{kind}/{record.pk}/history/{first.history_id}/revert/",
        {"version": type(record).objects.get(pk=record.pk).version},
    )


def test_reverting_an_offer_restores_its_recipients(editor_client, editor):
    norland, rebels, mediator = ActorFactory(), ActorFactory(), ActorFactory()
    offer = OfferFactory()
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [norland, rebels]})
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [mediator]})
    second = offer.history.filter(version=2).order_by("history_date", "history_id").last()
    response = editor_client.post(
        f"/records/offer/{offer.pk}/history/{second.history_id}/revert/", {"version": 3}
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert set(offer.recipients.all()) == {norland, rebels}
    latest = offer.history.latest("history_date")
    assert latest.version == 4 and latest.history_user == editor
    assert {row.actor_id for row in latest.recipients.all()} == {norland.pk, rebels.pk}


def test_reverting_an_indictment_restores_its_defendants(editor_client, editor):
    indictment = IndictmentFactory()
    record_update(record=indictment, by=editor, changes={}, m2m={"defendants": [ActorFactory()]})
    revert_to_first(editor_client, indictment, "indictment")
    assert list(indictment.defendants.all()) == []


def test_reverting_an_event_restores_its_actors(editor_client, editor):
    actor = ActorFactory()
    event = EventFactory()
    event.actors.add(actor)
    record_update(record=event, by=editor, changes={}, m2m={"actors": []})
    previous = event.history.filter(version=1).order_by("history_date", "history_id").last()
    editor_client.post(
        f"/records/event/{event.pk}/history/{previous.history_id}/revert/", {"version": 2}
    )
    assert list(event.actors.all()) == [actor]


def test_an_actor_deleted_since_is_left_out(editor_client, editor):
    gone, stays = ActorFactory(), ActorFactory()
    offer = OfferFactory()
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [gone, stays]})
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": []})
    second = offer.history.filter(version=2).order_by("history_date", "history_id").last()
    gone.delete()
    editor_client.post(
        f"/records/offer/{offer.pk}/history/{second.history_id}/revert/", {"version": 3}
    )
    assert list(offer.recipients.all()) == [stays]
