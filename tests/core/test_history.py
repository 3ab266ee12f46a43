from actors.models import Actor
from tests.factories import ActorFactory


def test_history_records_who_changed_what_through_the_admin(client, staff_editor):
    actor = ActorFactory(name="Office of the Spokesperson", kind="institution")
    client.force_login(staff_editor)
    response = client.post(
        f"/admin/actors/actor/{actor.pk}/change/",
        {
            "name": "Office of the Spokesperson",
            "slug": actor.slug,
            "kind": "institution",
            "side": "us_government",
            "description": "",
            "origin": "editor",
            "review_state": "corrected",
            "extractor_version": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "sources-evidence-content_type-object_id-TOTAL_FORMS": "0",
            "sources-evidence-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = Actor.history.filter(id=actor.pk).latest("history_date")
    assert latest.history_user == staff_editor
    assert latest.history_type == "~"
    change = latest.diff_against(latest.prev_record)
    assert {c.field for c in change.changes} >= {"side", "review_state"}
    assert latest.side == "us_government"
