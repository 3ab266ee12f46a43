"""The editors' actor picker types ahead through /actors/suggest.json (the timeline's
actor filter does too: tests/actors/test_actor_suggest.py)."""

from django.urls import reverse

from actors.models import Alias
from actors.selectors import SUGGESTIONS_MAX
from tests.factories import ActorFactory
from tests.pages import actors_make, queries_on

URL = "/actors/suggest.json"


def test_the_url_is_the_agreed_one():
    assert reverse("actors:suggest") == URL


def test_it_finds_actors_by_name_or_alias_ignoring_case_and_accents(client, db):
    general = ActorFactory(name="Vladimir Padrino")
    Alias.objects.create(actor=general, name="Defense Minister Padriño")
    ActorFactory(name="Someone Else")
    by_name = client.get(URL, {"q": "padr"}).json()["results"]
    assert [r["name"] for r in by_name] == ["Vladimir Padrino"]
    by_alias = client.get(URL, {"q": "defense minister"}).json()["results"]
    assert by_alias == [
        {"id": general.pk, "name": "Vladimir Padrino", "slug": general.slug, "side": "Unknown"}
    ]


def test_names_starting_with_the_query_come_first(client, db):
    ActorFactory(name="Ana Marta")
    ActorFactory(name="Marta Ruiz")
    names = [r["name"] for r in client.get(URL, {"q": "marta"}).json()["results"]]
    assert names == ["Marta Ruiz", "Ana Marta"]


def test_rejected_actors_are_never_offered(client, db):
    ActorFactory(name="Rejected Person", review_state="rejected")
    assert client.get(URL, {"q": "rejected"}).json()["results"] == []


def test_an_empty_or_punctuation_only_query_finds_nothing(client, db):
    ActorFactory(name="Anyone")
    # (A query of more than 100 characters is a 400: test_actor_suggest.py.)
    for query in ("", "  ", "!!"):
        response = client.get(URL, {"q": query})
        assert response.status_code == 200 and response.json() == {"results": []}


def test_it_lists_at_most_ten_and_only_answers_get(client, db):
    actors_make(15, prefix="many")
    assert len(client.get(URL, {"q": "many"}).json()["results"]) == SUGGESTIONS_MAX == 10
    assert client.post(URL, {"q": "many"}).status_code == 405


def _queries(client, query: str) -> int:
    return queries_on(client, f"{URL}?q={query}")


def test_it_makes_the_same_queries_whatever_the_data_size(client, db):
    actors_make(3, prefix="few")
    few = _queries(client, "few")
    actors_make(300, prefix="lots")
    assert _queries(client, "lots") == few == 1
