"""Filters shared by the pages and the API: one definition of each list's query parameters."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from actors.choices import Side
from actors.models import Actor, ActorRedirect
from core.filtersets import (
    BIGINT_MAX,
    ColumnChoicesFilter,
    FactFilterSet,
    FilterSet,
    IdFilter,
    SinceFilter,
)
from negotiations.choices import (
    ChannelMode,
    ChannelStatus,
    EventKind,
    EventStatus,
    IndictmentStatus,
    OfferKind,
    OfferStatus,
)
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from sources.choices import ArticleStatus, Attribution
from sources.models import Article, Evidence


class ActorKeyField(forms.CharField):
    """An actor by slug, or by id for API consumers (a merged actor's too), cleaned to its
    id (one query, two for a merged actor); a value naming no actor is an error."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        by_id = value.isdecimal() and int(value) <= BIGINT_MAX
        match = Q(slug=value) | Q(pk=int(value)) if by_id else Q(slug=value)
        pk = Actor.objects.filter(match).values_list("pk", flat=True).first()
        if pk is None:
            moved = Q(slug=value) | Q(old_id=int(value)) if by_id else Q(slug=value)
            pk = ActorRedirect.objects.filter(moved).values_list("actor_id", flat=True).first()
        if pk is None:
            raise ValidationError(
                "No actor has the slug or id “%(value)s”.",
                code="unknown_actor",
                params={"value": value[:60]},
            )
        return pk


class ActorFilter(django_filters.CharFilter):
    field_class = ActorKeyField


def _actor_match(prefix: str, pk: int) -> Q:
    return Q(**{f"{prefix}__id": pk})


_EventActor = Event.actors.through


class EventFilterSet(FactFilterSet):
    """The timeline's filters: who, what kind, which side, which dates."""

    actor = ActorFilter(method="filter_actor", label="Actor (slug or id)")
    kind = ColumnChoicesFilter(choices=EventKind.choices)
    side = ColumnChoicesFilter(choices=Side.choices, method="filter_side", label="Side")
    status = django_filters.ChoiceFilter(choices=EventStatus.choices)
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["actor", "kind", "side", "status", "occurred_after", "occurred_before"]

    # Actor and side filters use `id IN (subquery)` rather than a join: no duplicate
    # rows, so no DISTINCT over the whole timeline, and counts stay counts of events.
    def filter_actor(self, queryset, name, value):
        linked = _EventActor.objects.filter(_actor_match("actor", value)).values("event_id")
        return queryset.filter(id__in=linked)

    def filter_side(self, queryset, name, value):
        if not value:
            return queryset
        linked = _EventActor.objects.filter(actor__side__in=value).values("event_id")
        return queryset.filter(id__in=linked)


# --- the API's record lists ---------------------------------------------------------
class OfferFilterSet(FactFilterSet):
    actor = ActorFilter(method="filter_actor", label="Maker or recipient (slug or id)")
    side = ColumnChoicesFilter(
        choices=Side.choices, field_name="offered_by__side", label="Side of the maker"
    )
    kind = ColumnChoicesFilter(choices=OfferKind.choices)
    status = ColumnChoicesFilter(
        choices=OfferStatus.choices, field_name="status_as_of", label="Status (as of the date)"
    )
    offered_after = django_filters.DateFilter(field_name="offered_on", lookup_expr="gte")
    offered_before = django_filters.DateFilter(field_name="offered_on", lookup_expr="lte")
    channel = IdFilter(field_name="channel")

    class Meta:
        model = Offer
        fields = ["actor", "side", "kind", "status", "offered_after", "offered_before", "channel"]

    def filter_actor(self, queryset, name, value):
        match = _actor_match("offered_by", value) | _actor_match("recipients", value)
        return queryset.filter(match).distinct()


class ChannelFilterSet(FactFilterSet):
    actor = ActorFilter(method="filter_actor", label="Participant (slug or id)")
    side = django_filters.MultipleChoiceFilter(
        choices=Side.choices, field_name="actors__side", distinct=True, label="A participant's side"
    )
    mode = ColumnChoicesFilter(choices=ChannelMode.choices)
    status = ColumnChoicesFilter(
        choices=ChannelStatus.choices, field_name="status_as_of", label="Status (as of the date)"
    )
    active_after = django_filters.DateFilter(field_name="last_activity_on", lookup_expr="gte")
    active_before = django_filters.DateFilter(field_name="last_activity_on", lookup_expr="lte")

    class Meta:
        model = TalksChannel
        fields = ["actor", "side", "mode", "status", "active_after", "active_before"]

    def filter_actor(self, queryset, name, value):
        return queryset.filter(_actor_match("actors", value)).distinct()


class IndictmentFilterSet(FactFilterSet):
    actor = ActorFilter(method="filter_actor", label="Defendant (slug or id)")
    side = django_filters.MultipleChoiceFilter(
        choices=Side.choices,
        field_name="defendants__side",
        distinct=True,
        label="A defendant's side",
    )
    status = ColumnChoicesFilter(
        choices=IndictmentStatus.choices, field_name="status_as_of", label="Status (as of the date)"
    )
    filed_after = django_filters.DateFilter(field_name="filed_on", lookup_expr="gte")
    filed_before = django_filters.DateFilter(field_name="filed_on", lookup_expr="lte")

    class Meta:
        model = Indictment
        fields = ["actor", "side", "status", "filed_after", "filed_before"]

    def filter_actor(self, queryset, name, value):
        return queryset.filter(_actor_match("defendants", value)).distinct()


class PositionFilterSet(FactFilterSet):
    actor = ActorFilter(method="filter_actor", label="Actor (slug or id)")
    side = ColumnChoicesFilter(choices=Side.choices, field_name="actor__side")
    stated_after = django_filters.DateFilter(field_name="stated_on", lookup_expr="gte")
    stated_before = django_filters.DateFilter(field_name="stated_on", lookup_expr="lte")

    class Meta:
        model = Position
        fields = ["actor", "side", "stated_after", "stated_before"]

    def filter_actor(self, queryset, name, value):
        return queryset.filter(_actor_match("actor", value))


class ArticleFilterSet(FilterSet):
    status = ColumnChoicesFilter(choices=ArticleStatus.choices)
    publisher = django_filters.CharFilter(lookup_expr="iexact")
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")
    updated_since = SinceFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Article
        fields = ["status", "publisher", "published_after", "published_before", "updated_since"]


class EvidenceFilterSet(FilterSet):
    article = IdFilter(field_name="article")
    attribution = ColumnChoicesFilter(choices=Attribution.choices)
    speaker = ActorFilter(method="filter_speaker", label="Speaker (slug or id)")
    record_type = django_filters.ChoiceFilter(
        choices=[
            (name, name)
            for name in ("actor", "offer", "channel", "indictment", "event", "position")
        ],
        method="filter_record_type",
        label="Type of the record it supports",
    )
    record_id = IdFilter(field_name="object_id")

    class Meta:
        model = Evidence
        fields = ["article", "attribution", "speaker", "record_type", "record_id"]

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(_actor_match("speaker", value))

    def filter_record_type(self, queryset, name, value):
        model = "talkschannel" if value == "channel" else value
        return queryset.filter(content_type__model=model)
