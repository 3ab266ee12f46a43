"""A real Celery worker on Redis ingests the sample article into the database."""

import datetime as dt
import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from negotiations.models import Event, Indictment, Offer
from sources.models import Article
from sources.services import article_submit
from tests.negotiations.test_extraction_gold import SAMPLE
from tests.services import wait_for


@pytest.fixture
def redis_worker(redis_url, transactional_db):
    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    app._after_fork()  # drop the connections pooled for the previous broker
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield
    app.conf.update(previous)
    app._after_fork()


def test_a_worker_ingests_a_submitted_article(postgres, redis_worker):
    from negotiations.tasks import ingest_article

    article = article_submit(
        text=SAMPLE.read_text(encoding="utf-8"), published_on=dt.date(2024, 8, 11)
    ).article
    # transactional_db commits at once, so the on_commit hook has already queued it. The
    # article's status is the task's result (there is no result backend).
    done = lambda: Article.objects.filter(pk=article.pk, status="done").exists()  # noqa: E731
    wait_for(done, 120, "the worker to ingest the article")
    assert Indictment.objects.count() == 1
    assert Offer.objects.filter(status="declined", kind="amnesty").count() == 1
    # A second message for the same article finds nothing to do.
    records = [m.objects.count() for m in (Indictment, Offer, Event)]
    ingest_article.delay(article.pk)
    time.sleep(2)
    assert [m.objects.count() for m in (Indictment, Offer, Event)] == records
    assert Article.objects.filter(status="done").count() == Article.objects.count() == 1
