"""A real Celery worker on Redis ingests the sample article into the database."""

import datetime as dt

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from negotiations.models import Article, Indictment, Offer
from negotiations.services import article_submit
from tests.negotiations.test_extraction_gold import SAMPLE


@pytest.fixture
def redis_worker(redis_url, transactional_db):
    previous = dict(app.conf)
    app.conf.update(
        broker_url=redis_url,
        result_backend=redis_url,
        task_always_eager=False,
    )
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield
    app.conf.update(
        broker_url=previous["broker_url"],
        result_backend=previous["result_backend"],
        task_always_eager=previous["task_always_eager"],
    )


def test_a_worker_ingests_a_submitted_article(postgres, redis_worker):
    from negotiations.tasks import ingest_article

    article = article_submit(
        text=SAMPLE.read_text(encoding="utf-8"), published_on=dt.date(2024, 8, 11)
    ).article
    # transactional_db commits at once, so the on_commit hook has already enqueued it;
    # wait on a second enqueue, which must also be harmless.
    result = ingest_article.delay(article.pk)
    assert result.get(timeout=120) == "done"
    article.refresh_from_db()
    assert article.status == "done"
    assert Indictment.objects.count() == 1
    assert Offer.objects.filter(status="declined", kind="amnesty").count() == 1
    assert Article.objects.count() == 1
