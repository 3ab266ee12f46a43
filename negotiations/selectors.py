"""Reads shared by the pages and the API: record lists and the negotiation state as of a date.

Every list here owns its joins and prefetches, so templates and serializers never
query on their own, and each honours `as_of` the same way:

- a record shows only if it was known by then (`core.asof.known_by`);
- its evidence is only what had been published or entered by then;
- its status is the one its latest known status-change event gave it (an Event
  with `status_to`), or, when every change came later, the status it started in.

`as_of=None` means today's knowledge: every record, with its current status.
Records an editor rejected are never shown.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncMonth

from actors.models import Actor, Alias, Role
from core.asof import evidence_known_by, known_by, today
from core.dates import DatePrecision
from core.models import ReviewState
from negotiations.choices import (
    ChannelStatus,
    EventKind,
    EventStatus,
    IndictmentStatus,
    OfferStatus,
    ParticipantRole,
)
from negotiations.models import (
    Article,
    ChannelParticipant,
    Event,
    Evidence,
    Indictment,
    Offer,
    Position,
    TalksChannel,
)

STANDING_OFFER = (OfferStatus.PROPOSED, OfferStatus.UNDER_DISCUSSION)
# Kinds that are deadlines on the calendar even when reported as already past.
DEADLINE_KINDS = (EventKind.ELECTION, EventKind.INAUGURATION, EventKind.DEADLINE)


# --- building blocks --------------------------------------------------------------
def evidence_prefetch(as_of: dt.date | None = None, lookup: str = "evidence") -> Prefetch:
    """A record's evidence with its article and speaker, only what was out by `as_of`."""
    queryset = Evidence.objects.select_related("article", "speaker").order_by(
        "article__published_on", "article_id", "start", "id"
    )
    if as_of is not None:
        queryset = queryset.filter(evidence_known_by(as_of))
    return Prefetch(lookup, queryset=queryset)


def _visible(queryset: QuerySet, as_of: dt.date | None) -> QuerySet:
    queryset = queryset.exclude(review_state=ReviewState.REJECTED)
    return queryset.filter(known_by(as_of)) if as_of is not None else queryset


def _changes(link: str, as_of: dt.date) -> QuerySet[Event]:
    """Status-change events of the outer record known and occurred by `as_of`, newest first."""
    return (
        Event.objects.filter(**{link: OuterRef("pk")}, status=EventStatus.OCCURRED)
        .exclude(status_to="")
        .exclude(review_state=ReviewState.REJECTED)
        .filter(known_by(as_of), occurred_on__lte=as_of)
        .order_by("-occurred_on", "-id")
    )


def _status_as_of(link: str, initial: str, as_of: dt.date | None):
    """The record's status on `as_of`, as an expression to annotate."""
    if as_of is None or as_of >= today():
        return F("status")
    any_change = Event.objects.filter(**{link: OuterRef("pk")}).exclude(status_to="")
    return Coalesce(
        Subquery(_changes(link, as_of).values("status_to")[:1], output_field=CharField()),
        Case(When(Exists(any_change), then=Value(initial)), default=F("status")),
        output_field=CharField(),
    )


def _status_since(link: str, date_field: str, as_of: dt.date | None):
    """When the record took its status (as of then): its latest known change, else its date."""
    return Coalesce(
        Subquery(_changes(link, as_of or today()).values("occurred_on")[:1]),
        F(date_field),
        output_field=DateField(),
    )


# --- record lists -------------------------------------------------------------------
def actor_list(*, as_of: dt.date | None = None) -> QuerySet[Actor]:
    return _visible(Actor.objects.all(), as_of).prefetch_related(
        Prefetch("aliases", queryset=Alias.objects.order_by("name")), evidence_prefetch(as_of)
    )


def offer_list(*, as_of: dt.date | None = None) -> QuerySet[Offer]:
    return (
        _visible(Offer.objects.all(), as_of)
        .select_related("offered_by", "channel")
        .prefetch_related(
            Prefetch("recipients", queryset=Actor.objects.order_by("name")),
            evidence_prefetch(as_of),
        )
        .annotate(
            status_as_of=_status_as_of("offer", OfferStatus.PROPOSED, as_of),
            status_since=_status_since("offer", "offered_on", as_of),
        )
    )


def channel_list(*, as_of: dt.date | None = None) -> QuerySet[TalksChannel]:
    participants = ChannelParticipant.objects.select_related("actor").order_by(
        "role", "actor__name"
    )
    return (
        _visible(TalksChannel.objects.all(), as_of)
        .prefetch_related(Prefetch("participants", queryset=participants), evidence_prefetch(as_of))
        .annotate(
            status_as_of=_status_as_of("channel", ChannelStatus.ACTIVE, as_of),
            last_seen_on=_status_since("channel", "last_activity_on", as_of),
        )
    )


def indictment_list(*, as_of: dt.date | None = None) -> QuerySet[Indictment]:
    return (
        _visible(Indictment.objects.all(), as_of)
        .select_related("authority")
        .prefetch_related(
            Prefetch("defendants", queryset=Actor.objects.order_by("name")),
            evidence_prefetch(as_of),
        )
        .annotate(status_as_of=_status_as_of("indictment", IndictmentStatus.IN_FORCE, as_of))
    )


def position_list(*, as_of: dt.date | None = None) -> QuerySet[Position]:
    return (
        _visible(Position.objects.all(), as_of)
        .select_related("actor")
        .prefetch_related(evidence_prefetch(as_of))
    )


def event_list(*, as_of: dt.date | None = None) -> QuerySet[Event]:
    """The timeline's rows, oldest first; scheduled events stay in, at their date."""
    return (
        _visible(Event.objects.all(), as_of)
        .select_related("offer", "channel", "indictment")
        .prefetch_related(
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            evidence_prefetch(as_of),
        )
        .order_by("occurred_on", "id")
    )


# --- the negotiation state --------------------------------------------------------
@dataclass(frozen=True)
class Deadline:
    event: Event
    days_left: int  # 0 when the deadline's period has begun (a month-precision date)


@dataclass
class NegotiationState:
    """Where things stand on `as_of`: the dashboard's headline and `/api/v1/state/`."""

    as_of: dt.date
    is_today: bool
    offer_counts: dict[str, int]
    offers: list[Offer]
    channel_counts: dict[str, int]
    channels: list[TalksChannel]
    indictments_in_force: int
    indictments: list[Indictment]
    positions: list[Position]
    deadlines: list[Deadline]
    latest: list[Event]
    limits: dict[str, int] = field(default_factory=dict)

    @property
    def standing_offers(self) -> int:
        return sum(self.offer_counts.get(s, 0) for s in STANDING_OFFER)

    @property
    def active_channels(self) -> int:
        return self.channel_counts.get(ChannelStatus.ACTIVE, 0)

    @property
    def next_deadline(self) -> Deadline | None:
        return self.deadlines[0] if self.deadlines else None

    @property
    def is_empty(self) -> bool:
        return not (
            self.offers
            or self.channels
            or self.indictments
            or self.positions
            or self.deadlines
            or self.latest
        )


def _counts(queryset: QuerySet) -> dict[str, int]:
    rows = queryset.order_by().values("status_as_of").annotate(n=Count("id"))
    return {row["status_as_of"]: row["n"] for row in rows}


def deadline_list(*, as_of: dt.date, limit: int = 6) -> list[Deadline]:
    """Elections, inaugurations and other scheduled events not yet past on `as_of`."""
    # A partial date is stored as its period's first day, so a period not yet over
    # on `as_of` starts on or after the first day of as_of's year, month or day.
    not_over = (
        Q(occurred_precision=DatePrecision.YEAR, occurred_on__gte=as_of.replace(month=1, day=1))
        | Q(occurred_precision=DatePrecision.MONTH, occurred_on__gte=as_of.replace(day=1))
        | Q(occurred_on__gte=as_of)
    )
    candidates = (
        _visible(Event.objects.all(), as_of)
        .filter(Q(kind__in=DEADLINE_KINDS) | Q(status=EventStatus.SCHEDULED))
        .filter(not_over)
        .prefetch_related(evidence_prefetch(as_of))
        .order_by("occurred_on", "id")[:limit]
    )
    deadlines = []
    for event in candidates:
        period = event.partial_date
        if period.end < as_of:
            continue
        deadlines.append(Deadline(event, max((period.start - as_of).days, 0)))
    return deadlines[:limit]


def negotiation_state(*, as_of: dt.date | None = None, limit: int = 10) -> NegotiationState:
    """The state as known on `as_of` (today when None), in a fixed number of queries."""
    day = as_of or today()
    offers = offer_list(as_of=as_of)
    channels = channel_list(as_of=as_of)
    indictments = indictment_list(as_of=as_of)
    standing_first = Case(
        When(status_as_of__in=STANDING_OFFER, then=0), default=1, output_field=IntegerField()
    )
    active_first = Case(
        When(status_as_of=ChannelStatus.ACTIVE, then=0), default=1, output_field=IntegerField()
    )
    positions = (
        position_list(as_of=as_of)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("actor__side"),
                order_by=[
                    F("stated_on").desc(nulls_last=True),
                    F("first_reported_on").desc(nulls_last=True),
                    F("id").desc(),
                ],
            )
        )
        .filter(rank=1)
        .order_by("actor__side")
    )
    latest = (
        event_list(as_of=as_of)
        .filter(status=EventStatus.OCCURRED, occurred_on__lte=day)
        .order_by("-occurred_on", "-id")[:limit]
    )
    return NegotiationState(
        as_of=day,
        is_today=as_of is None or as_of == today(),
        offer_counts=_counts(offers),
        offers=list(
            offers.order_by(standing_first, F("status_since").desc(nulls_last=True))[:limit]
        ),
        channel_counts=_counts(channels),
        channels=list(
            channels.order_by(active_first, F("last_seen_on").desc(nulls_last=True))[:limit]
        ),
        indictments_in_force=indictments.filter(status_as_of=IndictmentStatus.IN_FORCE).count(),
        indictments=list(
            indictments.filter(status_as_of=IndictmentStatus.IN_FORCE).order_by(
                F("bounty_amount").desc(nulls_last=True), F("filed_on").desc(nulls_last=True)
            )[:limit]
        ),
        positions=list(positions),
        deadlines=deadline_list(as_of=day),
        latest=list(latest),
        limits={"offers": limit, "channels": limit, "indictments": limit, "latest": limit},
    )


def channel_sides(channel: TalksChannel) -> dict[str, list]:
    """A channel's prefetched participants grouped by side, mediators apart."""
    sides: dict[str, list] = {}
    for participant in channel.participants.all():
        key = "mediator" if participant.role == ParticipantRole.MEDIATOR else participant.actor.side
        sides.setdefault(key, []).append(participant.actor)
    return sides


# --- the review queue ---------------------------------------------------------------
@dataclass
class ReviewItem:
    record: object
    model_name: str
    evidence: list


@dataclass
class ReviewArticle:
    article: object
    items: list[ReviewItem]


def unreviewed_evidence() -> Q:
    """Evidence citing a machine-made record nobody has reviewed yet (any record type)."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Origin
    from negotiations.records import REVIEW_MODELS

    condition = Q(pk__in=[])
    for model in REVIEW_MODELS.values():
        pending = model.objects.filter(
            pk=OuterRef("object_id"), origin=Origin.INGESTION, review_state=ReviewState.UNREVIEWED
        )
        condition |= Q(content_type=ContentType.objects.get_for_model(model)) & Q(Exists(pending))
    return condition


def review_article_list(*, article_id: int | None = None):
    """Articles with machine-made records awaiting review, newest article first."""
    from negotiations.models import Article

    pending = Evidence.objects.filter(article=OuterRef("pk")).filter(unreviewed_evidence())
    articles = (
        Article.objects.filter(Exists(pending)).defer("text").order_by("-published_on", "-id")
    )
    return articles.filter(pk=article_id) if article_id else articles


def review_queue(*, articles: list) -> list[ReviewArticle]:
    """Each article's unreviewed records with the evidence from it, in a fixed number of queries
    (one for the evidence and one per record type, whatever the number of records)."""
    from negotiations.models import Article
    from negotiations.records import REVIEW_MODELS

    texts = dict(Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("pk", "text"))
    evidence = list(
        Evidence.objects.filter(article_id__in=texts)
        .filter(unreviewed_evidence())
        .select_related("content_type")
        .order_by("article_id", "start", "id")
    )
    wanted: dict[type, set[int]] = {}
    for item in evidence:
        wanted.setdefault(item.content_type.model_class(), set()).add(item.object_id)
    records = {}
    for name, model in REVIEW_MODELS.items():
        if model in wanted:
            for record in model.objects.filter(pk__in=wanted[model]):
                records[(model, record.pk)] = (name, record)
    grouped: dict[int, dict] = {a.pk: {} for a in articles}
    for item in evidence:
        item.context_before, item.context_after = _context(texts[item.article_id], item)
        name, record = records[(item.content_type.model_class(), item.object_id)]
        key = (name, record.pk)
        grouped[item.article_id].setdefault(key, ReviewItem(record, name, [])).evidence.append(item)
    return [ReviewArticle(a, list(grouped[a.pk].values())) for a in articles]


CONTEXT_CHARS = 240


def _context(text: str, evidence: Evidence) -> tuple[str, str]:
    """The text around a quoted span (the template escapes all three parts)."""
    before = text[max(0, evidence.start - CONTEXT_CHARS) : evidence.start]
    after = text[evidence.end : evidence.end + CONTEXT_CHARS]
    return ("…" if evidence.start > CONTEXT_CHARS else "") + before, after + (
        "…" if evidence.end + CONTEXT_CHARS < len(text) else ""
    )


# --- the timeline -------------------------------------------------------------------
class _ActorNames(Aggregate):
    """Actor names joined by '; ', sorted, in one column (PostgreSQL; SQLite below)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, '; ' ORDER BY %(expressions)s)"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, '; ')",
        )


def event_period_counts(events: QuerySet[Event]) -> list[dict]:
    """Developments per month, kind and date precision over `events`, in one query.

    Each row: {"month": date, "kind": str, "precision": str, "n": int}. A row counts
    events, not joins, so filters across actors never count an event twice.
    """
    rows = (
        events.order_by()
        .prefetch_related(None)
        .select_related(None)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", "kind", "occurred_precision")
        .annotate(n=Count("id", distinct=True))
        .order_by("month", "kind", "occurred_precision")
    )
    return [
        {
            "month": row["month"],
            "kind": row["kind"],
            "precision": row["occurred_precision"],
            "n": row["n"],
        }
        for row in rows
    ]


EXPORT_COLUMNS = (
    "id",
    "occurred_on",
    "occurred_precision",
    "status",
    "kind",
    "title",
    "actor_names",
    "offer_id",
    "channel_id",
    "indictment_id",
    "first_reported_on",
)


def event_export_rows(events: QuerySet[Event]) -> QuerySet:
    """`events` as flat tuples (EXPORT_COLUMNS) for a CSV: one query, streamed in chunks."""
    names = (
        Event.actors.through.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(names=_ActorNames("actor__name"))
        .values("names")
    )
    return (
        events.prefetch_related(None)
        .select_related(None)
        .annotate(actor_names=Subquery(names, output_field=CharField()))
        .values_list(*EXPORT_COLUMNS)
    )


# --- record pages ---------------------------------------------------------------
RELATED_LIMIT = 10


@dataclass(frozen=True)
class Related:
    """The first `limit` rows of a related list, with the full count for a "more" link."""

    items: list
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def related(queryset: QuerySet, *, limit: int = RELATED_LIMIT) -> Related:
    """Two queries (rows, count) plus the queryset's prefetches, whatever the data size."""
    return Related(items=list(queryset[:limit]), count=queryset.order_by().count())


def event_list_related(
    *, as_of: dt.date | None = None, limit: int = RELATED_LIMIT, **lookup
) -> Related:
    """A record's latest events, newest first: `event_list_related(offer=offer)`."""
    events = event_list(as_of=as_of).filter(**lookup).order_by("-occurred_on", "-id")
    return related(events, limit=limit)


def record_known_later(model: type[Model], **lookup) -> bool:
    """Whether a record hidden by an as-of date exists (and is not rejected) today."""
    return model.objects.exclude(review_state=ReviewState.REJECTED).filter(**lookup).exists()


# --- source pages ---------------------------------------------------------------
# The order in which a source page lists the records an article supports.
SOURCE_RECORD_MODELS: tuple[type[Model], ...] = (
    Actor,
    Role,
    Offer,
    TalksChannel,
    Indictment,
    Position,
    Event,
)


@dataclass
class SourceDetail:
    """An article, its evidence with the records each supports, and those records by type."""

    article: Article
    evidence: list[Evidence]
    records: dict[Evidence, list]  # evidence -> the (non-rejected) record it supports
    groups: list[tuple[str, list]]  # ("Offers", [offer, ...]) in SOURCE_RECORD_MODELS order


def source_detail(*, pk: int) -> SourceDetail:
    """One article and what it supports, in a query per record type. Raises DoesNotExist."""
    article = Article.objects.get(pk=pk)
    evidence = list(
        article.evidence.select_related("content_type", "speaker").order_by("start", "id")
    )
    wanted: dict[type[Model], set[int]] = {}
    for item in evidence:
        model = item.content_type.model_class()
        if model in SOURCE_RECORD_MODELS:
            wanted.setdefault(model, set()).add(item.object_id)
    found: dict[type[Model], dict[int, Model]] = {}
    for model in SOURCE_RECORD_MODELS:
        if model not in wanted:
            continue
        queryset = model.objects.filter(pk__in=wanted[model]).exclude(
            review_state=ReviewState.REJECTED
        )
        if model in (Role, Position):
            queryset = queryset.select_related("actor")
        found[model] = {record.pk: record for record in queryset}
    records = {}
    for item in evidence:
        record = found.get(item.content_type.model_class(), {}).get(item.object_id)
        records[item] = [record] if record is not None else []
    groups = [
        (model._meta.verbose_name_plural.capitalize(), list(found[model].values()))
        for model in SOURCE_RECORD_MODELS
        if found.get(model)
    ]
    return SourceDetail(article=article, evidence=evidence, records=records, groups=groups)


# --- articles and evidence (the API) ----------------------------------------------
def article_list(*, with_text: bool = False) -> QuerySet[Article]:
    """Articles, newest first, with how many quotes cite them; the text only when asked."""
    queryset = Article.objects.annotate(evidence_count=Count("evidence")).order_by(
        "-published_on", "-id"
    )
    if with_text:
        spans = Evidence.objects.select_related("speaker").order_by("start", "id")
        return queryset.prefetch_related(Prefetch("evidence", queryset=spans))
    return queryset.defer("text")


def evidence_list() -> QuerySet[Evidence]:
    """Every quote with its article (without the article's text) and speaker."""
    return (
        Evidence.objects.select_related("article", "speaker").defer("article__text").order_by("id")
    )
