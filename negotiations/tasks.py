"""The ingestion's work queue. The database says what is due; the broker only carries it.

An article is due when it is pending or processing and its lease (`Article.lease_until`)
has run out or was never set: never queued (the broker was down), queued but lost (a
broker restarted without persistence), or started by a worker that died. The sweep
(`ingest_pending`, run by Celery beat and by `manage.py ingest_pending`) queues what is
due again; a task claims its article before working, so a message delivered twice, or
two sweeps at once, still ingest it once at a time.
"""

import logging
from dataclasses import dataclass

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Count, Min
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from negotiations.development_counts import development_counts_compact
from negotiations.ingestion import pipeline
from sources.choices import ArticleStatus
from sources.lease import lease_end, lease_over, startable
from sources.models import Article

logger = logging.getLogger(__name__)

WAITING = (ArticleStatus.PENDING, ArticleStatus.PROCESSING)


@worker_process_init.connect
def _warm_up(**kwargs) -> None:
    """Each worker child loads the language model and the date parser as it starts, so its
    first article takes as long as the others."""
    pipeline.ingestion_warm_up()


@shared_task(
    bind=True,
    autoretry_for=(OperationalError, InterfaceError),  # transient database errors only
    retry_backoff=5,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def ingest_article(self, article_id: int) -> str:
    """Extract the records of one due article; 'skipped' when it is not (any more) due."""
    if not pipeline.article_claim(article_id, lease_until=lease_end()):
        return "skipped"
    try:
        return pipeline.article_ingest(article_id=article_id)
    except SoftTimeLimitExceeded:
        limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
        pipeline.article_fail(article_id, f"Ingestion took longer than {limit} s and was stopped.")
        return ArticleStatus.FAILED


@shared_task
def development_counts_fold() -> int:
    """Celery beat's upkeep of the developments-per-period summary: fold its rows."""
    return development_counts_compact()


@shared_task
def ingest_pending() -> int:
    """Celery beat's sweep: queue every article whose ingestion is due."""
    return articles_requeue().queued


def on_ingestion_due(sender, *, article_id: int, **kwargs) -> None:
    """sources.services.ingestion_due: an article was stored or submitted again."""
    article_enqueue(article_id)


def article_enqueue(article_id: int) -> bool:
    """Queue a pending or lost article's ingestion (anything else is left alone).

    False, with the article left due, if the broker is down. The lease is set first, so
    that the queue has until its end to start the task.
    """
    if not Article.objects.filter(startable(), pk=article_id).update(
        status=ArticleStatus.PENDING, lease_until=lease_end()
    ):
        return True  # ingested, or running within its lease: nothing to queue
    return _publish(article_id)


def article_reingest(article_id: int) -> None:
    """Read an article again (an editor changed what it may link to): queued, as new."""
    Article.objects.filter(pk=article_id).exclude(status__in=WAITING).update(
        status=ArticleStatus.PENDING, error="", attempts=0, lease_until=lease_end()
    )
    transaction.on_commit(lambda: _publish(article_id))


def _publish(article_id: int) -> bool:
    try:
        ingest_article.delay(article_id)
    except BrokerUnavailable as exc:
        logger.warning("Article %s stored but not queued (broker unavailable: %s)", article_id, exc)
        # Due at once: the next sweep queues it when the broker is back.
        Article.objects.filter(pk=article_id, status=ArticleStatus.PENDING).update(lease_until=None)
        return False
    return True


def due_articles():
    """Articles whose ingestion should be running and is not known to be."""
    return Article.objects.filter(lease_over(), status__in=WAITING)


def ingestion_backlog() -> dict:
    """For /healthz: how many articles wait to be ingested, and for how long the oldest has."""
    backlog = Article.objects.filter(status__in=WAITING).aggregate(
        waiting=Count("pk"), since=Min("updated_at"), due=Count("pk", filter=lease_over())
    )
    since = backlog.pop("since")
    backlog["oldest_waiting_seconds"] = (
        round((timezone.now() - since).total_seconds()) if since else None
    )
    return backlog


@dataclass(frozen=True)
class Requeue:
    queued: int
    not_queued: int  # the broker was down: still due, tried again on the next sweep


def articles_requeue() -> Requeue:
    """Queue every due article once, even when two sweeps run at the same moment."""
    queued = not_queued = 0
    for pk, lease in due_articles().order_by("pk").values_list("pk", "lease_until"):
        # Take the article from this lease to a new one: only the sweep that moves it
        # queues it. A processing one is lost (its worker died): pending again.
        taken = Article.objects.filter(pk=pk, lease_until=lease, status__in=WAITING)
        if lease is None:
            taken = Article.objects.filter(pk=pk, lease_until__isnull=True, status__in=WAITING)
        if not taken.update(status=ArticleStatus.PENDING, lease_until=lease_end()):
            continue
        if _publish(pk):
            queued += 1
        else:
            # The broker is down: every other due article would wait for the same timeout.
            not_queued = due_articles().count()
            break
    return Requeue(queued=queued, not_queued=not_queued)
