"""A development sourced by a URL or a note is known from its source's own "published on"
date, not from the day it was typed in: back-filled facts show on the days they were public."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from negotiations.models import Event
from negotiations.selectors import event_list
from negotiations.services import event_record
from sources.models import Evidence
from sources.services import SourceInput
from tests.editing.conftest import errors_of
from tests.editing.test_development_add import URL, development

PUBLISHED, THEN = dt.date(2024, 8, 5), dt.date(2024, 8, 10)


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient()
    client.force_authenticate(editor)
    return client


def url_source(**overrides) -> dict:
    return (
        development(
            occurred_year="2024",
            occurred_month="8",
            occurred_day="4",
            source_kind="url",
            url="https://example.org/statement",
            quote="Talks resumed in Doha.",
            note="",
            published_on=PUBLISHED.isoformat(),
        )
        | overrides
    )


def test_a_url_sourced_development_is_known_from_the_pages_date(editor_client):
    response = editor_client.post(URL, url_source())

    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert event.first_reported_on == PUBLISHED
    shown = event_list(as_of=THEN).get(pk=event.pk)  # back-filled, yet known then
    assert [e.url for e in shown.evidence_spans] == ["https://example.org/statement"]
    assert Evidence.objects.get().published_on == PUBLISHED
    page = editor_client.get(f"{event.get_absolute_url()}?as_of={THEN}")
    assert page.status_code == 200 and "Talks resumed in Doha." in page.content.decode()


def test_a_url_without_its_date_is_refused_next_to_the_field(editor_client):
    response = editor_client.post(URL, url_source(published_on=""))

    assert response.status_code == 200
    assert errors_of(response, "published_on") == ["Required for this kind of source."]
    assert 'name="published_on"' in response.content.decode()
    assert not Event.objects.exists()


def test_a_note_may_give_when_it_became_public(editor_client):
    editor_client.post(URL, development(published_on=PUBLISHED.isoformat()))
    assert Event.objects.get().first_reported_on == PUBLISHED


def test_a_note_without_a_date_is_known_from_the_day_it_is_entered(editor_client):
    editor_client.post(URL, development())
    assert Event.objects.get().first_reported_on == timezone.localdate()


def test_a_date_after_today_is_refused(editor_client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = editor_client.post(URL, url_source(published_on=tomorrow.isoformat()))
    assert errors_of(response, "published_on") == ["A source cannot be published after today."]
    assert not Event.objects.exists()


def test_the_api_takes_the_date_and_names_it_when_missing(editor_api):
    body = {
        "title": "Talks resumed",
        "occurred_on": "2024-08-04",
        "source": {"url": "https://example.org/statement", "quote": "Talks resumed."},
    }

    refused = editor_api.post("/api/v1/events/", body, format="json")

    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["source.published_on"]
    assert "published" in refused.json()["errors"]["source.published_on"][0]
    body["source"]["published_on"] = PUBLISHED.isoformat()
    created = editor_api.post("/api/v1/events/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["first_reported_on"] == PUBLISHED.isoformat()
    event_id = created.json()["id"]
    listed = editor_api.get("/api/v1/events/", {"as_of": THEN.isoformat()}).json()["results"]
    assert [e["id"] for e in listed] == [event_id]
    assert [q["quote"] for q in listed[0]["evidence"]] == ["Talks resumed."]


def test_the_service_refuses_a_url_without_its_date_whatever_calls_it(editor):
    with pytest.raises(ValidationError) as raised:
        event_record(
            by=editor,
            fields={"title": "Talks", "occurred_on": dt.date(2024, 8, 4)},
            source=SourceInput(url="https://example.org/statement", quote="Talks."),
        )
    assert list(raised.value.message_dict) == ["published_on"]
    assert not Event.objects.exists()
