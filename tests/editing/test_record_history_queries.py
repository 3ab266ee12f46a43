"""The record history page loads each many-to-many set once per page, not per history row."""

from core.editing import record_update
from tests.factories import ActorFactory, OfferFactory


def saves(offer, editor, count: int) -> None:
    actors = [ActorFactory() for _n in range(2)]
    for n in range(count):
        record_update(
            record=offer,
            by=editor,
            changes={"conditions": f"Condition {n}"},
            m2m={"recipients": actors[: n % 3]},
        )


def test_the_query_count_does_not_grow_with_the_history(
    editor_client, editor, django_assert_num_queries
):
    offer = OfferFactory()
    saves(offer, editor, 2)
    url = f"/records/offer/{offer.pk}/history/"
    editor_client.get(url)  # warm: session, content types
    with django_assert_num_queries(7):
        assert editor_client.get(url).status_code == 200
    saves(offer, editor, 10)
    with django_assert_num_queries(7):
        assert editor_client.get(url).status_code == 200


def test_recipient_changes_still_show_on_the_page(editor_client, editor):
    offer = OfferFactory()
    actor = ActorFactory()
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [actor]})
    html = editor_client.get(f"/records/offer/{offer.pk}/history/").content.decode()
    assert "Recipients" in html or "recipients" in html
