"""python manage.py ingest_pending: queue every article whose ingestion is due.

What Celery beat runs in a deployment (negotiations.tasks.ingest_pending), for operators
and for the embedded default, where the queue runs in-process and this ingests them.
"""

from django.core.management.base import BaseCommand, CommandError

from negotiations.tasks import WAITING, articles_requeue
from sources.choices import ArticleStatus
from sources.models import Article


class Command(BaseCommand):
    help = (
        "Queue the ingestion of every article pending, or processing past its lease "
        "(a worker died), whatever the broker remembers."
    )

    def handle(self, *args, **options):
        result = articles_requeue()
        running = Article.objects.filter(status__in=WAITING).count() - result.not_queued
        failed = Article.objects.filter(status=ArticleStatus.FAILED).count()
        self.stdout.write(
            f"{result.queued} queued, {max(running, 0)} waiting or running within their "
            f"lease, {failed} failed in all."
        )
        if result.not_queued:
            raise CommandError(
                f"{result.not_queued} due but not queued: the broker is unavailable. "
                "They stay pending; run this again when it is back."
            )
