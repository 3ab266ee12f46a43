"""ETags: 304 on a match; a write with a stale If-Match is refused with 412 and changes nothing."""

from actors.models import Actor
from negotiations.models import Event, Offer
from tests.factories import ActorFactory, OfferFactory


def test_a_record_answers_304_to_its_own_etag(api, db):
    actor = ActorFactory()
    first = api.get(f"/api/v1/actors/{actor.pk}/")
    assert first["ETag"].startswith(f'"actor-{actor.pk}-v1-')
    assert first.has_header("Last-Modified")
    again = api.get(f"/api/v1/actors/{actor.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_list_answers_304_until_it_changes(api, db):
    ActorFactory()
    etag = api.get("/api/v1/actors/")["ETag"]
    assert api.get("/api/v1/actors/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    ActorFactory()
    changed = api.get("/api/v1/actors/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_write_with_the_current_etag_succeeds(editor_api, db):
    actor = ActorFactory()
    etag = editor_api.get(f"/api/v1/actors/{actor.slug}/")["ETag"]
    response = editor_api.patch(
        f"/api/v1/actors/{actor.slug}/", {"description": "Fresh"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response["ETag"].startswith(f'"actor-{actor.pk}-v2-')


def test_a_write_with_a_stale_etag_is_refused_and_changes_nothing(editor_api, editor, db):
    actor = ActorFactory(description="Original")
    path = f"/api/v1/actors/{actor.pk}/"
    stale = editor_api.get(path)["ETag"]
    assert editor_api.patch(path, {"description": "First"}, format="json").status_code == 200

    response = editor_api.patch(path, {"description": "Second"}, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    body = response.json()
    assert body["status"] == 412 and body["code"] == "precondition_failed" and body["message"]
    actor = Actor.objects.get()
    assert (actor.description, actor.version) == ("First", 2)


def test_a_status_change_with_a_stale_etag_is_refused(editor_api, db):
    offer = OfferFactory()
    path = f"/api/v1/offers/{offer.pk}/"
    stale = editor_api.get(path)["ETag"]
    editor_api.patch(path, {"conditions": "Changed meanwhile"}, format="json")
    response = editor_api.post(
        f"{path}status/",
        {"status": "declined", "occurred_on": "2024-09-01"},
        format="json",
        HTTP_IF_MATCH=stale,
    )
    assert response.status_code == 412
    assert Offer.objects.get().status == "proposed"
    assert not Event.objects.exists()


def test_an_etag_of_another_record_is_refused(editor_api, db):
    one, other = ActorFactory(), ActorFactory()
    etag = editor_api.get(f"/api/v1/actors/{other.pk}/")["ETag"]
    response = editor_api.patch(
        f"/api/v1/actors/{one.pk}/", {"description": "X"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 412
    assert Actor.objects.get(pk=one.pk).description == ""
