"""Characters Python calls digits but int() refuses (superscripts: "²") are no number: a
404 or 400 like any other non-number, never a 500 (Schemathesis found the first)."""

from tests.factories import ActorFactory, OfferFactory


def test_a_superscript_is_no_id_in_a_path_or_a_filter(api, editor_api, db):
    ActorFactory(slug="envoy")
    assert editor_api.patch("/api/v1/channels/²/", {"name": "x"}, format="json").status_code == 404
    assert api.get("/api/v1/offers/-²/").status_code == 404
    assert api.get("/api/v1/actors/²/").status_code == 404
    response = api.get("/api/v1/offers/?actor=²")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["actor"]
    response = api.get("/api/v1/offers/?page_size=²")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["page_size"]


def test_a_superscript_version_in_if_match_is_no_etag(editor_api, db):
    offer = OfferFactory()
    response = editor_api.patch(
        f"/api/v1/offers/{offer.pk}/",
        {"conditions": "x"},
        format="json",
        HTTP_IF_MATCH=f'"offer-{offer.pk}-v²"',
    )
    assert response.status_code == 400 and list(response.json()["errors"]) == ["If-Match"]
