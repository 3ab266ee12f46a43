import datetime
import json
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Length
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from actors.models import Actor
from core.dates import DatePrecision, PartialDate, format_partial_date
from core.models import Fact, Origin, ReviewState, shown
from core.text import TextFieldsClean, json_strip
from negotiations.choices import (
    ArticleStatus,
    Attribution,
    ChannelMode,
    ChannelStatus,
    ClaimProperty,
    ClaimState,
    EventKind,
    EventStatus,
    IndictmentStatus,
    LinkState,
    OfferKind,
    OfferStatus,
    ParticipantRole,
)
from negotiations.confidence import Confidence, confidence_of


def _precision_field(**kwargs) -> models.CharField:
    return models.CharField(
        max_length=8, choices=DatePrecision, default=DatePrecision.DAY, **kwargs
    )


def _valid_choice(field: str, choices: type[models.TextChoices], name: str):
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def _initial_status_field(choices: type[models.TextChoices]) -> models.CharField:
    return models.CharField(
        "status before its first change",
        max_length=20,
        choices=choices,
        blank=True,
        editable=False,
        help_text="The status as first reported, kept when its first status change is "
        "recorded: what dates before that change show. Empty while it has none.",
    )


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
    # sweep (negotiations.tasks.articles_requeue).
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

    history = HistoricalRecords(excluded_fields=["text", "lease_until", "attempts"])

    class Meta:
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


class RecordLink(models.Model):
    """Ingestion's decision that what an article reports is a record already known, with
    its reasons ("same kind, same parties, 39 days apart"), for editors to check."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="record_links")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    reasons = models.TextField()
    # An editor's word is kept through re-ingestion: "unlinked" means the article's report
    # is not about this record, and ingestion will not link them again.
    state = models.CharField(max_length=12, choices=LinkState, default=LinkState.LINKED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_type", "object_id"], name="record_link_once"
            ),
            _valid_choice("state", LinkState, "record_link_valid_state"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="record_link_idx")]

    def __str__(self) -> str:
        return f"Article {self.article_id} → {self.content_type.model} {self.object_id}"


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
    speaker = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
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

    history = HistoricalRecords()

    class Meta:
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


def attribution_text(speaker_label: str, speaker_name: str, attribution: str) -> str:
    """Who a quote is from, as a reader should see it: the source's words, else the
    speaker's name, else the kind of attribution."""
    return speaker_label or speaker_name or dict(Attribution.choices).get(attribution, attribution)


def _bounty_amount_field(help_text: str) -> models.DecimalField:
    return models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, help_text=help_text
    )


def _bounty_currency_field() -> models.CharField:
    return models.CharField(max_length=3, blank=True)


def _bounty_constraints(model_name: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(bounty_amount__isnull=True) | Q(bounty_amount__gte=0),
            name=f"{model_name}_bounty_not_negative",
        ),
        models.CheckConstraint(
            condition=Q(bounty_amount__isnull=True, bounty_currency="")
            | (Q(bounty_amount__isnull=False) & ~Q(bounty_currency="")),
            name=f"{model_name}_bounty_has_currency",
        ),
    ]


def _bounty_clean(record) -> None:
    """A bounty is an amount with its currency, three capital letters, or neither."""
    record.bounty_currency = (record.bounty_currency or "").strip().upper()
    if record.bounty_amount is not None and record.bounty_amount < 0:
        raise ValidationError({"bounty_amount": "A bounty cannot be negative."})
    if record.bounty_amount is not None and not record.bounty_currency:
        raise ValidationError({"bounty_currency": "Give the bounty's currency (e.g. USD)."})
    if record.bounty_amount is None and record.bounty_currency:
        raise ValidationError({"bounty_amount": "Give the bounty's amount, or no currency."})
    if record.bounty_currency and not re.fullmatch("[A-Z]{3}", record.bounty_currency):
        raise ValidationError(
            {"bounty_currency": "A currency is three letters, as in ISO 4217 (e.g. USD)."}
        )


class DatedFact(Fact):
    """Abstract: a fact with a partial date (when it happened, as the source gives it)."""

    class Meta(Fact.Meta):
        abstract = True

    date_field = "occurred_on"
    # What sources state about it, value by value (negotiations.claims).
    claims = GenericRelation("negotiations.Claim")

    @property
    def partial_date(self) -> PartialDate | None:
        value = getattr(self, self.date_field)
        precision = getattr(self, self.date_field.replace("_on", "_precision"))
        return PartialDate(value, precision) if value else None

    @property
    def date_display(self) -> str:
        value = getattr(self, self.date_field)
        return format_partial_date(
            value, getattr(self, self.date_field.replace("_on", "_precision"))
        )

    @cached_property
    def confidence(self) -> Confidence:
        """How many distinct sources support the record, and how sure that makes us
        (negotiations.confidence), from the evidence the selectors prefetched as of their
        date; a record loaded otherwise reads all its evidence (one query)."""
        spans = getattr(self, "evidence_spans", None)
        if spans is None:
            spans = self.evidence.select_related("article").defer("article__text")
        return confidence_of(spans, review_state=self.review_state)


class TalksChannel(DatedFact):
    """A line of talks: who talks to whom, through whom, how and where."""

    name = models.CharField(max_length=200)
    mode = models.CharField(max_length=16, choices=ChannelMode, default=ChannelMode.UNKNOWN)
    is_secret = models.BooleanField(default=False)
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=16, choices=ChannelStatus, default=ChannelStatus.ACTIVE, db_index=True
    )
    initial_status = _initial_status_field(ChannelStatus)
    started_on = models.DateField(null=True, blank=True)
    started_precision = _precision_field()
    last_activity_on = models.DateField(null=True, blank=True, db_index=True)
    last_activity_precision = _precision_field()
    actors = models.ManyToManyField(Actor, through="ChannelParticipant", related_name="channels")

    history = HistoricalRecords()
    date_field = "started_on"

    class Meta(Fact.Meta):
        ordering = ["-last_activity_on", "name"]
        constraints = [
            *Fact.Meta.constraints,
            _valid_choice("mode", ChannelMode, "channel_valid_mode"),
            _valid_choice("status", ChannelStatus, "channel_valid_status"),
            models.CheckConstraint(
                condition=Q(last_activity_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(last_activity_on__gte=F("started_on")),
                name="channel_activity_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name with when it started: two channels of one name are told apart."""
        return f"{self.name} (since {self.date_display})" if self.started_on else self.name

    def get_absolute_url(self) -> str:
        return reverse("negotiations:channel", args=[self.pk])

    def clean(self) -> None:
        if self.started_on and self.last_activity_on and self.last_activity_on < self.started_on:
            raise ValidationError({"last_activity_on": "The last activity is before the start."})


class ChannelParticipant(models.Model):
    """An actor in a talks channel, as a party to the talks or as a mediator."""

    channel = models.ForeignKey(TalksChannel, on_delete=models.CASCADE, related_name="participants")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="channel_roles")
    role = models.CharField(
        max_length=16, choices=ParticipantRole, default=ParticipantRole.PARTICIPANT
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "actor"], name="participant_unique"),
            _valid_choice("role", ParticipantRole, "participant_valid_role"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} in {self.channel} ({self.role})"


class Indictment(DatedFact):
    """Criminal charges against one or more defendants, with any reward for their arrest."""

    defendants = models.ManyToManyField(Actor, related_name="indictments")
    authority = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indictments_brought",
        help_text="Who brought the charges (a justice ministry, a prosecutor, a court).",
    )
    charges = models.TextField()
    filed_on = models.DateField(null=True, blank=True, db_index=True)
    filed_precision = _precision_field()
    bounty_amount = _bounty_amount_field(
        "The reward for an arrest as first reported. A bounty development (an event with an "
        "amount) changes it from its date on."
    )
    bounty_currency = _bounty_currency_field()
    status = models.CharField(
        max_length=16, choices=IndictmentStatus, default=IndictmentStatus.IN_FORCE, db_index=True
    )
    initial_status = _initial_status_field(IndictmentStatus)

    history = HistoricalRecords(m2m_fields=[defendants])
    date_field = "filed_on"

    class Meta(Fact.Meta):
        ordering = ["-filed_on", "id"]
        constraints = [
            *Fact.Meta.constraints,
            _valid_choice("status", IndictmentStatus, "indictment_valid_status"),
            *_bounty_constraints("indictment"),
        ]

    def __str__(self) -> str:
        return self.charges[:80]

    def get_absolute_url(self) -> str:
        return reverse("negotiations:indictment", args=[self.pk])

    def clean(self) -> None:
        _bounty_clean(self)


class Offer(DatedFact):
    """Who offers what to whom, on what conditions, and where it stands."""

    kind = models.CharField(max_length=32, choices=OfferKind, default=OfferKind.OTHER)
    offered_by = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers_made"
    )
    recipients = models.ManyToManyField(Actor, blank=True, related_name="offers_received")
    terms = models.TextField(help_text="What is offered, in words.")
    conditions = models.TextField(blank=True, help_text="What is asked in exchange.")
    status = models.CharField(
        max_length=20, choices=OfferStatus, default=OfferStatus.PROPOSED, db_index=True
    )
    initial_status = _initial_status_field(OfferStatus)
    offered_on = models.DateField(null=True, blank=True, db_index=True)
    offered_precision = _precision_field()
    channel = models.ForeignKey(
        TalksChannel, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )

    history = HistoricalRecords(m2m_fields=[recipients])
    date_field = "offered_on"

    class Meta(Fact.Meta):
        ordering = ["-offered_on", "id"]
        constraints = [
            *Fact.Meta.constraints,
            _valid_choice("status", OfferStatus, "offer_valid_status"),
            _valid_choice("kind", OfferKind, "offer_valid_kind"),
        ]

    def __str__(self) -> str:
        return self.terms[:80]

    @property
    def label(self) -> str:
        """What, who to whom and when: "Amnesty: United States → Nicolás Maduro, Aug 2024".

        Reads the maker and the recipients: lists prefetch them (offer_list, the pickers'
        querysets), so it costs no query there; a record rejected by an editor is left out
        where the list's prefetch leaves it out."""
        what = self.terms[:60] if self.kind == OfferKind.OTHER else self.get_kind_display()
        maker = shown(self.offered_by)
        names = [actor.name for actor in self.recipients.all()]
        to = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        who = f"{maker.name if maker else 'unnamed party'} → {to or 'unnamed recipients'}"
        return f"{what}: {who}, {self.date_display or 'undated'}"

    def get_absolute_url(self) -> str:
        return reverse("negotiations:offer", args=[self.pk])

    @property
    def is_standing(self) -> bool:
        return self.status in {OfferStatus.PROPOSED, OfferStatus.UNDER_DISCUSSION}


class Position(DatedFact):
    """What an actor has said their position is ("open to talks as long as ...")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="positions")
    stance = models.TextField()
    condition = models.TextField(blank=True)
    stated_on = models.DateField(null=True, blank=True, db_index=True)
    stated_precision = _precision_field()

    history = HistoricalRecords()
    date_field = "stated_on"

    class Meta(Fact.Meta):
        ordering = ["-stated_on", "id"]

    def __str__(self) -> str:
        return f"{self.actor}: {self.stance[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("negotiations:position", args=[self.pk])


class Event(DatedFact):
    """A dated development on the timeline, past or scheduled.

    A status change of an offer, channel or indictment is an event too, with
    `status_to` naming the new status, so the state can be rebuilt as of any date.
    """

    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=EventKind, default=EventKind.OTHER)
    status = models.CharField(max_length=12, choices=EventStatus, default=EventStatus.OCCURRED)
    occurred_on = models.DateField()
    occurred_precision = _precision_field()
    actors = models.ManyToManyField(Actor, blank=True, related_name="events")
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    channel = models.ForeignKey(
        TalksChannel, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    indictment = models.ForeignKey(
        Indictment, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    status_to = models.CharField(
        max_length=20, blank=True, help_text="For a status change: the linked record's new status."
    )
    bounty_amount = _bounty_amount_field(
        "For a new bounty: the indictment's reward from this date on."
    )
    bounty_currency = _bounty_currency_field()

    history = HistoricalRecords(m2m_fields=[actors])

    class Meta(Fact.Meta):
        ordering = ["occurred_on", "id"]
        indexes = [
            models.Index(fields=["occurred_on", "id"], name="event_timeline_idx"),
            models.Index(fields=["kind", "occurred_on"], name="event_kind_date_idx"),
            models.Index(fields=["status", "occurred_on"], name="event_status_date_idx"),
            # Status changes are few among many events; the as-of status of every offer,
            # channel and indictment looks up its latest one (selectors.records).
            *[
                models.Index(
                    fields=[link, "-occurred_on"],
                    condition=~Q(status_to=""),
                    name=f"event_{link}_change_idx",
                )
                for link in ("offer", "channel", "indictment")
            ],
            # A channel's last activity and an indictment's reward as of a date read that
            # record's latest events, newest first (selectors.records).
            *[
                models.Index(fields=[link, "-occurred_on"], name=f"event_{link}_date_idx")
                for link in ("channel", "indictment")
            ],
            # Rejected events are few; every evidence list leaves out what cites one.
            models.Index(
                fields=["id"],
                condition=Q(review_state=ReviewState.REJECTED),
                name="event_rejected_idx",
            ),
        ]
        constraints = [
            *Fact.Meta.constraints,
            _valid_choice("kind", EventKind, "event_valid_kind"),
            _valid_choice("status", EventStatus, "event_valid_status"),
            _valid_choice("occurred_precision", DatePrecision, "event_valid_precision"),
            *_bounty_constraints("event"),
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("negotiations:event", args=[self.pk])

    @property
    def subject(self):
        """The offer, channel or indictment this event concerns, if any."""
        return self.offer or self.channel or self.indictment

    @property
    def subject_shown(self):
        """The subject readers see: the first of them an editor has not rejected."""
        return shown(self.offer) or shown(self.channel) or shown(self.indictment)

    def clean(self) -> None:
        _bounty_clean(self)
        if self.bounty_amount is not None and not self.indictment_id:
            raise ValidationError({"indictment": "A new bounty needs the indictment it concerns."})
        if not self.status_to:
            return
        links = [
            (name, model)
            for name, model in (
                ("offer", Offer),
                ("channel", TalksChannel),
                ("indictment", Indictment),
            )
            if getattr(self, f"{name}_id")
        ]
        if len(links) != 1:
            raise ValidationError(
                {"status_to": "A status change concerns exactly one offer, channel or indictment."}
            )
        name, model = links[0]
        allowed = model._meta.get_field("status").choices
        if self.status_to not in {value for value, _ in allowed}:
            labels = ", ".join(label for _, label in allowed)
            raise ValidationError(
                {"status_to": f"Not a status of a {name}; choose one of: {labels}."}
            )
        if self.status != EventStatus.OCCURRED:
            raise ValidationError({"status": "A status change must have occurred."})


# An undated claim's time in the unique constraint (NULLs never collide there).
_UNDATED = datetime.date(1, 1, 1)


class Claim(models.Model):
    """One source's statement of a value about a record: its status on a date, a reward,
    a date, a participant's role. Sources that disagree for the same time leave claims
    with different values; an editor settles them by choosing one (negotiations.claims
    has the rules, and the services and selectors that apply them).

    A source is a publisher, a web site or the editors, not a single quote: the same
    source stating the same value again moves `last_stated_on`, and `evidence` is the
    quote that last stated it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    property = models.CharField(max_length=16, choices=ClaimProperty)
    value = models.JSONField(
        help_text='As negotiations.claims writes it, e.g. {"amount": "25000000.00", '
        '"currency": "USD"}.'
    )
    value_key = models.CharField(
        max_length=200, editable=False, help_text="The value as text: equal values, equal keys."
    )
    holds_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the value holds (a status on a date); none for a value of the record "
        "itself (its date, the reward first reported).",
    )
    holds_precision = _precision_field()

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="claims")
    source_key = models.CharField(
        max_length=300, editable=False, help_text="Who states it: publisher, site or editors."
    )
    first_stated_on = models.DateField(help_text="Its source's earliest publication saying so.")
    last_stated_on = models.DateField(help_text="Its source's latest publication saying so.")

    state = models.CharField(max_length=12, choices=ClaimState, default=ClaimState.STATED)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor chose this value, or another one."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["property", "holds_on", "value_key", "first_stated_on", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "property"], name="claim_record_idx"),
            # Claims in a disagreement are few; records' lists and /disagreements/ read them.
            models.Index(
                fields=["content_type", "object_id"],
                condition=~Q(state=ClaimState.STATED),
                name="claim_disagreement_idx",
            ),
        ]
        constraints = [
            _valid_choice("property", ClaimProperty, "claim_valid_property"),
            _valid_choice("state", ClaimState, "claim_valid_state"),
            _valid_choice("holds_precision", DatePrecision, "claim_valid_precision"),
            models.CheckConstraint(condition=~Q(value_key=""), name="claim_has_a_value"),
            models.CheckConstraint(
                condition=Q(first_stated_on__lte=F("last_stated_on")),
                name="claim_stated_in_order",
            ),
            # A date is the record's own; it holds for no other time.
            models.CheckConstraint(
                condition=~Q(property=ClaimProperty.DATE) | Q(holds_on__isnull=True),
                name="claim_date_holds_for_no_time",
            ),
            # An editor's choice is recorded on every claim of its time, and only there.
            models.CheckConstraint(
                condition=Q(
                    state__in=[ClaimState.CHOSEN, ClaimState.DISPUTED], chosen_at__isnull=False
                )
                | Q(
                    state__in=[ClaimState.STATED, ClaimState.CONFLICTING],
                    chosen_at__isnull=True,
                    chosen_by__isnull=True,
                ),
                name="claim_choice_recorded",
            ),
            # One source states one value once for a record, property and time.
            models.UniqueConstraint(
                "content_type",
                "object_id",
                "property",
                Coalesce("holds_on", Value(_UNDATED)),
                "holds_precision",
                "value_key",
                "source_key",
                name="claim_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_property_display()}: {self.value_key}"
