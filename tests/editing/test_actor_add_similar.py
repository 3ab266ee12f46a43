"""Adding an actor whose name is close to a known one warns and offers the known one."""

import pytest

from actors.models import Actor, Alias
from actors.normalize import name_similarity, normalize_name
from actors.selectors import actor_similar
from tests.factories import ActorFactory


@pytest.fixture
def maduro(db):
    actor = ActorFactory(name="Nicolás Maduro", slug="nicolas-maduro")
    Alias.objects.create(actor=actor, name="Nicolás Maduro")
    Alias.objects.create(actor=actor, name="Maduro Moros")
    return actor


def add(client, name: str, **extra):
    return client.post("/records/actor/add/", {"name": name, "kind": "person",
                                               "side": "unknown", **extra})  # fmt: skip


def test_a_close_name_is_not_added_and_the_known_actor_is_offered(editor_client, maduro):
    response = add(editor_client, "Nicolas Maduros")

    assert response.status_code == 200
    assert [item.actor for item in response.context["similar"]] == [maduro]
    html = response.content.decode()
    assert "a close name" in html
    assert f'href="{maduro.get_absolute_url()}"' in html
    assert f'action="/actors/{maduro.pk}/aliases/add/"' in html  # use it, as an alias
    assert Actor.objects.count() == 1


def test_the_editor_can_still_add_it_deliberately(editor_client, maduro):
    response = add(editor_client, "Nicolas Maduros", create_anyway="1")
    assert response.status_code == 302
    assert Actor.objects.filter(name="Nicolas Maduros").exists()


def test_using_the_known_actor_adds_the_name_as_its_alias(editor_client, maduro):
    response = editor_client.post(f"/actors/{maduro.pk}/aliases/add/", {"name": "N. Maduro"})
    assert response.status_code == 302
    assert Actor.objects.count() == 1
    assert maduro.aliases.filter(name="N. Maduro").exists()


def test_an_alias_close_to_the_name_counts_too(maduro):
    assert [item.alias for item in actor_similar(name="Maduro Moros Nicolas")] == ["Maduro Moros"]


def test_a_distinct_name_is_added_without_a_warning(editor_client, maduro):
    assert add(editor_client, "Delcy Rodríguez").status_code == 302


@pytest.mark.parametrize(
    ("first", "second", "close"),
    [
        ("A. Pinzon", "Arturo Pinzon", True),
        ("Maduro", "Nicolás Maduro", True),
        ("Maduro, Nicolás", "Nicolás Maduro", True),
        ("Edmundo González", "Edmundo Gonzalez Urrutia", True),
        ("Venezuela", "Government of Venezuela", False),
        ("United States", "United Kingdom", False),
        ("Qatar", "Iraq", False),
    ],
)
def test_what_counts_as_close(first, second, close):
    assert (name_similarity(normalize_name(first), normalize_name(second)) >= 0.85) is close
