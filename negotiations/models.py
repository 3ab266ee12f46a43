import datetime
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from actors.models import Actor
from core.dates import DatePrecision, PartialDate, format_partial_date
from core.models import ReviewState, shown
from negotiations.choices import (
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
from negotiations.verdict_rules import rule_case, track_case
from sources.models import Article, Evidence, SourcedFact


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


def dated_after_report() -> Q:
    """Events dated after their first report (a scheduled one, or one reported ahead), or
    with no report date (an editor's entry, known from its creation): the only events an
    as-of date can know that are dated after it."""
    return Q(first_reported_on__isnull=True) | Q(occurred_on__gt=F("first_reported_on"))


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


class DatedFact(SourcedFact):
    """Abstract: a fact with a partial date (when it happened, as the source gives it)."""

    class Meta(SourcedFact.Meta):
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

    class Meta(SourcedFact.Meta):
        ordering = ["-last_activity_on", "name"]
        constraints = [
            *SourcedFact.Meta.constraints,
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

    class Meta(SourcedFact.Meta):
        ordering = ["-filed_on", "id"]
        constraints = [
            *SourcedFact.Meta.constraints,
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

    class Meta(SourcedFact.Meta):
        ordering = ["-offered_on", "id"]
        constraints = [
            *SourcedFact.Meta.constraints,
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


class Position(DatedFact):
    """What an actor has said their position is ("open to talks as long as ...")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="positions")
    stance = models.TextField()
    condition = models.TextField(blank=True)
    stated_on = models.DateField(null=True, blank=True, db_index=True)
    stated_precision = _precision_field()

    history = HistoricalRecords()
    date_field = "stated_on"

    class Meta(SourcedFact.Meta):
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
    # The first verdict rule that fits the event and its track (negotiations.verdict_rules),
    # computed by the database on every write, whatever writes: the dashboard reads them
    # for the window's events instead of matching every rule against every row per request.
    verdict_rule = models.GeneratedField(
        expression=rule_case("event"), output_field=models.SmallIntegerField(), db_persist=True
    )
    verdict_track = models.GeneratedField(
        expression=track_case("event"), output_field=models.SmallIntegerField(), db_persist=True
    )

    # The history table computes the two columns from its own row (leaving them out made
    # django-simple-history read them back from the events table with a query per save).
    history = HistoricalRecords(m2m_fields=[actors])

    class Meta(SourcedFact.Meta):
        ordering = ["occurred_on", "id"]
        indexes = [
            models.Index(fields=["occurred_on", "id"], name="event_timeline_idx"),
            models.Index(fields=["kind", "occurred_on"], name="event_kind_date_idx"),
            models.Index(fields=["status", "occurred_on"], name="event_status_date_idx"),
            # The verdicts' window is a range of dates per precision (verdicts.in_window):
            # a month-precision event counts for its month, a year-precision one its year.
            models.Index(
                fields=["status", "occurred_precision", "occurred_on"],
                name="event_status_precision_idx",
            ),
            # The verdicts' window by rule and kind, counted from the index alone
            # (selectors.state._event_verdicts): with what as-of visibility reads, so that
            # the table's rows are not fetched (index-only on PostgreSQL).
            models.Index(
                fields=[
                    "status",
                    "occurred_precision",
                    "occurred_on",
                    "verdict_rule",
                    "kind",
                    "review_state",
                    "first_reported_on",
                    "created_at",
                ],
                condition=Q(verdict_rule__isnull=False),
                name="event_verdict_count_idx",
            ),
            # Each track's newest developments: the first rows of its range, and what the
            # window and as-of visibility test, so that a range is read from the index alone
            # whether PostgreSQL walks it or sorts it.
            models.Index(
                fields=[
                    "verdict_track",
                    "-occurred_on",
                    "-id",
                    "status",
                    "occurred_precision",
                    "review_state",
                    "first_reported_on",
                    "created_at",
                ],
                condition=Q(verdict_rule__isnull=False),
                name="event_verdict_newest_idx",
            ),
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
            # Bounties are few among an indictment's events; its reward as of a date reads
            # its latest one (selectors.records), without walking the others.
            models.Index(
                fields=["indictment", "-occurred_on"],
                condition=Q(bounty_amount__isnull=False),
                name="event_bounty_date_idx",
            ),
            # Events dated after their first report (scheduled ones, or entered by an
            # editor with no dated source) are few; they bound what an as-of date knows
            # (selectors.records.events_known).
            models.Index(
                fields=["occurred_on"],
                condition=dated_after_report(),
                name="event_dated_after_report_idx",
            ),
            # The same rows by report date: for an as-of date in the past, the newest of
            # them known then is among the few reported by then, not a walk back through
            # every later one (selectors.records._known_horizon: 35 ms at a million).
            models.Index(
                fields=["first_reported_on", "occurred_on"],
                condition=dated_after_report(),
                name="event_reported_ahead_idx",
            ),
            # The dashboard reads the latest first report (selectors.state.freshness).
            models.Index(fields=["first_reported_on"], name="event_first_reported_idx"),
            # The feed reads the newest entered first.
            models.Index(fields=["created_at", "id"], name="event_created_idx"),
            # Rejected events are few; every evidence list leaves out what cites one.
            models.Index(
                fields=["id"],
                condition=Q(review_state=ReviewState.REJECTED),
                name="event_rejected_idx",
            ),
        ]
        constraints = [
            *SourcedFact.Meta.constraints,
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


class DevelopmentCount(models.Model):
    """How many events fall in a month, by kind, date precision, status and the month they
    became known: the timeline's chart by period without reading every event.

    Database triggers keep it current in the same transaction as every insert, update and
    delete of an event, whatever writes it (negotiations.development_counts). They append
    +1 and -1 rows rather than update a shared counter, so concurrent writers never wait on
    each other; the worker folds the rows together now and then. Rejected events and events
    with no `first_reported_on` are not counted here: the selector counts the latter (few,
    an editor's entries) from the events themselves.
    """

    month = models.DateField()
    kind = models.CharField(max_length=20)
    precision = models.CharField(max_length=8)
    status = models.CharField(max_length=12)
    known_month = models.DateField(help_text="The month of the events' first_reported_on.")
    n = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} ({self.precision}, {self.status}): {self.n}"
