"""Filters on pages, feed, CSV and API: an empty parameter means no filter; a value that is
not one (a choice that is not offered, an actor no one is) is a 400 naming the parameter."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from actors.models import ActorRedirect
from tests.factories import ActorFactory, EventFactory, OfferFactory


@pytest.fixture
def scene(db):
    envoy = ActorFactory(slug="envoy", side="mediator")
    talks = EventFactory(title="Envoy visits", kind="talks", occurred_on=dt.date(2024, 8, 1))
    talks.actors.add(envoy)
    EventFactory(title="Election held", kind="election", occurred_on=dt.date(2024, 7, 28))
    OfferFactory(offered_by=envoy)
    return envoy


def test_an_empty_choice_on_the_timeline_is_no_filter_and_no_warning(client, scene):
    query = "side=&kind=&status=&actor=&occurred_after=&occurred_before=&as_of="
    response = client.get(f"/timeline/?{query}")
    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == []
    page = response.content.decode()
    assert "Envoy visits" in page and "Election held" in page


def test_an_empty_parameter_is_no_filter_in_the_api_feed_and_csv(api, scene):
    for url in (
        "/api/v1/events/?side=&kind=&as_of=&actor=&occurred_after=",
        "/api/v1/offers/?side=&kind=&status=&actor=&channel=&as_of=",
        "/api/v1/actors/?side=&kind=&review_state=&article=",
        "/api/v1/evidence/?article=&attribution=&speaker=&record_type=",
        "/api/v1/articles/?status=&published_after=",
    ):
        response = api.get(url)
        assert response.status_code == 200, (url, response.json())
    assert len(api.get("/api/v1/events/?side=&as_of=").json()["results"]) == 2
    assert api.get("/api/v1/state/?as_of=").json()["as_of"] == dt.date.today().isoformat()
    feed = api.get("/feeds/developments/?actor=&kind=").content.decode()
    assert "Envoy visits" in feed and "Election held" in feed
    assert api.get("/timeline/csv/?side=&kind=").status_code == 200


def test_an_actor_no_one_is_is_a_400_naming_actor(api, scene):
    for url in ("/api/v1/events/?actor=abc", "/api/v1/offers/?actor=abc"):
        response = api.get(url)
        assert response.status_code == 400
        assert response.json()["errors"] == {"actor": ["No actor has the slug or id “abc”."]}
    response = api.get("/api/v1/evidence/?speaker=abc")
    assert list(response.json()["errors"]) == ["speaker"]
    assert api.get("/feeds/developments/?actor=abc").status_code == 400
    response = api.get("/timeline/csv/?actor=abc")
    assert response.status_code == 400 and b"actor" in response.content


def test_an_actor_is_found_by_slug_by_id_and_by_a_merged_address(api, scene):
    ActorRedirect.objects.create(slug="the-envoy", old_id=987654, actor=scene)
    for key in ("envoy", str(scene.pk), "the-envoy", "987654"):
        titles = [e["title"] for e in api.get(f"/api/v1/events/?actor={key}").json()["results"]]
        assert titles == ["Envoy visits"], key
        assert api.get(f"/api/v1/offers/?actor={key}").json()["count"] == 1, key


def test_a_bad_value_or_a_single_filter_given_twice_is_a_400_naming_it(api, scene):
    response = api.get("/api/v1/events/?side=nobody")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["side"]
    response = api.get("/api/v1/positions/?article=&article=1")
    assert response.status_code == 400
    assert response.json()["errors"] == {"article": ["Give this filter once."]}
    response = api.get("/api/v1/offers/?as_of=2024-01-01&as_of=2024-02-01")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["as_of"]
    # Several values of a filter that takes several are fine.
    assert api.get("/api/v1/events/?kind=talks&kind=election").json()["results"]


def test_the_schema_says_an_empty_filter_is_allowed(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    for name in ("side", "kind", "actor", "as_of", "occurred_after", "q"):
        assert parameters[name]["allowEmptyValue"] is True, name
    assert "allowEmptyValue" not in parameters["cursor"]


def test_an_actor_filter_costs_the_same_queries_whatever_the_data(
    api, scene, django_assert_num_queries
):
    api.get("/api/v1/events/?actor=envoy")  # warm caches (content types)
    # The actor looked up once, the page of events, and their actors.
    with django_assert_num_queries(4):
        api.get("/api/v1/events/?actor=envoy")
    for n in range(20):
        EventFactory(title=f"More {n}").actors.add(scene)
    with django_assert_num_queries(4):
        assert len(api.get("/api/v1/events/?actor=envoy").json()["results"]) == 21
