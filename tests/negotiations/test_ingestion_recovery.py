"""No article is lost: the database says what must be ingested, whatever the broker remembers.

Fault tests on a Redis of their own (stopped and started on purpose) and real worker
processes (killed with SIGKILL), on PostgreSQL.
"""

import datetime as dt
import threading
import time

from django.db import connection

from negotiations.models import Event, Indictment, Offer
from negotiations.tasks import articles_requeue
from sources.models import Article, Evidence
from sources.services import article_submit
from tests.conftest import INGESTION_LEASE as LEASE
from tests.negotiations.test_extraction_gold import SAMPLE
from tests.services import celery_worker, kill, wait_for

PUBLISHED = dt.date(2024, 8, 11)
WORKER_ENV = {"INGESTION_LEASE_SECONDS": str(LEASE), "CELERY_TASK_TIME_LIMIT": "10"}


def _status(article_id: int) -> str:
    return Article.objects.values_list("status", flat=True).get(pk=article_id)


def _records() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Offer, Indictment, Event, Evidence)}


def test_an_article_submitted_with_the_broker_down_is_ingested_once_it_is_back(
    postgres, transactional_db, broker
):
    broker.stop()
    started = time.monotonic()
    article = article_submit(
        text=SAMPLE.read_text(encoding="utf-8"), published_on=PUBLISHED
    ).article
    # Not a speed measure: before, the publish retried for 19 s and then raised.
    assert time.monotonic() - started < 5
    assert article.status == "pending" and article.waiting_for_queue

    broker.start()
    with celery_worker(broker.url, **WORKER_ENV):
        assert articles_requeue().queued == 1
        wait_for(lambda: _status(article.pk) == "done", 120, "the article to be ingested")
    assert Indictment.objects.count() == 1
    spans = Evidence.objects.values_list("content_type", "object_id", "start", "end")
    assert len(spans) == len(set(spans))
    assert Offer.objects.filter(kind="amnesty").exists()


def test_a_worker_killed_mid_task_has_its_article_finished_by_another(
    postgres, transactional_db, broker
):
    # Eight copies of the text: long enough to be caught while processing.
    text = "\n\n".join([SAMPLE.read_text(encoding="utf-8")] * 8)
    with celery_worker(broker.url, **WORKER_ENV) as first:
        article = article_submit(text=text, published_on=PUBLISHED).article
        wait_for(lambda: _status(article.pk) == "processing", 60, "the first worker to start")
        kill(first)
    assert _status(article.pk) == "processing"

    with celery_worker(broker.url, **WORKER_ENV):
        # Within the lease the article is not due: the dead worker might still be running.
        assert articles_requeue().queued == 0
        time.sleep(LEASE)
        assert articles_requeue().queued == 1
        wait_for(lambda: _status(article.pk) == "done", 120, "a second worker to finish it")

    article.refresh_from_db()
    assert article.attempts == 2
    once = _records()
    spans = Evidence.objects.values_list("content_type", "object_id", "start", "end")
    assert len(spans) == len(set(spans))
    assert Indictment.objects.count() == 1
    spans = Evidence.objects.values_list("content_type", "object_id", "start", "end")
    assert len(spans) == len(set(spans))
    # The broker may still hold the dead worker's message: it finds nothing to do.
    assert articles_requeue().queued == 0
    assert _records() == once


def test_two_sweeps_at_once_ingest_an_article_once(postgres, transactional_db, settings):
    """The embedded default's way: sweeps run the task in-process, here on two threads."""
    # Stored, never queued: what a broker outage at submission leaves.
    article = Article.objects.create(
        text=SAMPLE.read_text(encoding="utf-8"), content_hash="x" * 64, published_on=PUBLISHED
    )
    barrier = threading.Barrier(2)
    queued, errors = [], []

    def sweep():
        try:
            barrier.wait()
            queued.append(articles_requeue().queued)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(queued) == [0, 1]
    assert _status(article.pk) == "done"
    assert Indictment.objects.count() == 1
    spans = Evidence.objects.values_list("content_type", "object_id", "start", "end")
    assert len(spans) == len(set(spans))
