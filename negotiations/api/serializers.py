"""Records as JSON. Every related record is a link {id, url, name}; nothing here queries:
the selectors have already joined and prefetched what each serializer reads."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.models import Actor
from core.api.serializers import (
    CleanTextInput,
    EvidenceSpanSerializer,
    FactSerializer,
    LinkSerializer,
    RecordRefSerializer,
    api_url,
)
from core.dates import DatePrecision
from core.text import TEXT_WITH_WORDS, json_strip
from negotiations.api.claims import DisagreementFields, context_as_of
from negotiations.api.event_json import events_json, events_json_of
from negotiations.choices import OfferStatus
from negotiations.confidence import ConfidenceLevel
from negotiations.models import ChannelParticipant, Event, Indictment, Offer, Position, TalksChannel
from negotiations.verdict_rules import SUBJECT_DATES
from negotiations.verdicts import MOVED_LIMIT, VERDICT_LABELS
from sources.models import Article, article_metadata_problem
from sources.services import SourceInput, source_date_problem


class CorroboratedSerializer(FactSerializer):
    # A record with its corroboration and confidence (negotiations.confidence), read from
    # the evidence its selector prefetched as of the date. (A comment, not a docstring:
    # the schema's description of each record stays FactSerializer's.)
    sources_count = serializers.IntegerField(
        source="confidence.sources_count",
        read_only=True,
        help_text="How many distinct sources support the record as of the date: publishers, "
        "web sites and the editors, each counted once however often it is quoted.",
    )
    confidence = serializers.ChoiceField(
        choices=ConfidenceLevel.choices,
        source="confidence.level",
        read_only=True,
        help_text="How sure the sources make us, by the rules at /about/confidence/.",
    )
    confidence_reason = serializers.CharField(
        source="confidence.reason",
        read_only=True,
        help_text="The confidence in one line, e.g. '3 sources, one on the record: high'.",
    )

    CONFIDENCE = ["sources_count", "confidence", "confidence_reason"]


class EventListSerializer(serializers.ListSerializer):
    def to_representation(self, data) -> list[dict]:
        return EventSerializer.events_json(data, self.context)


class EventSerializer(DisagreementFields, CorroboratedSerializer):
    # The declaration of an event in JSON: its fields, their order and types (the schema).
    # The values come from negotiations.api.event_json, for one event or a page of them.
    # (A comment, not a docstring: the schema's description stays FactSerializer's.)
    date_display = serializers.CharField(read_only=True)
    actors = LinkSerializer(many=True, read_only=True)
    offer = LinkSerializer(read_only=True, allow_null=True)
    channel = LinkSerializer(read_only=True, allow_null=True)
    indictment = LinkSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Event
        list_serializer_class = EventListSerializer
        fields = [
            "id",
            "url",
            "title",
            "summary",
            "kind",
            "status",
            "occurred_on",
            "occurred_precision",
            "date_display",
            "actors",
            "offer",
            "channel",
            "indictment",
            "status_to",
            "bounty_amount",
            "bounty_currency",
            *CorroboratedSerializer.CONFIDENCE,
            *DisagreementFields.DISAGREEMENT,
            *FactSerializer.PROVENANCE,
        ]
        read_only_fields = fields

    def to_representation(self, instance) -> dict:
        return self.events_json([instance], self.context)[0]

    @classmethod
    def events_json(cls, events, context: dict) -> list[dict]:
        """Events (from selectors.event_list, or rows of selectors.event_values) as JSON, in
        the declared order; a field the declaration and event_json do not both have fails
        at once."""
        request = context.get("request")
        as_of = context_as_of(context)
        if events and isinstance(events[0], dict):
            data = events_json(events, as_of=as_of, request=request)
        else:
            data = events_json_of(events, as_of=as_of, request=request)
        fields = cls.Meta.fields
        if data and data[0].keys() != set(fields):
            raise ImproperlyConfigured(
                f"event_json and EventSerializer differ: {set(fields) ^ data[0].keys()}"
            )
        return [{name: row[name] for name in fields} for row in data]


class OfferSerializer(DisagreementFields, CorroboratedSerializer):
    offered_by = LinkSerializer(read_only=True, allow_null=True)
    recipients = LinkSerializer(many=True, read_only=True)
    channel = LinkSerializer(read_only=True, allow_null=True)
    # Null on a date before its first change when no source gave the status it had then.
    status_as_of = serializers.ChoiceField(
        choices=OfferStatus.choices, read_only=True, allow_null=True
    )
    status_since = serializers.DateField(read_only=True, allow_null=True)
    date_display = serializers.CharField(read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "url",
            "kind",
            "offered_by",
            "recipients",
            "terms",
            "conditions",
            "status",
            "status_as_of",
            "status_since",
            "offered_on",
            "offered_precision",
            "date_display",
            "channel",
            *CorroboratedSerializer.CONFIDENCE,
            *DisagreementFields.DISAGREEMENT,
            *FactSerializer.PROVENANCE,
        ]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    actor = LinkSerializer(read_only=True)
    side = serializers.CharField(source="actor.side", read_only=True)

    class Meta:
        model = ChannelParticipant
        fields = ["actor", "side", "role"]
        read_only_fields = fields


class ChannelSerializer(DisagreementFields, CorroboratedSerializer):
    participants = ParticipantSerializer(many=True, read_only=True)
    status_as_of = serializers.CharField(read_only=True, allow_null=True)
    last_seen_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = TalksChannel
        fields = [
            "id",
            "url",
            "name",
            "mode",
            "is_secret",
            "venue",
            "status",
            "status_as_of",
            "started_on",
            "started_precision",
            "last_activity_on",
            "last_activity_precision",
            "last_seen_on",
            "participants",
            *CorroboratedSerializer.CONFIDENCE,
            *DisagreementFields.DISAGREEMENT,
            *FactSerializer.PROVENANCE,
        ]
        read_only_fields = fields


class IndictmentSerializer(DisagreementFields, CorroboratedSerializer):
    defendants = LinkSerializer(many=True, read_only=True)
    authority = LinkSerializer(read_only=True, allow_null=True)
    status_as_of = serializers.CharField(read_only=True, allow_null=True)
    bounty_as_of = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="The reward on the as-of date: the latest bounty development by then, "
        "else the one first reported (`bounty_amount`).",
    )
    bounty_currency_as_of = serializers.CharField(read_only=True)

    class Meta:
        model = Indictment
        fields = [
            "id",
            "url",
            "defendants",
            "authority",
            "charges",
            "filed_on",
            "filed_precision",
            "bounty_amount",
            "bounty_currency",
            "bounty_as_of",
            "bounty_currency_as_of",
            "status",
            "status_as_of",
            *CorroboratedSerializer.CONFIDENCE,
            *DisagreementFields.DISAGREEMENT,
            *FactSerializer.PROVENANCE,
        ]
        read_only_fields = fields


class PositionSerializer(DisagreementFields, CorroboratedSerializer):
    actor = LinkSerializer(read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "url",
            "actor",
            "stance",
            "condition",
            "stated_on",
            "stated_precision",
            *CorroboratedSerializer.CONFIDENCE,
            *DisagreementFields.DISAGREEMENT,
            *FactSerializer.PROVENANCE,
        ]
        read_only_fields = fields


# --- articles and evidence ---------------------------------------------------------
class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    source_url = serializers.CharField(source="url", read_only=True)
    evidence_count = serializers.IntegerField(read_only=True)
    waiting_for_queue = serializers.BooleanField(
        read_only=True,
        help_text="Stored but not queued yet (the queue was unavailable): it is queued, and "
        "ingested, once the queue is back.",
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "source_url",
            "published_on",
            "status",
            "waiting_for_queue",
            "error",
            "ingested_at",
            "evidence_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, article) -> str | None:
        return api_url(self.context.get("request"), "article", article.pk)


class ArticleSpanSerializer(EvidenceSpanSerializer):
    record = RecordRefSerializer(source="*")


class ArticleDetailSerializer(ArticleSerializer):
    evidence = ArticleSpanSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "metadata", "text", "evidence"]
        read_only_fields = fields


class EvidenceSerializer(EvidenceSpanSerializer):
    record = RecordRefSerializer(source="*")
    created_at = serializers.DateTimeField()


@extend_schema_field(
    {
        "type": "string",
        "minLength": 1,
        # In bytes of UTF-8 the limit is ARTICLE_MAX_BYTES: never more characters than that.
        "maxLength": settings.ARTICLE_MAX_BYTES,
        "pattern": TEXT_WITH_WORDS,
        "description": "The article's text: words (at least one letter), no control "
        f"characters but tab and line breaks, at most {settings.ARTICLE_MAX_BYTES:,} bytes.",
    }
)
class ArticleTextField(serializers.CharField):
    """An article's text as the schema states it; article_submit checks it
    (article_text_problem), so every door answers the same."""


class ArticleSubmitSerializer(CleanTextInput, serializers.Serializer):
    """An article to ingest; the text's checks (empty, oversized) are article_submit's."""

    text = ArticleTextField(trim_whitespace=False)
    published_on = serializers.DateField()
    title = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)
    publisher = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)
    url = serializers.URLField(max_length=2048, required=False, default="", allow_blank=True)
    metadata = serializers.DictField(
        required=False,
        default=dict,
        help_text="Authors, dateline, language: at most ARTICLE_METADATA_MAX_BYTES as JSON. "
        "Control characters in it are dropped.",
    )

    def validate_metadata(self, metadata: dict) -> dict:
        problem = article_metadata_problem(metadata)
        if problem:
            raise serializers.ValidationError(problem)
        return json_strip(metadata)


# --- editors' writes -----------------------------------------------------------------
class SourceSerializer(CleanTextInput, serializers.Serializer):
    """Where a development comes from: an article's span or quote, a URL and quote, or a note."""

    article = serializers.PrimaryKeyRelatedField(
        queryset=Article.objects.defer("text"), required=False, allow_null=True
    )
    start = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    end = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    quote = serializers.CharField(required=False, default="", allow_blank=True)
    url = serializers.URLField(max_length=2000, required=False, default="", allow_blank=True)
    note = serializers.CharField(required=False, default="", allow_blank=True)
    speaker_label = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True
    )
    published_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="With `url`, required: the day the page was published. With `note`, "
        "optional: the day what it says became public. The development is known from this "
        "day (else from the day it is entered); an article's own date is used for an article.",
    )

    def validate(self, attrs: dict) -> dict:
        problem = source_date_problem(SourceInput(**attrs))
        if problem:
            raise serializers.ValidationError({"published_on": problem})
        return attrs


class EventCreateSerializer(CleanTextInput, serializers.ModelSerializer):
    actors = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), many=True, required=False
    )
    source = SourceSerializer(required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "kind",
            "status",
            "occurred_on",
            "occurred_precision",
            "actors",
            "offer",
            "channel",
            "indictment",
            "status_to",
            "bounty_amount",
            "bounty_currency",
            "source",
        ]


class OfferStatusSerializer(CleanTextInput, serializers.Serializer):
    """A change of an offer's status: recorded as a dated development on the timeline."""

    status = serializers.ChoiceField(choices=OfferStatus.choices)
    occurred_on = serializers.DateField()
    precision = serializers.ChoiceField(choices=DatePrecision.choices, default=DatePrecision.DAY)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    source = SourceSerializer(required=False)


class OfferStatusResultSerializer(serializers.Serializer):
    event = EventSerializer()
    offer = OfferSerializer()


# --- the negotiation state ---------------------------------------------------------
class EventBriefSerializer(FactSerializer):
    date_display = serializers.CharField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "title",
            "kind",
            "status",
            "occurred_on",
            "occurred_precision",
            "date_display",
            *FactSerializer.PROVENANCE,
        ]
        read_only_fields = fields


class DeadlineSerializer(serializers.Serializer):
    event = EventBriefSerializer()
    days_left = serializers.IntegerField(help_text="0 once the deadline's period has begun.")


class MovedSerializer(serializers.Serializer):
    """A development that moved a track (or was noted on it), and the rule that says how."""

    subject = serializers.ChoiceField(
        choices=list(SUBJECT_DATES),
        source="rule.subject",
        help_text="An event on the timeline, or a record first dated in the window.",
    )
    id = serializers.IntegerField(source="item.pk")
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    date_display = serializers.CharField(source="item.date_display")
    rule = serializers.CharField(source="rule.text")
    effect = serializers.IntegerField(
        source="rule.effect", help_text="1 improves the track, -1 deteriorates it, 0 noted."
    )

    def get_url(self, moved) -> str | None:
        return api_url(self.context.get("request"), moved.item._meta.model_name, moved.item.pk)


class TrackVerdictSerializer(serializers.Serializer):
    track = serializers.CharField(source="track.key")
    label = serializers.CharField(source="track.label")
    verdict = serializers.ChoiceField(choices=list(VERDICT_LABELS))
    improved = serializers.IntegerField(help_text="Developments that improved it.")
    deteriorated = serializers.IntegerField(help_text="Developments that deteriorated it.")
    total = serializers.IntegerField(help_text="Developments the rules speak of, noted included.")
    developments = MovedSerializer(
        source="moved", many=True, help_text=f"The newest {MOVED_LIMIT}, newest first."
    )


class VerdictsSerializer(serializers.Serializer):
    """Per track, the verdict over the `window` days from `start` to `end` (the as-of
    date), by the rules on /about/verdicts/."""

    window = serializers.IntegerField(help_text="Days, the as-of date included.")
    start = serializers.DateField()
    end = serializers.DateField()
    tracks = TrackVerdictSerializer(many=True)


class StateSerializer(serializers.Serializer):
    """Where things stand on `as_of`: counts, and the records behind them."""

    as_of = serializers.DateField()
    is_today = serializers.BooleanField()
    offer_counts = serializers.DictField(child=serializers.IntegerField())
    standing_offers = serializers.IntegerField()
    offers = OfferSerializer(many=True)
    channel_counts = serializers.DictField(child=serializers.IntegerField())
    active_channels = serializers.IntegerField()
    channels = ChannelSerializer(many=True)
    indictments_in_force = serializers.IntegerField()
    indictments = IndictmentSerializer(many=True)
    positions = PositionSerializer(many=True)
    deadlines = DeadlineSerializer(many=True)
    latest = EventSerializer(many=True)
    limits = serializers.DictField(child=serializers.IntegerField())
    verdicts = VerdictsSerializer()
    days_since_development = serializers.IntegerField(
        allow_null=True,
        help_text="Days from the latest development (the end of its day, month or year) to "
        "as_of; null when none is known.",
    )
