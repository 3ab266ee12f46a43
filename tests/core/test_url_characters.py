"""A URL holding what no URL may (quotes, angle brackets, spaces...) is refused at every
door, naming the field; percent-encoded, or with letters beyond ASCII, it is a URL."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from negotiations.models import Event
from negotiations.services import event_record
from sources.models import Article, Evidence
from sources.services import SourceInput, article_submit
from tests.editing.test_development_add import development

BAD = 'https://example.org/"><script>'
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


def test_the_api_refuses_it_in_an_article_and_in_a_source(editor_api):
    body = {"text": TEXT, "published_on": "2024-09-01", "url": BAD}
    response = editor_api.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "url": ['A URL cannot contain “"” (character 21); percent-encode it (as %22).']
    }
    body = {
        "title": "Talks resume",
        "occurred_on": "2024-08-01",
        "source": {"url": "https://example.org/a <b>", "quote": "Talks resume."},
    }
    response = editor_api.post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["source.url"]
    assert not (Article.objects.exists() or Event.objects.exists())


def test_the_forms_refuse_it_next_to_the_field(editor_client):
    response = editor_client.post(
        "/articles/add/", {"text": TEXT, "published_on": "2024-09-01", "url": BAD}
    )
    assert "percent-encode it (as %22)" in response.context["form"].errors["url"][0]
    data = development(source_kind="url", url="https://example.org/{x}", quote="Talks resume.")
    response = editor_client.post("/developments/add/", data)
    assert "A URL cannot contain “{”" in response.context["form"].errors["url"][0]
    assert not (Article.objects.exists() or Event.objects.exists())


def test_the_services_refuse_it_whatever_calls_them(editor):
    with pytest.raises(ValidationError) as raised:
        article_submit(text=TEXT, published_on=dt.date(2024, 9, 1), url=BAD)
    assert list(raised.value.message_dict) == ["url"]
    with pytest.raises(ValidationError) as raised:
        event_record(
            by=editor,
            fields={"title": "Talks", "occurred_on": dt.date(2024, 8, 1)},
            source=SourceInput(url="https://example.org/a`b", quote="Talks."),
        )
    assert list(raised.value.message_dict) == ["url"]
    assert not Evidence.objects.exists()


def test_the_command_fails_the_file_naming_the_url(db, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="url: A URL cannot contain"):
        call_command("ingest", str(tmp_path / "a.txt"), "--published", "2024-09-01", "--url", BAD)


def test_percent_encoded_and_non_ascii_urls_are_urls(editor_api):
    url = "https://example.org/caf%C3%A9/%22quoted%22?q=a%20b&x=año#top"
    body = {"text": TEXT, "published_on": "2024-09-01", "url": url}
    response = editor_api.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 202, response.json()
    assert Article.objects.get().url == url
