"""Sources: the articles Tablero reads, the quotes in them that support records, and the
base every record citing them inherits."""

import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import Fact, Origin, shown
from core.text import TextFieldsClean, json_strip
from sources.choices import ArticleStatus, Attribution


def _valid_choice(field: str, choices: type[models.TextChoices], name: str):
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def attribution_text(speaker_label: str, speaker_name: str, attribution: str) -> str:
    """Who a quote is from, as a reader should see it: the source's words, else the
    speaker's name, else the kind of attribution."""
    return speaker_label or speaker_name or dict(Attribution.choices).get(attribution, attribution)


class SourcedFact(Fact):
    """Abstract: a record with the quotes that support it (every actor and negotiation record)."""

    evidence = GenericRelation("sources.Evidence")

    class Meta(Fact.Meta):
        abstract = True


def article_metadata_problem(metadata: object) -> str | None:
    """Why an article's metadata cannot be stored, or None: it is a JSON object of at most
    ARTICLE_METADATA_MAX_BYTES as JSON (its control characters are dropped: Article.clean)."""
    if not isinstance(metadata, dict):
        return "Metadata must be a JSON object."
    text = json.dumps(metadata, ensure_ascii=False, default=str)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.ARTICLE_METADATA_MAX_BYTES:
        return (
            f"The metadata is {size:,} bytes as JSON; the limit is "
            f"{settings.ARTICLE_METADATA_MAX_BYTES:,}."
        )
    return None


class Article(TextFieldsClean, models.Model):
    """A news article, stored once (by content hash) exactly as received after normalisation."""

    # Generous, so long metadata is kept; article_submit trims what is longer still.
    title = models.CharField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=1000, blank=True)
    # Django's URLValidator refuses URLs longer than 2,048 characters.
    url = models.URLField(max_length=2048, blank=True)
    published_on = models.DateField(db_index=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    metadata = models.JSONField(default=dict, blank=True, help_text="Authors, dateline, language.")
    status = models.CharField(
        max_length=16, choices=ArticleStatus, default=ArticleStatus.PENDING, db_index=True
    )
    error = models.TextField(blank=True)
    # The database, not the broker, is the record of work to do: a pending or processing
    # article whose lease has run out (or that was never queued) is queued again by the
    # ingestion sweep (negotiations.tasks.articles_requeue).
    lease_until = models.DateTimeField(
        null=True, blank=True, help_text="When waiting or processing counts as lost."
    )
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Ingestions started since the article was last submitted."
    )
    extractor_version = models.CharField(max_length=32, blank=True)
    ingested_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["text", "lease_until", "attempts"],
        table_name="negotiations_historicalarticle",
    )

    class Meta:
        db_table = "negotiations_article"  # its home before the sources app: data kept in place
        ordering = ["-published_on", "-id"]
        constraints = [
            _valid_choice("status", ArticleStatus, "article_valid_status"),
            models.CheckConstraint(
                condition=Q(status=ArticleStatus.FAILED) | Q(error=""),
                name="article_error_only_when_failed",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk} ({self.published_on})"

    def get_absolute_url(self) -> str:
        # The source page, drawn by negotiations (it knows the records an article supports).
        return reverse("negotiations:source", args=[self.pk])

    def clean(self) -> None:
        # Free-form JSON that no page shows: control characters are dropped, not refused.
        self.metadata = json_strip(self.metadata)
        problem = article_metadata_problem(self.metadata)
        if problem:
            raise ValidationError({"metadata": problem})

    @property
    def waiting_for_queue(self) -> bool:
        """Stored but not queued (the broker was down): the sweep queues it when it is back."""
        return self.status == ArticleStatus.PENDING and self.lease_until is None


class Evidence(TextFieldsClean, models.Model):
    """A quote that supports one record: a span of an article, a quote at a URL, or a note.

    For an article, `quote` is exactly `article.text[start:end]`.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True)
    url = models.URLField(max_length=2000, blank=True, help_text="Source of a quote not ingested.")
    note = models.TextField(blank=True, help_text="An editor's note on what they know and how.")
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="For a URL or a note: when the source was published (what the note says "
        "became public). An article's is the article's own.",
    )

    attribution = models.CharField(
        max_length=16, choices=Attribution, default=Attribution.PUBLICATION
    )
    # The one reference upwards, by name only: a quote's speaker is an actor. No code here
    # uses actors; the database keeps the link.
    speaker = models.ForeignKey(
        "actors.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    speaker_label = models.CharField(
        max_length=300, blank=True, help_text="As the source puts it: 'an NSC spokeswoman'."
    )
    source_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many anonymous sources, where the text says."
    )

    origin = models.CharField(max_length=16, choices=Origin, default=Origin.INGESTION)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    extractor_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="negotiations_historicalevidence")

    class Meta:
        db_table = "negotiations_evidence"
        verbose_name_plural = "evidence"
        ordering = ["article_id", "start"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            _valid_choice("attribution", Attribution, "evidence_valid_attribution"),
            models.CheckConstraint(
                condition=Q(article__isnull=True)
                | Q(start__isnull=False, end__gt=F("start"), end=F("start") + Length("quote")),
                name="evidence_span_matches_quote",
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(quote="", note=""),
                name="evidence_has_a_source",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "article", "start", "end"],
                name="evidence_unique_span_per_record",
            ),
        ]

    def __str__(self) -> str:
        return self.quote[:80] or self.note[:80]

    def clean(self) -> None:
        if self.article_id is None:
            if not (self.quote or self.note):
                raise ValidationError({"quote": "Give a quote with its URL, or a note."})
            return
        text = self.article.text
        if self.start is None and self.end is None and self.quote:
            # An editor may give the quote alone; it must then appear in the article.
            self.start = text.find(self.quote)
            if self.start < 0:
                self.start = None
                raise ValidationError({"quote": "This quote is not in the article's text."})
            self.end = self.start + len(self.quote)
        if self.start is None or self.end is None or not 0 <= self.start < self.end <= len(text):
            raise ValidationError({"end": f"The span must lie within the article (0–{len(text)})."})
        if not self.quote:
            self.quote = text[self.start : self.end]
        if text[self.start : self.end] != self.quote:
            raise ValidationError({"quote": "The quote is not the article's text at this span."})

    @property
    def attribution_text(self) -> str:
        """'three people familiar with the deliberations', 'NSC spokeswoman', 'Maduro'."""
        speaker = shown(self.speaker) if self.speaker_id and not self.speaker_label else None
        return attribution_text(
            self.speaker_label, speaker.name if speaker else "", self.attribution
        )
