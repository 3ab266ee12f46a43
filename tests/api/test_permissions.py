"""Every endpoint: anonymous reads work; anonymous and non-editor writes are refused;
an editor's write works and the history names the editor."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from actors.models import Actor
from negotiations.models import Event, Offer
from sources.models import Article
from tests.factories import (
    ActorFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)


@pytest.fixture
def records(db):
    actor = ActorFactory()
    offer = OfferFactory(offered_by=actor)
    event = EventFactory()
    evidence = EvidenceFactory(record=offer)
    return {
        "actors": actor,
        "offers": offer,
        "channels": TalksChannelFactory(),
        "indictments": IndictmentFactory(),
        "positions": PositionFactory(actor=actor),
        "events": event,
        "articles": evidence.article,
        "evidence": evidence,
    }


ENDPOINTS = ["actors", "offers", "channels", "indictments", "positions", "events"]
ALL = [*ENDPOINTS, "articles", "evidence"]


@pytest.mark.parametrize("name", ALL)
def test_anyone_reads_every_list_and_record(api, records, name):
    listed = api.get(f"/api/v1/{name}/")
    assert listed.status_code == 200
    assert records[name].pk in [row["id"] for row in listed.json()["results"]]
    detail = api.get(f"/api/v1/{name}/{records[name].pk}/")
    assert detail.status_code == 200
    assert detail.json()["id"] == records[name].pk


def test_anyone_reads_the_state(api, records):
    response = api.get("/api/v1/state/")
    assert response.status_code == 200
    assert response.json()["standing_offers"] == 1


def test_reading_can_require_login(api, reader_api, records, settings):
    settings.READ_REQUIRES_LOGIN = True
    assert api.get("/api/v1/offers/").status_code in (401, 403)
    assert reader_api.get("/api/v1/offers/").status_code == 200


def _writes(records):
    return [
        ("patch", f"/api/v1/actors/{records['actors'].pk}/", {"description": "Corrected"}),
        ("patch", f"/api/v1/offers/{records['offers'].pk}/", {"conditions": "Leave"}),
        ("patch", f"/api/v1/channels/{records['channels'].pk}/", {"venue": "Doha"}),
        ("patch", f"/api/v1/indictments/{records['indictments'].pk}/", {"charges": "More"}),
        ("patch", f"/api/v1/positions/{records['positions'].pk}/", {"stance": "Open"}),
        ("patch", f"/api/v1/events/{records['events'].pk}/", {"title": "Renamed"}),
        ("post", "/api/v1/events/", {"title": "Talks resume", "occurred_on": "2024-09-01"}),
        (
            "post",
            f"/api/v1/offers/{records['offers'].pk}/status/",
            {"status": "declined", "occurred_on": "2024-09-02"},
        ),
        (
            "post",
            "/api/v1/articles/",
            {"text": "Officials met again.", "published_on": "2024-09-03"},
        ),
    ]


def test_anonymous_writes_are_refused(api, records):
    for method, path, body in _writes(records):
        assert getattr(api, method)(path, body, format="json").status_code in (401, 403), path
    assert Event.objects.count() == 1
    assert Actor.objects.get().description == ""


def test_non_editors_writes_are_refused(reader_api, records):
    for method, path, body in _writes(records):
        response = getattr(reader_api, method)(path, body, format="json")
        assert response.status_code == 403, path
        assert response.json()["code"] == "permission_denied"
    assert Event.objects.count() == 1


def test_editors_writes_work_and_the_history_names_them(editor_api, editor, records):
    for method, path, body in _writes(records):
        response = getattr(editor_api, method)(path, body, format="json")
        assert response.status_code in (200, 201, 202), (path, response.json())
    for name in ENDPOINTS:
        record = type(records[name]).objects.get(pk=records[name].pk)
        assert record.history.first().history_user == editor, name
    offer = Offer.objects.get()
    assert offer.status == "declined"
    assert Event.objects.filter(offer=offer, status_to="declined").get().created_by == editor
    assert Event.objects.filter(title="Talks resume", occurred_on=dt.date(2024, 9, 1)).exists()
    assert Article.objects.filter(text="Officials met again.").get().submitted_by == editor


def test_a_token_authenticates_an_editor_and_can_be_revoked(editor, records):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic " + _basic("editor", "editor-pass-123"))
    created = client.post("/api/v1/auth/token/")
    assert created.status_code == 201
    key = created.json()["token"]

    with_token = APIClient()
    with_token.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    path = f"/api/v1/actors/{records['actors'].pk}/"
    assert with_token.patch(path, {"description": "Via token"}, format="json").status_code == 200

    assert with_token.delete("/api/v1/auth/token/").status_code == 204
    assert with_token.patch(path, {"description": "Again"}, format="json").status_code == 401
    assert Actor.objects.get().description == "Via token"


def test_rotating_a_token_retires_the_old_one(reader):
    client = APIClient()
    client.force_authenticate(reader)
    first = client.post("/api/v1/auth/token/").json()["token"]
    second = client.post("/api/v1/auth/token/").json()["token"]
    assert first != second
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert old.get("/api/v1/auth/token/").status_code == 401
    assert User.objects.get(pk=reader.pk).auth_token.key == second


def test_anonymous_users_have_no_token(api):
    assert api.post("/api/v1/auth/token/").status_code in (401, 403)


def _basic(username: str, password: str) -> str:
    import base64

    return base64.b64encode(f"{username}:{password}".encode()).decode()
