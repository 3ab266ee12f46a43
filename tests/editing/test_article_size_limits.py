"""Sizes an article submission may not pass, each answered by name: its metadata through the
API (ARTICLE_METADATA_MAX_BYTES), and a paste too long for a form post (Django's
DATA_UPLOAD_MAX_MEMORY_SIZE), which the form answers next to the text, not a bare 400."""

import pytest
from rest_framework.test import APIClient

from sources.models import Article

TEXT = "Envoys met in Doha on Monday to discuss an exit, two officials said."


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_metadata_over_the_limit_is_a_400_naming_metadata(editor_api, settings):
    settings.ARTICLE_METADATA_MAX_BYTES = 1_000
    body = {"text": TEXT, "published_on": "2024-09-01", "metadata": {"notes": "x" * 2_000}}
    response = editor_api.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "metadata": ["The metadata is 2,013 bytes as JSON; the limit is 1,000."]
    }
    body["metadata"] = {"authors": ["A. Reporter"], "dateline": "DOHA", "language": "en"}
    assert editor_api.post("/api/v1/articles/", body, format="json").status_code == 202
    assert Article.objects.get().metadata["dateline"] == "DOHA"


def test_the_default_limit_refuses_megabytes_of_metadata(editor_api):
    body = {"text": TEXT, "published_on": "2024-09-01", "metadata": {"x": "y" * 5_000_000}}
    response = editor_api.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["metadata"]
    assert not Article.objects.exists()


def test_a_paste_too_big_to_post_is_answered_by_the_form(client, editor, settings):
    client.force_login(editor)
    client.handler.enforce_csrf_checks = True
    settings.ARTICLE_MAX_BYTES = 1_000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000
    text = "Envoys met again. " * 2_000  # 36,000 bytes, well past both
    response = client.post("/articles/add/", {"text": text, "published_on": "2024-09-01"})
    assert response.status_code == 413
    errors = response.context["form"].errors["text"]
    assert errors == [
        "This is more than the 5,000 bytes a form may send; an article may be at most 1,000 "
        "bytes. Paste a shorter text, or split it."
    ]
    assert "an article may be at most 1,000 bytes" in response.content.decode()
    assert not Article.objects.exists()


def test_a_paste_over_the_article_limit_but_postable_gets_the_articles_own_error(
    client, editor, settings
):
    client.force_login(editor)
    settings.ARTICLE_MAX_BYTES = 1_000
    text = "Envoys met again. " * 100  # 1,800 bytes
    response = client.post("/articles/add/", {"text": text, "published_on": "2024-09-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [
        "The article is 1,800 bytes; the limit is 1,000."
    ]


def test_a_post_that_fits_still_needs_its_csrf_token(client, editor):
    client.force_login(editor)
    client.handler.enforce_csrf_checks = True
    response = client.post("/articles/add/", {"text": TEXT, "published_on": "2024-09-01"})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_the_limits_hold_by_default():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= 2 * settings.ARTICLE_MAX_BYTES
    assert 10_000 <= settings.ARTICLE_METADATA_MAX_BYTES <= 1_000_000
