"""Every door stores the article and answers at once when the broker is down; the database
then says what is due, and a second submission or a sweep queues it again."""

import datetime as dt
import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from config.celery import app
from negotiations.ingestion.pipeline import article_claim
from negotiations.tasks import articles_requeue
from sources.lease import lease_end
from sources.models import Article
from sources.services import article_submit

TEXT = "Envoys met in Oslo on Monday to discuss an amnesty offer."
PUBLISHED = dt.date(2025, 2, 3)


def _stored(**fields) -> Article:
    """An article as a broker outage leaves it: stored, pending, never queued."""
    content_hash = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    return Article.objects.create(
        text=TEXT, content_hash=content_hash, published_on=PUBLISHED, **fields
    )


# --- with the broker down ---------------------------------------------------------
def test_the_api_answers_202_with_the_article_waiting_for_the_queue(
    broker, editor, transactional_db
):
    from rest_framework.test import APIClient

    broker.stop()
    api = APIClient()
    api.force_authenticate(editor)
    response = api.post(
        "/api/v1/articles/", {"text": TEXT, "published_on": "2025-02-03"}, format="json"
    )
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    assert response.json()["waiting_for_queue"] is True


def test_the_form_says_the_article_is_stored_and_will_be_ingested(
    broker, client, editor, transactional_db
):
    broker.stop()
    client.force_login(editor)
    response = client.post(
        "/articles/add/", {"text": TEXT, "published_on": "2025-02-03"}, follow=True
    )
    assert response.status_code == 200
    assert "ingested automatically when the queue is back" in response.content.decode()
    assert Article.objects.get().waiting_for_queue


def test_the_command_reports_each_file_and_goes_on(broker, transactional_db, tmp_path, capsys):
    broker.stop()
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"{TEXT} ({name})", encoding="utf-8")
    call_command("ingest", str(tmp_path), published="2025-02-03")
    captured = capsys.readouterr()
    assert "2 stored and waiting for the queue." in captured.out
    assert captured.err.count("not queued: the broker is unavailable") == 2
    assert Article.objects.filter(status="pending", lease_until=None).count() == 2


def test_the_sweep_says_what_it_could_not_queue(broker, db):
    _stored()
    broker.stop()
    with pytest.raises(CommandError, match="1 due but not queued"):
        call_command("ingest_pending")
    assert Article.objects.get().waiting_for_queue


# --- what is due, and who may start it --------------------------------------------
def test_a_failed_article_submitted_again_is_ingested_again(db, django_capture_on_commit_callbacks):
    article = _stored(status="failed", error="The language model failed.", attempts=3)
    with django_capture_on_commit_callbacks(execute=True):
        submission = article_submit(text=TEXT, published_on=PUBLISHED)
    assert not submission.created
    article.refresh_from_db()
    assert (article.status, article.error, article.attempts) == ("done", "", 1)


def test_a_pending_article_submitted_again_is_queued_again(db, django_capture_on_commit_callbacks):
    # Queued once, then lost by a broker restarted without persistence.
    article = _stored(lease_until=lease_end())
    with django_capture_on_commit_callbacks(execute=True):
        article_submit(text=TEXT, published_on=PUBLISHED)
    article.refresh_from_db()
    assert article.status == "done"


def test_an_ingested_article_submitted_again_is_left_alone(db, django_capture_on_commit_callbacks):
    article = _stored(status="done", attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        article_submit(text=TEXT, published_on=PUBLISHED)
    article.refresh_from_db()
    assert (article.status, article.attempts) == ("done", 1)


def test_only_one_task_starts_an_article(db):
    article = _stored(lease_until=lease_end())
    assert article_claim(article.pk, lease_until=lease_end())
    assert not article_claim(article.pk, lease_until=lease_end())
    # Its worker died: once the lease is over, another may start it.
    Article.objects.filter(pk=article.pk).update(lease_until=timezone.now())
    assert article_claim(article.pk, lease_until=lease_end())
    assert Article.objects.get().attempts == 2


def test_an_article_that_never_finishes_fails_with_the_reason(db, settings):
    settings.INGESTION_MAX_ATTEMPTS = 3
    article = _stored(status="processing", attempts=3, lease_until=timezone.now())
    assert not article_claim(article.pk, lease_until=lease_end())
    article.refresh_from_db()
    assert article.status == "failed"
    assert "started 3 times and never finished" in article.error


def test_the_sweep_queues_only_what_is_due(db):
    never_queued = _stored()
    lost = Article.objects.create(
        text=TEXT + " Lost.", content_hash="y" * 64, published_on=PUBLISHED,
        status="processing", lease_until=timezone.now() - dt.timedelta(seconds=1),
    )  # fmt: skip
    running = Article.objects.create(
        text=TEXT + " Running.", content_hash="z" * 64, published_on=PUBLISHED,
        status="processing", lease_until=lease_end(),
    )  # fmt: skip
    assert articles_requeue().queued == 2
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {never_queued.pk: "done", lost.pk: "done", running.pk: "processing"}


def test_healthz_reports_the_articles_waiting_and_the_oldest(client, db):
    _stored()
    Article.objects.filter().update(updated_at=timezone.now() - dt.timedelta(minutes=5))
    ingestion = client.get("/healthz").json()["ingestion"]
    assert ingestion["waiting"] == 1 and ingestion["due"] == 1
    assert 299 <= ingestion["oldest_waiting_seconds"] <= 330


def test_celery_beat_runs_the_sweep(settings):
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "negotiations.tasks.ingest_pending" in tasks
    assert settings.INGESTION_LEASE_SECONDS > settings.CELERY_TASK_TIME_LIMIT
