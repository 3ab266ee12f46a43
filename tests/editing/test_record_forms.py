"""Creating and editing records in the site's forms: saved, or refused next to the field."""

import datetime as dt

import pytest

from actors.models import Actor, Alias
from negotiations.models import Indictment, Offer, Position, TalksChannel
from negotiations.selectors import channel_list, negotiation_state
from tests.editing.conftest import errors_of
from tests.factories import ActorFactory, IndictmentFactory, TalksChannelFactory


def edit_url(name, pk):
    return f"/records/{name}/{pk}/edit/"


def test_an_editor_adds_an_offer_and_the_state_counts_it(editor_client):
    maker, recipient = ActorFactory(), ActorFactory()
    response = editor_client.post(
        "/records/offer/add/",
        {
            "kind": "amnesty",
            "offered_by": maker.pk,
            "recipients": [recipient.pk],
            "terms": "Amnesty in exchange for stepping down",
            "conditions": "Leave office",
            "status": "proposed",
            "offered_year": "2025",
            "offered_month": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    offer = Offer.objects.get()
    assert (offer.offered_on, offer.offered_precision) == (dt.date(2025, 1, 1), "month")
    assert list(offer.recipients.all()) == [recipient]
    assert offer.origin == "editor"
    assert negotiation_state().standing_offers == 1


def test_an_editor_edits_an_offers_conditions(editor_client, offer):
    data = {
        "version": offer.version,
        "kind": offer.kind,
        "terms": offer.terms,
        "conditions": "Free elections first",
        "status": "proposed",
        "offered_year": "2024",
        "offered_month": "8",
    }
    response = editor_client.post(edit_url("offer", offer.pk), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.conditions == "Free elections first"
    assert offer.version == 2
    assert offer.review_state == "corrected"  # machine-made, then changed by an editor


def test_a_channel_with_participants_and_mediators(editor_client):
    us, them, mediator = ActorFactory(), ActorFactory(), ActorFactory()
    response = editor_client.post(
        "/records/channel/add/",
        {
            "name": "Talks in Doha",
            "mode": "in_person",
            "venue": "Doha",
            "status": "active",
            "started_year": "2024",
            "participants": [us.pk, them.pk],
            "mediators": [mediator.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    channel = channel_list().get()
    roles = {p.actor_id: p.role for p in channel.participants.all()}
    assert roles == {us.pk: "participant", them.pk: "participant", mediator.pk: "mediator"}


def test_a_channel_ending_before_it_started_is_refused(editor_client):
    channel = TalksChannelFactory()
    response = editor_client.post(
        edit_url("channel", channel.pk),
        {
            "version": channel.version,
            "name": channel.name,
            "mode": "unknown",
            "status": "active",
            "started_year": "2024",
            "started_month": "7",
            "last_activity_year": "2023",
        },
    )
    assert errors_of(response, "last_activity") == ["The last activity is before the start."]
    channel.refresh_from_db()
    assert channel.version == 1 and channel.last_activity_on == dt.date(2024, 8, 1)


def test_an_indictment_bounty_needs_a_currency(editor_client):
    defendant = ActorFactory()
    data = {"defendants": [defendant.pk], "charges": "Narco-terrorism", "status": "in_force",
            "bounty_amount": "15000000", "filed_year": "2020"}  # fmt: skip
    response = editor_client.post("/records/indictment/add/", data)
    assert errors_of(response, "bounty_currency") == ["Give the bounty's currency (e.g. USD)."]
    assert not Indictment.objects.exists()
    response = editor_client.post("/records/indictment/add/", data | {"bounty_currency": "usd"})
    assert response.status_code == 302
    assert Indictment.objects.get().bounty_currency == "USD"


def test_a_position_needs_a_stance(editor_client):
    actor = ActorFactory()
    response = editor_client.post("/records/position/add/", {"actor": actor.pk, "stance": ""})
    assert errors_of(response, "stance") == ["This field is required."]
    assert not Position.objects.exists()
    response = editor_client.post(
        "/records/position/add/",
        {"actor": actor.pk, "stance": "Open to talks", "stated_year": "2024"},
    )
    assert response.status_code == 302
    assert Position.objects.get().stated_precision == "year"


def test_an_actor_is_created_with_its_name_as_an_alias(editor_client):
    response = editor_client.post(
        "/records/actor/add/", {"name": "María Ortega", "kind": "person", "side": "opposition"}
    )
    assert response.status_code == 302
    actor = Actor.objects.get()
    assert actor.slug == "maria-ortega"
    assert [a.name for a in actor.aliases.all()] == ["María Ortega"]


def test_an_actor_named_like_another_actors_alias_is_refused(editor_client):
    other = ActorFactory(name="Arturo Pinzon")
    Alias.objects.create(actor=other, name="General Pinzon")
    response = editor_client.post(
        "/records/actor/add/", {"name": "general  pinzon", "kind": "person", "side": "unknown"}
    )
    assert errors_of(response, "name") == [
        "“general  pinzon” is already an alias of Arturo Pinzon."
    ]
    assert Actor.objects.count() == 1


def test_an_alias_of_another_actor_cannot_be_added(editor_client):
    other, actor = ActorFactory(name="Arturo Pinzon"), ActorFactory(name="Someone Else")
    Alias.objects.create(actor=other, name="The General")
    response = editor_client.post(f"/actors/{actor.pk}/aliases/add/", {"name": "the general"})
    assert response.status_code == 400
    assert "already an alias of Arturo Pinzon" in response.content.decode()
    assert not actor.aliases.exists()


def test_a_role_ending_before_it_starts_is_refused(editor_client):
    actor = ActorFactory()
    data = {"title": "Minister", "started_year": "2020", "ended_year": "2019"}
    response = editor_client.post(f"/actors/{actor.pk}/roles/add/", data)
    assert response.status_code == 400
    assert "The end is before the start." in response.content.decode()
    assert not actor.roles.exists()
    response = editor_client.post(f"/actors/{actor.pk}/roles/add/", data | {"ended_year": "2022"})
    assert response.status_code == 302
    assert actor.roles.get().period == "2020–2022"


@pytest.mark.parametrize("kind", ["offer", "channel", "indictment", "position", "actor"])
def test_every_add_form_renders(editor_client, kind):
    response = editor_client.get(f"/records/{kind}/add/")
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_an_indictment_edit_form_shows_its_current_values(editor_client):
    indictment = IndictmentFactory(charges="Drug trafficking")
    response = editor_client.get(edit_url("indictment", indictment.pk))
    html = response.content.decode()
    assert "Drug trafficking" in html and 'value="2020"' in html
    assert TalksChannel.objects.count() == 0
