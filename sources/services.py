"""Writes of sources: every door (command line, editors' forms, API) submits articles here,
and editors cite sources for their facts here."""

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from core.dates import date_range_problem
from core.models import Origin
from core.text import LETTER, control_character_problem
from sources.choices import ArticleStatus, Attribution
from sources.lease import lease_end
from sources.models import Article, Evidence

# Sent (after the commit) when an article's ingestion is due: stored, or submitted again
# after a failure. Ingestion lives above sources; negotiations connects its queue (apps.py).
ingestion_due = Signal()


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
    problem = control_character_problem(text)
    if problem:
        return f"The article's text {problem[0].lower()}{problem[1:]}"
    if not LETTER.search(text):
        return "The article's text has no words."
    return None


@dataclass(frozen=True)
class Submission:
    article: Article
    created: bool
    notes: tuple[str, ...] = ()


def _article_metadata_fit(fields: dict[str, str], metadata: dict) -> list[str]:
    """Fit title, publisher and URL to their columns, in place, saying what changed.

    A long title or publisher is trimmed; a URL is left out rather than cut into a wrong
    link. Either way the full value goes to `metadata["untrimmed"]`, and the article is kept.
    """
    notes = []
    for name, value in fields.items():
        limit = Article._meta.get_field(name).max_length
        if len(value) <= limit:
            continue
        metadata.setdefault("untrimmed", {})[name] = value
        if name == "url":
            fields[name] = ""
            notes.append(
                f"url: {len(value):,} characters, over the {limit:,} allowed; "
                "left out (kept in metadata)."
            )
        else:
            fields[name] = value[: limit - 1].rstrip() + "…"
            notes.append(
                f"{name}: trimmed from {len(value):,} to {limit:,} characters "
                "(kept whole in metadata)."
            )
    return notes


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
    """Store an article once by content hash and queue its ingestion.

    The same text again returns the existing article, queued again if its ingestion
    failed or is still due. Metadata too long for its column is trimmed, never refused;
    `notes` says what was trimmed. With the broker down the article is stored all the same
    and `article.waiting_for_queue` says so.
    """
    problem = article_text_problem(text)
    if problem:
        raise ValidationError({"text": problem})
    problem = date_range_problem(published_on)
    if problem:
        raise ValidationError({"published_on": problem})
    text = article_text_normalize(text)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()

    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        _article_retry(existing)
        return Submission(existing, created=False)

    fields = {"title": title.strip(), "publisher": publisher.strip(), "url": url.strip()}
    metadata = dict(metadata or {})
    notes = _article_metadata_fit(fields, metadata)
    article = Article(
        text=text,
        content_hash=content_hash,
        published_on=published_on,
        **fields,
        metadata=metadata,
        submitted_by=submitted_by,
        # Queued once this commits; if the process stops before that, the lease runs out
        # and the sweep queues it. A failed publish clears it (`waiting_for_queue`).
        lease_until=lease_end(),
    )
    article.full_clean(exclude=["content_hash"])
    try:
        with transaction.atomic():
            article.save()
            transaction.on_commit(lambda: _ingestion_due(article.pk))
    except IntegrityError:
        # Submitted at the same moment by someone else: theirs is the article.
        return Submission(Article.objects.get(content_hash=content_hash), created=False)
    article.refresh_from_db(fields=["status", "error", "lease_until"])
    return Submission(article, created=True, notes=tuple(notes))


def _ingestion_due(article_id: int) -> None:
    ingestion_due.send(sender=Article, article_id=article_id)


def _article_retry(article: Article) -> None:
    """Queue a known article again if its ingestion failed or has not started.

    A pending article may have been lost by the broker: a second message is harmless, as
    the first task to start claims the article and the other finds nothing to do. A done
    article, or one running within its lease, is left alone (see tasks.article_enqueue).
    """
    if article.status == ArticleStatus.FAILED:
        # A fresh start: the reason and the attempts of the last try are dropped.
        Article.objects.filter(pk=article.pk, status=ArticleStatus.FAILED).update(
            status=ArticleStatus.PENDING,
            error="",
            attempts=0,
            lease_until=lease_end(),
            updated_at=timezone.now(),
        )
    transaction.on_commit(lambda: _ingestion_due(article.pk))
    article.refresh_from_db(fields=["status", "error", "lease_until"])


# --- editors' sources (the site's forms and the API call these) ------------------
@dataclass(frozen=True)
class SourceInput:
    """Where an editor's fact comes from: an article span or quote, a URL with a quote,
    or the editor's own knowledge with a note."""

    article: Article | None = None
    start: int | None = None
    end: int | None = None
    quote: str = ""
    url: str = ""
    note: str = ""
    speaker_label: str = ""
    # When the page at the URL was published (required), or what the note says became
    # public (optional): the day the fact became known. An article's date is its own.
    published_on: date | None = None

    @property
    def reported_on(self) -> date | None:
        """When what this source says became known (None: from the day it is entered)."""
        return self.article.published_on if self.article else self.published_on


def source_date_problem(source: SourceInput) -> str | None:
    """Why the source's "published on" date cannot stand, or None."""
    if source.article:
        return None
    if source.url and not source.published_on:
        return "Give the day the page at this URL was published: the fact is known from then."
    if source.published_on and source.published_on > timezone.localdate():
        return "A source cannot be published after today."
    return date_range_problem(source.published_on)


def evidence_add(*, record, source: SourceInput, by) -> Evidence:
    """Cite `source` for `record`; a quote not found in its article is a ValidationError."""
    if source.article:
        attribution = Attribution.NAMED if source.speaker_label else Attribution.PUBLICATION
    else:
        attribution = Attribution.EDITOR if not source.url else Attribution.PUBLICATION
    evidence = Evidence(
        record=record,
        article=source.article,
        start=source.start,
        end=source.end,
        quote=source.quote,
        url=source.url,
        note=source.note,
        attribution=attribution,
        speaker_label=source.speaker_label,
        published_on=None if source.article else source.published_on,
        origin=Origin.EDITOR,
        created_by=by,
    )
    evidence.full_clean(exclude=["content_type", "object_id"])
    # After the fields' own checks, so a broken URL is named before its missing date.
    problem = source_date_problem(source)
    if problem:
        raise ValidationError({"published_on": problem})
    evidence._history_user = by
    evidence.save()
    return evidence
