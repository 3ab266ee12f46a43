"""Pasting or uploading an article: the same service as the command line, then its progress."""

from django.core.files.uploadedfile import SimpleUploadedFile

from negotiations.models import Offer
from sources.models import Article

TEXT = (
    "The government of Norland offered amnesty to General Arturo Pinzon, the chief of the "
    "Vantian army, in exchange for his resignation, according to two officials familiar "
    "with the talks."
)


def test_a_pasted_article_is_ingested_and_leads_to_its_review(
    editor_client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/articles/add/",
            {"text": TEXT, "published_on": "2025-02-03", "title": "Amnesty offered"},
        )
    article = Article.objects.get()
    assert response["Location"] == f"/articles/{article.pk}/progress/"
    assert article.submitted_by == editor
    status = editor_client.get(f"/articles/{article.pk}/status/").json()
    assert status["done"] is True and status["review_url"] == f"/review/?article={article.pk}"
    assert Offer.objects.filter(evidence__article=article).exists()
    progress = editor_client.get(response["Location"]).content.decode()
    assert "js/progress.js" in progress and f"/review/?article={article.pk}" in progress


def test_an_uploaded_txt_file_is_accepted(editor_client):
    upload = SimpleUploadedFile("report.txt", TEXT.encode(), content_type="text/plain")
    response = editor_client.post("/articles/add/", {"file": upload, "published_on": "2025-02-03"})
    assert response.status_code == 302
    assert Article.objects.get().text == TEXT


def test_the_same_text_twice_is_stored_once(editor_client):
    data = {"text": TEXT, "published_on": "2025-02-03"}
    first = editor_client.post("/articles/add/", data)
    second = editor_client.post("/articles/add/", data)
    assert first["Location"] == second["Location"] and Article.objects.count() == 1


def test_bad_input_is_refused_next_to_the_field(editor_client, settings):
    response = editor_client.post("/articles/add/", {"text": "", "published_on": "2025-02-03"})
    assert "Paste the article's text or upload a file." in response.context["form"].errors["text"]
    response = editor_client.post("/articles/add/", {"text": "12345", "published_on": "nope"})
    errors = response.context["form"].errors
    assert "Enter a valid date." in errors["published_on"]
    response = editor_client.post("/articles/add/", {"text": "12 34", "published_on": "2025-02-03"})
    assert response.context["form"].errors["text"] == ["The article's text has no words."]
    upload = SimpleUploadedFile("report.pdf", b"%PDF", content_type="application/pdf")
    response = editor_client.post("/articles/add/", {"file": upload, "published_on": "2025-02-03"})
    assert response.context["form"].errors["file"] == ["Upload a plain-text .txt file."]
    settings.ARTICLE_MAX_BYTES = 10
    upload = SimpleUploadedFile("big.txt", TEXT.encode(), content_type="text/plain")
    response = editor_client.post("/articles/add/", {"file": upload, "published_on": "2025-02-03"})
    assert "larger than 10 bytes" in response.context["form"].errors["file"][0]
    assert not Article.objects.exists()


def test_an_unknown_article_is_404(editor_client):
    assert editor_client.get("/articles/999999/progress/").status_code == 404
    assert editor_client.get("/articles/999999/status/").status_code == 404
