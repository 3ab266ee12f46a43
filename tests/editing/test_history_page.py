"""The history page reads as editors think: names not ids, one entry per version, and a
revert that shows what it changes and asks to confirm."""

import re

from core.editing import record_create, record_update
from negotiations.models import Offer
from tests.factories import ActorFactory, OfferFactory, TalksChannelFactory


def test_recipients_read_as_names_not_python_values(editor_client, editor):
    norland, southland = ActorFactory(name="Norland"), ActorFactory(name="Southland")
    offer = OfferFactory()
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [norland]})
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [norland, southland]})

    html = editor_client.get(f"/records/offer/{offer.pk}/history/").content.decode()

    assert "<ins>Norland, Southland</ins>" in html
    assert "<del>Norland</del>" in html
    assert "{&#x27;" not in html and "{'" not in html  # no dict reprs


def test_a_maker_and_a_channel_read_as_names_and_a_status_as_its_label(editor_client, editor):
    maker = ActorFactory(name="Government of Norland")
    channel = TalksChannelFactory(name="Doha talks")
    offer = OfferFactory(status="proposed")
    record_update(
        record=offer,
        by=editor,
        changes={"offered_by": maker, "channel": channel, "status": "under_discussion"},
    )

    html = editor_client.get(f"/records/offer/{offer.pk}/history/").content.decode()

    assert "<ins>Government of Norland</ins>" in html
    assert "<ins>Doha talks</ins>" in html
    assert "<del>Proposed</del>" in html and "<ins>Under discussion</ins>" in html


def test_each_version_is_one_entry_with_one_revert(editor_client, editor):
    norland = ActorFactory(name="Norland")
    # Created with recipients: a save and its set are two rows of version 1.
    offer = record_create(
        model=Offer, by=editor, fields={"terms": "Amnesty"}, m2m={"recipients": [norland]}
    )
    record_update(record=offer, by=editor, changes={"conditions": "Elections first"})
    assert offer.history.filter(version=1).count() > 1

    html = editor_client.get(f"/records/offer/{offer.pk}/history/").content.decode()

    assert len(re.findall(r"· version 1\b", html)) == 1
    assert len(re.findall(r"· version 2\b", html)) == 1
    assert html.count("Revert to this version") == 1


def test_revert_first_shows_what_it_changes_and_asks_to_confirm(editor_client, editor):
    norland = ActorFactory(name="Norland")
    offer = OfferFactory(conditions="")
    record_update(record=offer, by=editor, changes={"conditions": "Elections first"})
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [norland]})
    first = offer.history.filter(version=1).last()
    history = editor_client.get(f"/records/offer/{offer.pk}/history/").content.decode()
    link = f"/records/offer/{offer.pk}/history/{first.history_id}/"
    assert f'href="{link}"' in history
    assert "revert/" not in history  # no one-click revert on the history page

    page = editor_client.get(link)

    assert page.status_code == 200
    html = page.content.decode()
    assert "<del>Elections first</del>" in html and "<del>Norland</del>" in html
    assert f'action="{link}revert/"' in html and 'name="version" value="3"' in html
    offer.refresh_from_db()
    assert (offer.conditions, offer.version) == ("Elections first", 3)  # nothing yet

    assert editor_client.post(f"{link}revert/", {"version": 3}).status_code == 302
    offer.refresh_from_db()
    assert (offer.conditions, list(offer.recipients.all()), offer.version) == ("", [], 4)


def test_reverting_to_the_first_row_of_a_version_restores_its_sets(editor_client, editor):
    norland, southland = ActorFactory(name="Norland"), ActorFactory(name="Southland")
    offer = record_create(
        model=Offer, by=editor, fields={"terms": "Amnesty"}, m2m={"recipients": [norland]}
    )
    record_update(record=offer, by=editor, changes={}, m2m={"recipients": [southland]})
    created = offer.history.filter(version=1).order_by("history_date", "history_id").first()

    editor_client.post(
        f"/records/offer/{offer.pk}/history/{created.history_id}/revert/", {"version": 2}
    )

    assert list(offer.recipients.all()) == [norland]


def test_the_version_page_needs_an_editor(client, reader, offer):
    first = offer.history.first()
    url = f"/records/offer/{offer.pk}/history/{first.history_id}/"
    assert client.get(url).status_code == 302
    client.force_login(reader)
    assert client.get(url).status_code == 403
