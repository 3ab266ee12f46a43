"""Roles are corrected like any record (versioned, in the history) and rejected from their
actor's page; they are still added there."""

import datetime as dt

import pytest
from django.test import Client

from actors.models import Role
from core.models import ReviewState
from tests.factories import ActorFactory

EDIT = "/records/role/{}/edit/"


@pytest.fixture
def actor(db):
    return ActorFactory(name="Arturo Pinzon")


def _role(actor) -> Role:
    return Role.objects.create(actor=actor, title="Ministr", started_on=dt.date(2020, 1, 1))


def test_an_editor_corrects_a_role_and_the_history_names_them(editor_client, editor, actor):
    role = _role(actor)
    page = editor_client.get(f"/records/actor/{actor.pk}/edit/").content.decode()
    assert EDIT.format(role.pk) in page
    data = {"version": role.version, "title": "Minister", "started_year": "2021", "ended_year": ""}
    response = editor_client.post(EDIT.format(role.pk), data)
    assert response.status_code == 302
    assert response["Location"] == f"/records/actor/{actor.pk}/edit/"
    role.refresh_from_db()
    assert (role.title, role.started_on, role.version) == ("Minister", dt.date(2021, 1, 1), 2)
    assert role.history.latest().history_user == editor
    history = editor_client.get(f"/records/role/{role.pk}/history/")
    assert history.status_code == 200 and "Minister" in history.content.decode()


def test_a_stale_role_edit_is_refused_and_keeps_the_input(editor_client, actor):
    role = _role(actor)
    stale = {"version": role.version, "title": "Minister", "started_year": "2020"}
    Role.objects.filter(pk=role.pk).update(version=role.version + 1)
    response = editor_client.post(EDIT.format(role.pk), stale)
    assert response.status_code == 200
    assert 'value="Minister"' in response.content.decode()
    role.refresh_from_db()
    assert role.title == "Ministr"


def test_a_role_ending_before_it_starts_is_refused_in_place(editor_client, actor):
    role = _role(actor)
    data = {"version": role.version, "title": "Minister", "started_year": "2020"}
    response = editor_client.post(EDIT.format(role.pk), data | {"ended_year": "2019"})
    assert response.status_code == 200
    assert "The end is before the start." in response.content.decode()
    role.refresh_from_db()
    assert role.ended_on is None


def test_rejecting_a_role_from_its_actor_page_hides_it_from_readers(editor_client, actor):
    role = _role(actor)
    assert "Ministr" in Client().get(actor.get_absolute_url()).content.decode()
    edit_page = f"/records/actor/{actor.pk}/edit/"
    response = editor_client.post(
        f"/review/role/{role.pk}/",
        {"decision": "rejected", "version": role.version, "next": edit_page},
    )
    assert response["Location"] == edit_page
    role.refresh_from_db()
    assert role.review_state == ReviewState.REJECTED
    assert "rejected" in editor_client.get(edit_page).content.decode()
    assert "Ministr" not in Client().get(actor.get_absolute_url()).content.decode()


def test_roles_are_not_added_through_the_record_forms(editor_client):
    assert editor_client.get("/records/role/add/").status_code == 404
