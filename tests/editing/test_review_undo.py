"""Deciding in place (JSON for the queue's script) and undoing the editor's last decision."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.test import Client

from core.editing import record_review, record_review_undo
from negotiations.ingestion import EXTRACTOR_VERSION
from tests.factories import ArticleFactory, EvidenceFactory, OfferFactory

SCRIPT = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def offers(db):
    article = ArticleFactory()
    made = [OfferFactory(extractor_version=EXTRACTOR_VERSION) for _ in range(2)]
    for offer in made:
        EvidenceFactory(record=offer, article=article)
    return made


def test_the_script_gets_json_and_the_form_a_redirect(editor_client, offers):
    response = editor_client.post(
        f"/review/offer/{offers[0].pk}/", {"decision": "confirmed", "version": 1}, **SCRIPT
    )
    assert response.status_code == 200
    assert response.json() == {
        "message": f"Confirmed: {offers[0].label}.",
        "decision": "Confirmed",
        "undo": {"model": "offer", "pk": offers[0].pk, "version": 2},
    }
    plain = editor_client.post(f"/review/offer/{offers[1].pk}/", {"decision": "rejected"})
    assert plain.status_code == 302


def test_a_stale_decision_is_a_409_for_the_script(editor_client, offers):
    response = editor_client.post(
        f"/review/offer/{offers[0].pk}/", {"decision": "confirmed", "version": 5}, **SCRIPT
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["message"]


def test_undo_puts_the_last_decision_back_in_the_queue(editor_client, offers):
    offer = offers[0]
    editor_client.post(f"/review/offer/{offer.pk}/", {"decision": "rejected", "version": 1})
    html = editor_client.get("/review/").content.decode()
    assert html.count('class="review-item"') == 1
    assert f"Your last decision: rejected offer “{offer.label}”" in html
    response = editor_client.post(
        "/review/undo/", {"model": "offer", "pk": offer.pk, "version": 2}, **SCRIPT
    )
    assert response.json() == {
        "message": f"Undone: “{offer.label}” awaits review again.",
        "version": 3,
    }
    offer.refresh_from_db()
    assert (offer.review_state, offer.reviewed_by, offer.version) == ("unreviewed", None, 3)
    assert offer.history.first().history_change_reason == "Review undone"
    html = editor_client.get("/review/").content.decode()
    assert html.count('class="review-item"') == 2 and "Your last decision" not in html
    # Once only: the decision is undone, nothing is left to undo.
    again = editor_client.post("/review/undo/", {"model": "offer", "pk": offer.pk}, **SCRIPT)
    assert again.status_code == 400


def test_undo_checks_the_version(editor_client, offers):
    offer = offers[0]
    editor_client.post(f"/review/offer/{offer.pk}/", {"decision": "confirmed", "version": 1})
    response = editor_client.post(
        "/review/undo/", {"model": "offer", "pk": offer.pk, "version": 1}, follow=True
    )
    assert "changed by someone else" in response.content.decode()
    offer.refresh_from_db()
    assert offer.review_state == "confirmed"


def test_only_the_last_decision_can_be_undone(editor_client, offers):
    first, second = offers
    editor_client.post(f"/review/offer/{first.pk}/", {"decision": "confirmed", "version": 1})
    editor_client.post(f"/review/offer/{second.pk}/", {"decision": "confirmed", "version": 1})
    response = editor_client.post("/review/undo/", {"model": "offer", "pk": first.pk}, **SCRIPT)
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.review_state == "confirmed"


def test_another_editors_decision_is_not_undone(editor_client, offers):
    offer = offers[0]
    editor_client.post(f"/review/offer/{offer.pk}/", {"decision": "confirmed", "version": 1})
    other = User.objects.create_user("other-editor", password="another-pass-123")
    other.groups.add(Group.objects.get_or_create(name=settings.EDITORS_GROUP)[0])
    client = Client()
    client.force_login(other)
    response = client.post("/review/undo/", {"model": "offer", "pk": offer.pk}, **SCRIPT)
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.review_state == "confirmed"


def test_the_write_path_refuses_to_undo_someone_elses_decision(editor, offers):
    offer = record_review(record=offers[0], by=editor, decision="confirmed")
    other = User.objects.create_user("other-editor", password="another-pass-123")
    with pytest.raises(ValidationError):
        record_review_undo(record=offer, by=other)
    with pytest.raises(ValidationError):  # an unreviewed record has nothing to undo
        record_review_undo(record=offers[1], by=editor)
