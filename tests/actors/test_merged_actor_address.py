"""A merged actor's address leads to the actor it was merged into, on pages and the API."""

from rest_framework.test import APIClient

from actors.services import actor_create, actor_merge, actor_slug
from tests.factories import ActorFactory


def merged(editor):
    keep = ActorFactory(name="Arturo Pinzon", slug="arturo-pinzon")
    duplicate = ActorFactory(name="A. Pinzon", slug="a-pinzon")
    old_id = duplicate.pk
    actor_merge(keep=keep, duplicate=duplicate, by=editor)
    return keep, old_id


def test_the_duplicates_page_redirects_permanently_to_the_kept_actor(client, editor):
    keep, _old_id = merged(editor)
    response = client.get("/actors/a-pinzon/?as_of=2024-08-11")
    assert response.status_code == 301
    assert response["Location"] == "/actors/arturo-pinzon/?as_of=2024-08-11"


def test_the_api_redirects_the_duplicates_slug_and_id(editor):
    keep, old_id = merged(editor)
    api = APIClient()
    for key in ("a-pinzon", str(old_id)):
        response = api.get(f"/api/v1/actors/{key}/")
        assert response.status_code == 301, key
        assert response["Location"].endswith("/api/v1/actors/arturo-pinzon/"), key
    assert api.get("/api/v1/actors/a-pinzon/", follow=True).json()["name"] == "Arturo Pinzon"


def test_a_second_merge_carries_the_first_address_along(client, editor):
    keep, _old_id = merged(editor)
    final = ActorFactory(name="General Arturo Pinzon", slug="general-arturo-pinzon")
    actor_merge(keep=final, duplicate=keep, by=editor)
    for slug in ("a-pinzon", "arturo-pinzon"):
        response = client.get(f"/actors/{slug}/")
        assert (response.status_code, response["Location"]) == (301, final.get_absolute_url())


def test_unknown_slugs_stay_404(client, editor):
    merged(editor)
    assert client.get("/actors/nobody/").status_code == 404
    assert APIClient().get("/api/v1/actors/nobody/").status_code == 404


def test_a_new_actor_never_takes_a_merged_actors_address(editor):
    merged(editor)
    assert actor_slug("A. Pinzon") == "a-pinzon-2"
    assert actor_create(by=editor, fields={"name": "A Pinzon Foundation"}).slug != "a-pinzon"
