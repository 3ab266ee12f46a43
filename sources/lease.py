"""An article's lease: until when its ingestion may wait in the queue or run in a worker.

Past it, the work counts as lost (never queued, dropped by the broker, or its worker died)
and the sweep queues the article again. See negotiations/tasks.py.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from sources.choices import ArticleStatus


def lease_end():
    return timezone.now() + timedelta(seconds=settings.INGESTION_LEASE_SECONDS)


def lease_over() -> Q:
    """Articles whose lease has run out, or that never had one (never queued)."""
    return Q(lease_until__isnull=True) | Q(lease_until__lt=timezone.now())


def startable() -> Q:
    """Articles a task may start: pending, or processing by a worker whose lease ran out."""
    return Q(status=ArticleStatus.PENDING) | Q(lease_over(), status=ArticleStatus.PROCESSING)
