import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Alias
from actors.normalize import normalize_name
from core.models import ReviewState
from tests.factories import ActorFactory

URL = "/actors/suggest.json"


def _suggest(client, **params) -> list[dict]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.json()["results"]


def test_it_lists_actors_whose_name_starts_with_the_text_first(client, db):
    ActorFactory(name="Ana Madura", slug="ana-madura")
    ActorFactory(name="Nicolás Maduro", slug="nicolas-maduro")
    ActorFactory(name="Someone Else", slug="someone-else")
    results = _suggest(client, q="madur")
    assert [r["slug"] for r in results] == ["ana-madura", "nicolas-maduro"]
    assert [(r["slug"], r["name"]) for r in _suggest(client, q="Nico")] == [
        ("nicolas-maduro", "Nicolás Maduro")
    ]


def test_it_finds_an_actor_by_an_alias(client, db):
    actor = ActorFactory(name="Nicolás Maduro", slug="nicolas-maduro")
    Alias.objects.create(
        actor=actor, name="The Chavista leader", normalized=normalize_name("Chavista leader")
    )
    assert [r["slug"] for r in _suggest(client, q="chavista")] == ["nicolas-maduro"]


def test_it_leaves_out_rejected_actors_and_those_not_known_by_the_date(client, db):
    ActorFactory(name="Known Envoy", slug="known", first_reported_on=dt.date(2020, 1, 1))
    ActorFactory(name="Later Envoy", slug="later", first_reported_on=dt.date(2024, 1, 1))
    ActorFactory(name="Wrong Envoy", slug="wrong", review_state=ReviewState.REJECTED)
    assert {r["slug"] for r in _suggest(client, q="envoy")} == {"known", "later"}
    assert [r["slug"] for r in _suggest(client, q="envoy", as_of="2021-06-01")] == ["known"]


def test_it_returns_at_most_ten_in_one_query_however_many_match(client, db):
    for n in range(3):
        ActorFactory(name=f"Official {n}", slug=f"official-{n}")
    with CaptureQueriesContext(connection) as few:
        assert len(_suggest(client, q="official")) == 3
    for n in range(3, 40):
        ActorFactory(name=f"Official {n}", slug=f"official-{n}")
    with CaptureQueriesContext(connection) as many:
        assert len(_suggest(client, q="official")) == 10
    assert len(few) == len(many) == 1


def test_empty_text_suggests_nothing(client, db):
    ActorFactory(name="Anyone")
    assert _suggest(client, q="  ") == []
    assert _suggest(client) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [({"q": "x" * 101}, "at most 100"), ({"q": "ab", "as_of": "yesterday"}, "not a date")],
)
def test_bad_input_is_a_400_that_says_why(client, db, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
