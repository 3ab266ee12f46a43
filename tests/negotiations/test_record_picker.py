"""A development form's offer, channel and indictment pickers list every record up to
core.forms.PICKER_MAX of them and past it only the chosen one, named as everywhere else,
while accepting any record; the type-ahead behind them (`/records/<kind>/suggest.json`)
finds records by their words or their parties' names."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Alias
from core.models import ReviewState
from negotiations.forms import DevelopmentForm, EventForm
from tests.factories import (
    ActorFactory,
    EventFactory,
    IndictmentFactory,
    OfferFactory,
    TalksChannelFactory,
)


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def _offers(n: int) -> list:
    offers = []
    for i in range(n):
        offer = OfferFactory(terms="Amnesty", offered_by=ActorFactory(name=f"Maker {i}"))
        offer.recipients.add(ActorFactory(name=f"Recipient {i}"))
        offers.append(offer)
    return offers


def test_up_to_the_limit_every_record_is_listed_by_its_label(db, monkeypatch):
    monkeypatch.setattr("core.forms.PICKER_MAX", 3)
    offers = _offers(3)
    html = str(EventForm())
    listed = dict(_options(html, "offer"))
    assert set(listed) == {""} | {str(o.pk) for o in offers}
    assert listed[str(offers[0].pk)] == "Amnesty: Maker 0 → Recipient 0, Aug 2024"
    assert 'data-search="/records/offer/suggest.json"' in html


@pytest.mark.parametrize("form_class", [EventForm, DevelopmentForm])
def test_past_the_limit_only_the_chosen_record_is_listed_and_any_is_taken(
    db, monkeypatch, form_class
):
    monkeypatch.setattr("core.forms.PICKER_MAX", 2)
    offers = _offers(4)
    channels = [TalksChannelFactory() for _ in range(3)]
    indictments = [IndictmentFactory() for _ in range(3)]
    event = EventFactory(offer=offers[1], channel=channels[0])

    html = str(form_class(instance=event))
    assert _options(html, "offer") == [
        ("", "---------"),
        (str(offers[1].pk), "Amnesty: Maker 1 → Recipient 1, Aug 2024"),
    ]
    assert [value for value, _ in _options(html, "channel")] == ["", str(channels[0].pk)]
    assert [value for value, _ in _options(html, "indictment")] == [""]

    form = EventForm(
        data={"title": "Talks", "kind": "other", "status": "occurred", "occurred_0": "2024",
              "offer": offers[3].pk, "channel": channels[2].pk, "indictment": indictments[2].pk},
        instance=event,
    )  # fmt: skip
    form.is_valid()
    assert not {"offer", "channel", "indictment"} & set(form.errors), form.errors


def test_past_the_limit_the_form_costs_the_same_queries_whatever_the_records(db, monkeypatch):
    monkeypatch.setattr("core.forms.PICKER_MAX", 2)

    def cost() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            html = str(EventForm())
        return len(queries), len(html)

    _offers(3)
    small = cost()
    _offers(40)
    assert cost() == small  # neither more queries nor a longer page


def _suggest(client, kind: str, text: str) -> list[dict]:
    response = client.get(f"/records/{kind}/suggest.json", {"q": text})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_offers_are_found_by_their_words_and_their_parties_names(client, db):
    offers = _offers(2)
    guarantees = OfferFactory(terms="Security guarantees for the family", offered_on=None)
    Alias.objects.create(actor=offers[1].recipients.get(), name="The Second Receiver")
    OfferFactory(terms="Amnesty", review_state=ReviewState.REJECTED)

    assert [r["id"] for r in _suggest(client, "offer", "guarantees")] == [guarantees.pk]
    assert [r["name"] for r in _suggest(client, "offer", "maker 0")] == [
        "Amnesty: Maker 0 → Recipient 0, Aug 2024"
    ]
    assert [r["id"] for r in _suggest(client, "offer", "second receiver")] == [offers[1].pk]
    # Newest first, the undated last; a rejected offer never.
    found = [r["id"] for r in _suggest(client, "offer", "a")]
    assert found == [offers[1].pk, offers[0].pk, guarantees.pk]


def test_channels_and_indictments_are_found_by_venue_and_party(client, db):
    channel = TalksChannelFactory(name="Back channel", venue="Doha")
    channel.participants.create(actor=ActorFactory(name="Envoy Someone"))
    indictment = IndictmentFactory(charges="Narco-terrorism conspiracy")
    indictment.defendants.add(ActorFactory(name="Defendant Person"))

    assert [r["id"] for r in _suggest(client, "channel", "doha")] == [channel.pk]
    assert [r["id"] for r in _suggest(client, "channel", "envoy")] == [channel.pk]
    assert [r["id"] for r in _suggest(client, "indictment", "defendant")] == [indictment.pk]
    assert _suggest(client, "indictment", "terror")[0]["name"] == "Narco-terrorism conspiracy"
    assert _suggest(client, "channel", "nothing like it") == []


def test_the_suggestions_cost_the_same_queries_whatever_the_records(client, db):
    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            _suggest(client, "offer", "amnesty")
        return len(queries)

    _offers(2)
    small = cost()
    _offers(30)
    assert cost() == small <= 3


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/records/actor/suggest.json?q=a", 404),
        ("/records/event/suggest.json?q=a", 404),
        ("/records/offer/suggest.json?q=" + "a" * 101, 400),
    ],
)
def test_bad_requests_are_refused_plainly(client, db, path, status):
    response = client.get(path)
    assert response.status_code == status
