"""Control characters (all but tab and line breaks) are refused at every door, naming the
field, and the feed never breaks on one stored before that."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from actors.models import Actor
from core.editing import record_create
from negotiations.models import Event, Offer
from sources.models import Article
from sources.services import article_submit, article_text_problem
from tests.editing.test_development_add import development
from tests.factories import ActorFactory, EventFactory, OfferFactory

ESC = "\x1b"
TEXT = "Envoys met in Doha on Monday to discuss an exit, two officials said."


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient()
    client.force_authenticate(editor)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_tab_and_line_breaks_are_text_and_other_control_characters_are_not():
    from core.text import control_character_problem

    assert control_character_problem("a\tb\nc\r\nd") is None
    for char in ("\x00", "\x07", "\x0b", "\x0c", ESC, "\x7f", "\x85", "\x9f"):
        problem = control_character_problem(f"ab{char}")
        assert problem == (
            f"Contains a control character (U+{ord(char):04X}) at character 3; "
            "only tab and line breaks are allowed."
        )


def test_the_feed_answers_even_with_a_control_character_stored(client, db):
    # Stored before the doors refused them (a bulk write skips validation, as old rows did).
    Event.objects.bulk_create([Event(title=f"Talks{ESC} resume", occurred_on=dt.date(2024, 8, 1))])
    response = client.get("/feeds/developments/")
    assert response.status_code == 200
    assert "Talks resume" in response.content.decode()


def test_the_api_refuses_a_control_character_in_a_new_event_naming_the_field(editor_api):
    body = {"title": f"Talks{ESC} resume", "occurred_on": "2024-08-01"}
    response = editor_api.post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["title"] == [
        "Contains a control character (U+001B) at character 6; only tab and line breaks "
        "are allowed."
    ]
    body = {"title": "Talks resume", "occurred_on": "2024-08-01", "source": {"note": f"x{ESC}"}}
    response = editor_api.post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["source.note"]
    assert not Event.objects.exists()


def test_the_api_refuses_one_in_a_correction_and_in_an_offers_status_change(editor_api):
    offer = OfferFactory(terms="Amnesty")
    response = editor_api.patch(f"/api/v1/offers/{offer.pk}/", {"terms": f"A{ESC}"}, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["terms"]
    response = editor_api.post(
        f"/api/v1/offers/{offer.pk}/status/",
        {"status": "declined", "occurred_on": "2024-09-01", "summary": f"No{ESC}"},
        format="json",
    )
    assert response.status_code == 400 and list(response.json()["errors"]) == ["summary"]
    actor = ActorFactory(name="Envoy")
    response = editor_api.patch(
        f"/api/v1/actors/{actor.pk}/", {"description": f"\x07{ESC}"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()["errors"]) == ["description"]
    offer.refresh_from_db()
    assert offer.terms == "Amnesty" and offer.version == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", f"{TEXT}{ESC}[31m"),
        ("title", f"Talks{ESC}"),
        ("publisher", f"Wire{ESC}"),
    ],
)
def test_the_api_refuses_one_in_an_article_naming_the_field(editor_api, field, value):
    body = {"text": TEXT, "published_on": "2024-09-01", field: value}
    response = editor_api.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Article.objects.exists()


def test_an_articles_metadata_has_them_dropped_not_refused(editor_api):
    # Free-form JSON that no page shows: kept, less its control characters.
    metadata = {"authors": ["A. Reporter", f"B.{ESC}"], f"dateline{ESC}": "Doha"}
    body = {"text": TEXT, "published_on": "2024-09-01", "metadata": metadata}
    response = editor_api.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 202
    assert Article.objects.get().metadata == {"authors": ["A. Reporter", "B."], "dateline": "Doha"}


def test_an_article_text_with_one_is_refused_by_the_service_every_door_uses(db):
    assert article_text_problem(f"{TEXT}\x0c") == (
        "The article's text contains a control character (U+000C) at character "
        f"{len(TEXT) + 1}; only tab and line breaks are allowed."
    )
    assert article_text_problem(f"{TEXT}\r\n\tMore.") is None
    article = article_submit(
        text=TEXT, published_on=dt.date(2024, 9, 1), metadata={"a": f"x{ESC}"}
    ).article
    assert article.metadata == {"a": "x"}


def test_the_site_forms_refuse_one_next_to_the_field(editor_client):
    response = editor_client.post(
        "/records/offer/add/", {"kind": "amnesty", "terms": f"Amnesty{ESC}", "status": "proposed"}
    )
    assert "only tab and line breaks are allowed" in response.context["form"].errors["terms"][0]
    response = editor_client.post("/developments/add/", development(title=f"Talks{ESC}"))
    assert "only tab and line breaks" in response.context["form"].errors["title"][0]
    response = editor_client.post(
        "/developments/add/", development(note=f"Confirmed{ESC} by phone")
    )
    assert "only tab and line breaks" in response.context["form"].errors["note"][0]
    response = editor_client.post(
        "/articles/add/", {"text": f"{TEXT}{ESC}", "published_on": "2024-09-01"}
    )
    assert "control character (U+001B)" in response.context["form"].errors["text"][0]
    actor = {"name": f"Envoy{ESC}", "kind": "person", "side": "unknown"}
    response = editor_client.post("/records/actor/add/", actor)
    assert "only tab and line breaks" in response.context["form"].errors["name"][0]
    assert not (Offer.objects.exists() or Event.objects.exists() or Article.objects.exists())
    assert not Actor.objects.exists()


def test_a_form_keeps_a_textareas_line_breaks_as_browsers_send_them(editor_client):
    response = editor_client.post(
        "/records/offer/add/",
        {"kind": "amnesty", "terms": "Amnesty\r\n\tfor the general", "status": "proposed"},
    )
    assert response.status_code == 302
    assert Offer.objects.get().terms == "Amnesty\r\n\tfor the general"


def test_the_services_refuse_one_whatever_calls_them(editor):
    with pytest.raises(ValidationError) as raised:
        record_create(model=Offer, by=editor, fields={"terms": "Amnesty", "conditions": ESC})
    assert list(raised.value.message_dict) == ["conditions"]


def test_the_command_fails_the_file_naming_the_field_and_cleans_metadata(db, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(f"{TEXT}{ESC}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.json").write_text('{"published": "2024-09-01", "dateline": "Doha\\u001b"}')
    (tmp_path / "c.txt").write_text(f"{TEXT} Again.", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "a.txt"), "--published", "2024-09-01")
    capsys.readouterr()
    call_command("ingest", str(tmp_path), "--published", "2024-09-01")
    captured = capsys.readouterr()
    assert "failed  a.txt: text: The article's text contains a control character (U+001B)" in (
        captured.err
    )
    assert "2 stored, 0 skipped as already known, 1 failed." in captured.out
    assert Article.objects.get(text=TEXT).metadata == {"dateline": "Doha"}
    assert Article.objects.filter(text__endswith="Again.").exists()


def test_an_event_stored_with_one_still_shows_on_the_timeline_and_api(client, api_client, db):
    event = EventFactory(title="Placeholder")
    Event.objects.filter(pk=event.pk).update(title=f"Talks{ESC}")
    assert client.get("/timeline/").status_code == 200
    assert api_client.get(f"/api/v1/events/{event.pk}/").status_code == 200


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
