"""With more actors than a <select> should list, the timeline's actor filter is a text
field: a slug, a name or an alias, resolved on the server, and no list of every actor."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Alias
from actors.normalize import normalize_name
from negotiations.views import timeline
from tests.factories import ActorFactory, EventFactory


@pytest.fixture
def many_actors(db, monkeypatch):
    monkeypatch.setattr(timeline, "PICKER_MAX", 3)
    envoy = ActorFactory(name="Special Envoy", slug="special-envoy")
    Alias.objects.create(actor=envoy, name="The envoy", normalized=normalize_name("The envoy"))
    others = [ActorFactory(name=f"Official {n}", slug=f"official-{n}") for n in range(4)]
    EventFactory(title="Envoy visits").actors.set([envoy])
    EventFactory(title="Officials meet").actors.set(others[:2])
    return envoy


def _titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def test_the_filter_is_a_text_field_listing_no_actor(client, many_actors):
    page = client.get("/timeline/").content.decode()
    assert 'id="filter-actor" type="text" name="actor" value=""' in page
    assert 'data-suggest="/actors/suggest.json"' in page
    assert "Official 2" not in page and '<option value="official-' not in page


@pytest.mark.parametrize("typed", ["special-envoy", "Special Envoy", "special envoy", "the envoy"])
def test_a_slug_a_name_or_an_alias_filters_and_the_field_shows_the_slug(client, many_actors, typed):
    response = client.get("/timeline/", {"actor": typed})
    assert _titles(response) == ["Envoy visits"]
    assert 'name="actor" value="special-envoy"' in response.content.decode()


def test_an_unknown_actor_is_ignored_with_a_message(client, many_actors):
    response = client.get("/timeline/", {"actor": "Nobody Known"})
    assert sorted(_titles(response)) == ["Envoy visits", "Officials meet"]
    assert "No actor “Nobody Known” is known" in response.content.decode()


def test_the_as_of_date_carries_to_the_suggestions(client, many_actors):
    Actor.objects.update(first_reported_on=dt.date(2020, 1, 1))
    page = client.get("/timeline/", {"as_of": "2024-08-01"}).content.decode()
    assert 'data-suggest="/actors/suggest.json?as_of=2024-08-01"' in page


def test_the_page_costs_the_same_queries_with_many_more_actors(client, many_actors):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/timeline/", {"actor": "Special Envoy"}).status_code == 200
        return len(queries)

    before = count()
    for n in range(4, 40):
        ActorFactory(name=f"Official {n}")
    assert count() == before
