"""Writes on articles. Every door (command line, editors' form, API) submits articles here."""

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from negotiations.models import Article


def article_text_normalize(text: str) -> str:
    """Unicode NFC and '\\n' line endings; quotes and dashes are kept as received."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def article_text_problem(text: object) -> str | None:
    """Why this cannot be ingested as an article's text, or None if it can."""
    if not isinstance(text, str):
        return "The article's text must be text."
    if not text.strip():
        return "The article's text is empty."
    size = len(text.encode("utf-8"))
    if size > settings.ARTICLE_MAX_BYTES:
        return f"The article is {size:,} bytes; the limit is {settings.ARTICLE_MAX_BYTES:,}."
    if "\x00" in text:
        return "The article's text contains NUL bytes: it is not plain text."
    if not any(ch.isalpha() for ch in text):
        return "The article's text has no words."
    return None


@dataclass(frozen=True)
class Submission:
    article: Article
    created: bool


def article_submit(
    *,
    text: str,
    published_on: date,
    title: str = "",
    publisher: str = "",
    url: str = "",
    metadata: dict | None = None,
    submitted_by=None,
) -> Submission:
    """Store an article once by content hash and enqueue its ingestion.

    The same text again returns the existing article and changes nothing.
    """
    problem = article_text_problem(text)
    if problem:
        raise ValidationError({"text": problem})
    text = article_text_normalize(text)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()

    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        return Submission(existing, created=False)

    article = Article(
        text=text,
        content_hash=content_hash,
        published_on=published_on,
        title=title.strip(),
        publisher=publisher.strip(),
        url=url.strip(),
        metadata=metadata or {},
        submitted_by=submitted_by,
    )
    article.full_clean(exclude=["content_hash"])
    try:
        with transaction.atomic():
            article.save()
            transaction.on_commit(lambda: _enqueue_ingestion(article.pk))
    except IntegrityError:
        # Submitted at the same moment by someone else: theirs is the article.
        return Submission(Article.objects.get(content_hash=content_hash), created=False)
    return Submission(article, created=True)


def _enqueue_ingestion(article_id: int) -> None:
    from negotiations.tasks import ingest_article

    ingest_article.delay(article_id)
