"""POST /api/v1/articles/ goes through article_submit: 202 with the article's URL, once per text."""

from django.test import override_settings

from sources.models import Article


def _submit(client, **fields):
    body = {
        "text": "Envoys met in Doha to discuss an exit.",
        "published_on": "2024-09-01",
        **fields,
    }
    return client.post("/api/v1/articles/", body, format="json")


def test_an_article_is_accepted_with_its_url(editor_api, editor):
    response = _submit(editor_api, title="Envoys meet")
    assert response.status_code == 202
    article = Article.objects.get()
    assert response["Location"].endswith(f"/api/v1/articles/{article.pk}/")
    assert response.json()["url"] == response["Location"]
    assert article.submitted_by == editor and article.title == "Envoys meet"
    # Ingestion runs eagerly under the test settings; its status is at that URL.
    followed = editor_api.get(response["Location"]).json()
    assert followed["status"] in {"done", "failed", "pending", "processing"}
    assert followed["text"] == article.text


def test_the_same_text_again_answers_with_the_existing_article(editor_api):
    first = _submit(editor_api)
    again = _submit(editor_api, title="Another title")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Article.objects.count() == 1


def test_empty_text_is_a_400_naming_text(editor_api):
    response = _submit(editor_api, text="   ")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert "text" in body["errors"]
    assert not Article.objects.exists()


@override_settings(ARTICLE_MAX_BYTES=100)
def test_oversized_text_is_a_400_naming_text(editor_api):
    response = _submit(editor_api, text="word " * 100)
    assert response.status_code == 400
    assert "text" in response.json()["errors"]
    assert not Article.objects.exists()


def test_a_missing_date_is_a_400_naming_it(editor_api):
    response = editor_api.post("/api/v1/articles/", {"text": "Talks."}, format="json")
    assert response.status_code == 400
    assert "published_on" in response.json()["errors"]


def test_an_article_shows_its_evidence_spans(api, sample_article):
    body = api.get(f"/api/v1/articles/{sample_article.pk}/").json()
    assert body["evidence"], "the ingested article has quotes"
    for span in body["evidence"]:
        assert body["text"][span["start"] : span["end"]] == span["quote"]
        if span["record"]["type"] == "role":  # roles have no endpoint of their own
            assert span["record"]["url"] is None
        else:
            assert span["record"]["url"].endswith(f"/{span['record']['id']}/")


def test_a_long_publisher_is_accepted_and_an_absurd_one_is_a_400_naming_it(editor_api):
    publisher = "Ministry of Foreign Affairs of Norland, posted by its embassy; " * 5
    assert _submit(editor_api, publisher=publisher).status_code == 202
    response = _submit(editor_api, text="Envoys met again.", publisher="Wire " * 1000)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["publisher"]
    assert Article.objects.get().publisher == publisher.strip()
