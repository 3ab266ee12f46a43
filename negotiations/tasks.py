from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(
    bind=True,
    autoretry_for=(OperationalError, InterfaceError),  # transient database errors only
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=5,
)
def ingest_article(self, article_id: int) -> str:
    """Extract the records of one stored article. Safe to run again and twice at once."""
    from negotiations.ingestion.pipeline import article_ingest

    return article_ingest(article_id=article_id)
