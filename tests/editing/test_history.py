"""A record's history: who changed what, readable diffs, ingestion named, revert recorded."""

from core.editing import record_update
from negotiations.ingestion import EXTRACTOR_VERSION
from negotiations.models import Offer


def test_the_history_names_the_editor_and_the_change(editor_client, editor, offer):
    record_update(record=offer, by=editor, changes={"conditions": "Elections first"})
    html = editor_client.get(f"/records/offer/{offer.pk}/history/").content.decode()
    assert '<span class="who">editor</span>' in html
    assert "<ins>Elections first</ins>" in html


def test_ingestions_changes_show_as_the_ingestion_and_its_version(editor_client, sample_article):
    offer = Offer.objects.order_by("id").first()
    html = editor_client.get(f"/records/offer/{offer.pk}/history/").content.decode()
    assert f'<span class="who">ingestion {EXTRACTOR_VERSION}</span>' in html


def test_revert_restores_a_past_version_as_a_new_recorded_change(editor_client, editor, offer):
    original = offer.conditions
    record_update(record=offer, by=editor, changes={"conditions": "Elections first"})
    first = offer.history.order_by("history_date").first()
    response = editor_client.post(
        f"/records/offer/{offer.pk}/history/{first.history_id}/revert/", {"version": 2}
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.conditions, offer.version) == (original, 3)
    latest = offer.history.latest("history_date")
    assert latest.history_user == editor and latest.version == 3


def test_a_stale_revert_is_refused(editor_client, editor, offer):
    record_update(record=offer, by=editor, changes={"conditions": "Elections first"})
    first = offer.history.order_by("history_date").first()
    response = editor_client.post(
        f"/records/offer/{offer.pk}/history/{first.history_id}/revert/", {"version": 1}, follow=True
    )
    assert "Nothing was reverted" in response.content.decode()
    offer.refresh_from_db()
    assert offer.conditions == "Elections first"


def test_reverting_to_an_unknown_version_is_404(editor_client, offer):
    assert (
        editor_client.post(f"/records/offer/{offer.pk}/history/999999/revert/").status_code == 404
    )
