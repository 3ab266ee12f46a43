"""The ingestion service: one article in, its records stored in one transaction, or a reason."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from negotiations.ingestion import EXTRACTOR_VERSION
from negotiations.ingestion.store import ArticleStore
from sources.choices import ArticleStatus
from sources.lease import startable
from sources.models import Article
from sources.services import article_text_problem

logger = logging.getLogger(__name__)
_STORE_ATTEMPTS = 3


class IngestionError(Exception):
    """A reason an article cannot be ingested, shown to editors as written."""


def _mark(article_id: int, status: str, error: str = "") -> None:
    finished = status in (ArticleStatus.DONE, ArticleStatus.FAILED)
    Article.objects.filter(pk=article_id).update(
        status=status,
        error=error[:2000],
        updated_at=timezone.now(),
        **({"lease_until": None} if finished else {}),
    )


def article_fail(article_id: int, reason: str) -> None:
    _mark(article_id, ArticleStatus.FAILED, reason)


def article_claim(article_id: int, *, lease_until) -> bool:
    """Take a due article for ingestion until `lease_until`; False if it is not due.

    Due: pending (however often it was queued), or processing by a worker whose lease ran
    out (it died). An article started INGESTION_MAX_ATTEMPTS times without finishing is
    marked failed instead, so one that kills its worker cannot kill every worker in turn.
    """
    now = timezone.now()
    due = Article.objects.filter(startable(), pk=article_id)
    limit = settings.INGESTION_MAX_ATTEMPTS
    claimed = due.filter(attempts__lt=limit).update(
        status=ArticleStatus.PROCESSING,
        lease_until=lease_until,
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed and due.update(
        status=ArticleStatus.FAILED,
        error=f"Ingestion was started {limit} times and never finished: its worker stopped "
        "(killed, out of memory, or out of time). Submit the article again to retry.",
        lease_until=None,
        updated_at=now,
    ):
        logger.error("Article %s failed: %s ingestions never finished", article_id, limit)
    return bool(claimed)


# A sentence with a written date, so that both the language model and the date parser are
# loaded by reading it.
_WARM_UP = "On March 5, 2024, envoys of two governments met in Geneva, officials said."


def ingestion_warm_up() -> None:
    """Load what extraction needs before the first article rather than during it: spaCy's
    model (about 0.4 s) and the date parser's locale and time-zone tables (about 0.25 s,
    on the first date it reads). Worker children call it as they start (tasks.py)."""
    from negotiations.ingestion.extract import extract  # noqa: PLC0415 (see _extract)

    extract(_WARM_UP, timezone.now().date())


def _extract(article: Article):
    # Here, not at the top: importing spaCy takes seconds and hundreds of MB, and every web
    # process imports this module (to queue articles); only workers extract.
    from negotiations.ingestion.extract import NoEnglishText, extract  # noqa: PLC0415

    problem = article_text_problem(article.text)
    if problem:
        raise IngestionError(problem)
    try:
        return extract(article.text, article.published_on)
    except NoEnglishText as exc:
        raise IngestionError(str(exc)) from exc
    except (ValueError, RuntimeError, MemoryError) as exc:
        logger.exception("Extraction failed for article %s", article.pk)
        raise IngestionError(f"The language model failed: {exc.__class__.__name__}: {exc}") from exc


def _store(article_id: int, extraction) -> None:
    with transaction.atomic():
        # One ingestion of an article at a time; a second worker waits here, then
        # finds every record by its fingerprint and adds nothing twice.
        article = Article.objects.select_for_update().get(pk=article_id)
        store = ArticleStore(article)
        store.actors_store(extraction)
        store.facts_store(extraction)
        store.prune()
        Article.objects.filter(pk=article_id).update(
            status=ArticleStatus.DONE,
            error="",
            lease_until=None,
            extractor_version=EXTRACTOR_VERSION,
            ingested_at=timezone.now(),
            updated_at=timezone.now(),
        )


def article_ingest(*, article_id: int) -> str:
    """Extract and store one article's records; mark it failed, with the reason, if it cannot."""
    article = Article.objects.get(pk=article_id)
    _mark(article_id, ArticleStatus.PROCESSING)
    try:
        extraction = _extract(article)
        for attempt in range(1, _STORE_ATTEMPTS + 1):
            try:
                _store(article_id, extraction)
                break
            except IntegrityError:
                # Another article's ingestion created the same actor or record a moment
                # ago: run again, and this time find it.
                if attempt == _STORE_ATTEMPTS:
                    raise
    except IngestionError as exc:
        _mark(article_id, ArticleStatus.FAILED, str(exc))
        return ArticleStatus.FAILED
    except IntegrityError as exc:
        _mark(article_id, ArticleStatus.FAILED, f"Could not store the records: {exc}")
        return ArticleStatus.FAILED
    return ArticleStatus.DONE
