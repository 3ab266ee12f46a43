"""Merging duplicate actors keeps everything of both; splitting an alias makes a new actor."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from actors.models import Actor, Alias, Role
from actors.services import actor_merge, alias_split
from negotiations.models import ChannelParticipant, Offer
from sources.models import Evidence
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)


def test_merge_moves_every_alias_role_link_and_evidence(editor_client, editor):
    keep, duplicate = ActorFactory(name="Arturo Pinzon"), ActorFactory(name="A. Pinzon")
    Alias.objects.create(actor=keep, name="Arturo Pinzon")
    Alias.objects.create(actor=duplicate, name="General Pinzon")
    Role.objects.create(actor=duplicate, title="Army chief")
    event, offer, indictment = EventFactory(), OfferFactory(), IndictmentFactory()
    event.actors.add(duplicate)
    offer.recipients.add(duplicate, keep)  # both linked: one link stays
    indictment.defendants.add(duplicate)
    made = OfferFactory(offered_by=duplicate)
    position = PositionFactory(actor=duplicate)
    channel = TalksChannelFactory()
    ChannelParticipant.objects.create(channel=channel, actor=duplicate, role="mediator")
    article = ArticleFactory()
    Evidence.objects.create(content_type=ContentType.objects.get_for_model(Actor),
                            object_id=duplicate.pk, article=article, start=0, end=9,
                            quote=article.text[:9], speaker=None)  # fmt: skip
    quote = Evidence.objects.create(content_type=ContentType.objects.get_for_model(Offer),
                                    object_id=offer.pk, article=article, start=0, end=9,
                                    quote=article.text[:9], speaker=duplicate)  # fmt: skip

    response = editor_client.post(f"/actors/{keep.pk}/merge/", {"duplicate": duplicate.pk})

    assert response.status_code == 302
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert {a.name for a in keep.aliases.all()} == {"Arturo Pinzon", "General Pinzon", "A. Pinzon"}
    assert keep.roles.get().title == "Army chief"
    assert list(event.actors.all()) == [keep]
    assert list(offer.recipients.all()) == [keep]
    assert list(indictment.defendants.all()) == [keep]
    made.refresh_from_db(), position.refresh_from_db(), quote.refresh_from_db()
    assert made.offered_by == keep and position.actor == keep and quote.speaker == keep
    assert channel.participants.get().actor == keep
    assert Evidence.objects.filter(object_id=keep.pk, content_type__model="actor").count() == 1
    # The duplicate's history is kept, and the merge is a recorded change of the kept actor.
    assert Actor.history.filter(id=duplicate.pk, history_type="-").exists()
    latest = Actor.history.filter(id=keep.pk).latest("history_date")
    assert latest.history_user == editor and "A. Pinzon" in latest.history_change_reason


def test_an_actor_cannot_be_merged_into_itself(editor):
    actor = ActorFactory()
    with pytest.raises(ValidationError):
        actor_merge(keep=actor, duplicate=actor, by=editor)


def test_split_moves_a_wrong_alias_to_a_new_actor(editor_client, editor):
    actor = ActorFactory(name="Arturo Pinzon", kind="person")
    Alias.objects.create(actor=actor, name="Arturo Pinzon")
    wrong = Alias.objects.create(actor=actor, name="Pinzon Foundation")
    response = editor_client.post(f"/actors/aliases/{wrong.pk}/split/")
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.actor != actor and wrong.actor.name == "Pinzon Foundation"
    assert wrong.actor.origin == "editor"
    assert [a.name for a in actor.aliases.all()] == ["Arturo Pinzon"]


def test_the_actors_own_name_cannot_be_split_off(editor):
    actor = ActorFactory(name="Arturo Pinzon")
    own = Alias.objects.create(actor=actor, name="Arturo Pinzon")
    with pytest.raises(ValidationError):
        alias_split(alias=own, by=editor)
    assert Actor.objects.count() == 1


def test_merge_gives_every_changed_record_a_new_version_and_a_recorded_change(editor):
    keep, duplicate = ActorFactory(name="Arturo Pinzon"), ActorFactory(name="A. Pinzon")
    event, offer, made = EventFactory(), OfferFactory(), OfferFactory(offered_by=duplicate)
    event.actors.add(duplicate)
    offer.recipients.add(duplicate)
    channel = TalksChannelFactory()
    ChannelParticipant.objects.create(channel=channel, actor=duplicate, role="mediator")
    before = {
        r: (type(r).objects.get(pk=r.pk).version, type(r).objects.get(pk=r.pk).updated_at)
        for r in (event, offer, made, channel)
    }

    actor_merge(keep=keep, duplicate=duplicate, by=editor)

    for record, (version, updated_at) in before.items():
        fresh = type(record).objects.get(pk=record.pk)
        assert fresh.version > version and fresh.updated_at > updated_at, record
        latest = fresh.history.latest("history_date")
        assert latest.history_user == editor and "merged" in latest.history_change_reason
    assert {row.actor_id for row in event.history.latest("history_date").actors.all()} == {keep.pk}


def test_a_stale_if_match_is_refused_after_a_merge(editor, client):
    from rest_framework.test import APIClient

    keep, duplicate = ActorFactory(), ActorFactory()
    offer = OfferFactory()
    offer.recipients.add(duplicate)
    api = APIClient()
    api.force_authenticate(editor)
    etag = api.get(f"/api/v1/offers/{offer.pk}/").headers["ETag"]
    actor_merge(keep=keep, duplicate=duplicate, by=editor)
    response = api.patch(
        f"/api/v1/offers/{offer.pk}/", {"terms": "Old"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 412


def test_the_duplicates_name_becomes_an_alias_of_the_kept_actor(editor):
    keep, duplicate = ActorFactory(name="Arturo Pinzon"), ActorFactory(name="A. Pinzon")
    Alias.objects.create(actor=duplicate, name="General Pinzon")  # not its own name

    actor_merge(keep=keep, duplicate=duplicate, by=editor)

    alias = Alias.objects.get(name="A. Pinzon")
    assert alias.actor == keep
    assert alias.history.latest("history_date").history_user == editor
