"""Adding a development: saved and shown in the state and timeline, or refused in place."""

import datetime as dt

import pytest
from django.urls import reverse

from actors.models import Actor, Alias
from negotiations.models import Event, Offer
from negotiations.selectors import event_list, indictment_list, negotiation_state, offer_list
from sources.models import Evidence
from tests.editing.conftest import errors_of
from tests.factories import ActorFactory, IndictmentFactory

URL = "/developments/add/"


def development(**overrides) -> dict:
    data = {
        "title": "Amnesty offer declined",
        "occurred_year": "2025",
        "occurred_month": "2",
        "occurred_day": "10",
        "occurred_precision": "",
        "status": "occurred",
        "kind": "other",
        "source_kind": "editor",
        "note": "Confirmed by phone with the ministry.",
    }
    return data | overrides


def test_the_add_url_is_the_agreed_one():
    assert reverse("negotiations:development_add") == URL


def test_a_development_with_a_quote_is_saved_and_on_the_timeline(editor_client, article):
    actor = ActorFactory(name="Arturo Pinzon")
    response = editor_client.post(
        URL,
        development(
            source_kind="article",
            article=article.pk,
            quote="offered amnesty to the general",
            actors=[actor.pk],
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert (event.occurred_on, event.occurred_precision) == (dt.date(2025, 2, 10), "day")
    assert list(event.actors.all()) == [actor]
    assert event.origin == "editor" and event.created_by.username == "editor"
    evidence = Evidence.objects.get(object_id=event.pk)
    assert article.text[evidence.start : evidence.end] == "offered amnesty to the general"
    assert event in event_list()
    assert event in negotiation_state().latest


def test_a_month_precision_date_is_kept_at_its_precision(editor_client):
    editor_client.post(URL, development(occurred_day=""))
    event = Event.objects.get()
    assert (event.occurred_on, event.occurred_precision) == (dt.date(2025, 2, 1), "month")


def test_a_development_declines_an_offer_and_the_state_shows_it(editor_client, offer):
    response = editor_client.post(
        URL, development(offer=offer.pk, status_to="declined", kind="other")
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "declined"
    assert Event.objects.get().kind == "status_change"
    state = negotiation_state()
    assert state.offer_counts == {"declined": 1}
    # As of the day before the development, the offer still stood.
    before = offer_list(as_of=dt.date(2025, 2, 9)).get(pk=offer.pk)
    assert before.status_as_of == "proposed"


def test_a_raised_bounty_is_the_indictment_reward_from_its_date(editor_client):
    indictment = IndictmentFactory(bounty_amount=15_000_000, bounty_currency="USD")
    response = editor_client.post(
        URL,
        development(
            kind="bounty",
            indictment=indictment.pk,
            bounty_amount="25000000",
            bounty_currency="eur",
        ),
    )
    assert response.status_code == 302
    assert (Event.objects.get().bounty_amount, Event.objects.get().bounty_currency) == (
        25_000_000,
        "EUR",
    )

    found = indictment_list().get(pk=indictment.pk)
    assert (found.bounty_as_of, found.bounty_currency_as_of) == (25_000_000, "EUR")
    indictment.refresh_from_db()
    assert indictment.bounty_amount == 15_000_000  # as first reported, kept


def test_actors_are_found_by_alias_or_created_on_the_spot(editor_client):
    known = ActorFactory(name="Arturo Pinzon")
    Alias.objects.create(actor=known, name="General Pinzon")
    response = editor_client.post(
        URL, development(actor_names="general pinzon\nMaria Ortega", create_missing="on")
    )
    assert response.status_code == 302
    event = Event.objects.get()
    names = sorted(a.name for a in event.actors.all())
    assert names == ["Arturo Pinzon", "Maria Ortega"]
    assert Alias.objects.filter(name="Maria Ortega", actor__origin="editor").exists()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"occurred_precision": "day", "occurred_day": ""},
            "occurred",
            "A day-precision date needs a day.",
        ),
        ({"occurred_month": "2", "occurred_day": "30"}, "occurred", "No such date."),
        ({"occurred_year": ""}, "occurred", "Give the year."),
        ({"occurred_year": "", "occurred_month": "", "occurred_day": ""}, "occurred", "required"),
        ({"status_to": "declined"}, "status_to", "exactly one offer, channel or indictment"),
        ({"source_kind": "editor", "note": ""}, "note", "Required for this kind of source."),
        ({"source_kind": "url", "quote": "x"}, "url", "Required for this kind of source."),
        ({"actor_names": "Nobody Known"}, "actor_names", "No actor is called Nobody Known"),
        ({"bounty_amount": "5"}, "bounty_currency", "Give the bounty's currency"),
        ({"bounty_amount": "-5", "bounty_currency": "usd"}, "bounty_amount", "cannot be negative"),
        (
            {"bounty_amount": "5", "bounty_currency": "usd"},
            "indictment",
            "A new bounty needs the indictment",
        ),
    ],
)
def test_invalid_input_is_refused_next_to_its_field(editor_client, overrides, field, message):
    response = editor_client.post(URL, development(**overrides))
    assert response.status_code == 200
    assert any(message in error for error in errors_of(response, field)), response.context[
        "form"
    ].errors
    assert message.split("“")[0][:20] in response.content.decode().replace("&#x27;", "'")
    assert not Event.objects.exists()
    assert not Actor.objects.filter(name="Nobody Known").exists()


def test_a_quote_not_in_the_article_saves_nothing(editor_client, article, offer):
    response = editor_client.post(
        URL,
        development(
            source_kind="article",
            article=article.pk,
            quote="words the article never said",
            offer=offer.pk,
            status_to="declined",
        ),
    )
    assert response.status_code == 200
    assert errors_of(response, "quote") == ["This quote is not in the article's text."]
    assert not Event.objects.exists()
    assert Offer.objects.get().status == "proposed"


def test_a_status_that_does_not_fit_the_record_is_refused(editor_client, offer):
    response = editor_client.post(URL, development(offer=offer.pk, status_to="dormant"))
    assert "Not a status of a offer" in errors_of(response, "status_to")[0]
    assert not Event.objects.exists()


def test_the_form_is_prefilled_from_the_query(editor_client, offer):
    response = editor_client.get(URL, {"offer": offer.pk, "status_to": "declined"})
    assert response.context["form"].initial == {"offer": str(offer.pk), "status_to": "declined"}


def test_a_new_bounty_of_zero_is_recorded(editor_client):
    indictment = IndictmentFactory(bounty_amount=5_000_000, bounty_currency="USD")
    response = editor_client.post(
        URL,
        development(
            kind="bounty",
            indictment=indictment.pk,
            bounty_amount="0",
            bounty_currency="usd",
        ),
    )
    assert response.status_code == 302
    found = indictment_list().get(pk=indictment.pk)
    assert (found.bounty_as_of, found.bounty_currency_as_of) == (0, "USD")
