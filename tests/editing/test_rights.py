"""Every editing URL: anonymous -> sign in, reader -> 403, editor -> allowed; CSRF stays on."""

import pytest
from django.test import Client
from django.urls import reverse

from actors.models import Alias, Role
from tests.factories import (
    ActorFactory,
    EventFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)


@pytest.fixture
def records(db):
    actor = ActorFactory()
    alias = Alias.objects.create(actor=actor, name="Another Name")
    return {
        "actor": actor,
        "alias": alias,
        "offer": OfferFactory(),
        "channel": TalksChannelFactory(),
        "indictment": IndictmentFactory(),
        "event": EventFactory(),
        "position": PositionFactory(),
        "role": Role.objects.create(actor=actor, title="Minister"),
    }


def page_urls(records) -> list[str]:
    urls = [
        reverse("negotiations:development_add"),
        reverse("negotiations:article_add"),
        reverse("negotiations:review"),
    ]
    for name in ("actor", "offer", "channel", "indictment", "event", "position", "role"):
        pk = records[name].pk
        urls += [
            reverse("negotiations:record_edit", args=[name, pk]),
            reverse("negotiations:record_history", args=[name, pk]),
        ]
        if name not in ("event", "role"):
            urls.append(reverse("negotiations:record_add", args=[name]))
    return urls


def action_urls(records) -> list[str]:
    actor, offer = records["actor"], records["offer"]
    return [
        reverse("negotiations:review_decide", args=["offer", offer.pk]),
        reverse("negotiations:review_undo"),
        reverse("negotiations:record_revert", args=["offer", offer.pk, 1]),
        reverse("actors:alias_add", args=[actor.pk]),
        reverse("actors:alias_split", args=[records["alias"].pk]),
        reverse("actors:alias_delete", args=[records["alias"].pk]),
        reverse("actors:role_add", args=[actor.pk]),
        reverse("actors:merge", args=[actor.pk]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_editing_url(client, records):
    for url in page_urls(records) + action_urls(records):
        method = client.get if url in page_urls(records) else client.post
        response = method(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_signed_in_readers_get_403_on_every_editing_url(client, reader, records):
    client.force_login(reader)
    for url in page_urls(records):
        assert client.get(url).status_code == 403, url
    for url in action_urls(records):
        assert client.post(url).status_code == 403, url
    assert "editors group" in client.get(page_urls(records)[0]).content.decode()


def test_editors_open_every_editing_page(client, editor, records):
    client.force_login(editor)
    for url in page_urls(records):
        assert client.get(url).status_code == 200, url


def test_editing_actions_refuse_get(client, editor, records):
    client.force_login(editor)
    for url in action_urls(records):
        assert client.get(url).status_code == 405, url


def test_a_post_without_a_csrf_token_is_refused(editor, records):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    offer = records["offer"]
    response = client.post(
        reverse("negotiations:review_decide", args=["offer", offer.pk]), {"decision": "confirmed"}
    )
    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.review_state == "unreviewed"
    response = client.post(reverse("negotiations:development_add"), {"title": "x"})
    assert response.status_code == 403
    response = client.post(reverse("negotiations:review_undo"), {"model": "offer", "pk": offer.pk})
    assert response.status_code == 403


def test_unknown_kinds_and_ids_are_404(client, editor, records):
    client.force_login(editor)
    assert client.get("/records/planet/1/edit/").status_code == 404
    assert client.get("/records/offer/999999/edit/").status_code == 404
    assert client.get("/records/offer/999999/history/").status_code == 404
    assert client.post("/review/planet/1/", {"decision": "confirmed"}).status_code == 404


def test_the_header_shows_editor_links_to_editors_only(client, editor, reader, records):
    url = reverse("negotiations:review")
    client.force_login(editor)
    assert reverse("negotiations:development_add") in client.get(url).content.decode()
    client.force_login(reader)
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("negotiations:development_add") not in login_page
