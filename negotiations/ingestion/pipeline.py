"""The ingestion service: one article in, its records stored in one transaction, or a reason."""

import logging

from django.db import transaction
from django.utils import timezone

from negotiations.choices import ArticleStatus
from negotiations.ingestion import EXTRACTOR_VERSION
from negotiations.models import Article
from negotiations.services import article_text_problem

logger = logging.getLogger(__name__)


class IngestionError(Exception):
    """A reason an article cannot be ingested, shown to editors as written."""


def _mark(article_id: int, status: str, error: str = "") -> None:
    Article.objects.filter(pk=article_id).update(
        status=status, error=error, updated_at=timezone.now()
    )


def article_ingest(*, article_id: int) -> str:
    article = Article.objects.get(pk=article_id)
    _mark(article_id, ArticleStatus.PROCESSING)
    try:
        problem = article_text_problem(article.text)
        if problem:
            raise IngestionError(problem)
        with transaction.atomic():
            # One ingestion of an article at a time; a second worker waits here.
            Article.objects.select_for_update().get(pk=article_id)
            Article.objects.filter(pk=article_id).update(
                status=ArticleStatus.DONE,
                error="",
                extractor_version=EXTRACTOR_VERSION,
                ingested_at=timezone.now(),
            )
    except IngestionError as exc:
        _mark(article_id, ArticleStatus.FAILED, str(exc))
        return ArticleStatus.FAILED
    return ArticleStatus.DONE
