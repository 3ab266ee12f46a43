"""Filters shared by the pages and the API: one definition of each list's query parameters."""

import django_filters
from django.db.models import Q

from actors.choices import Side
from negotiations.choices import EventKind, EventStatus
from negotiations.models import Event

_EventActor = Event.actors.through


class EventFilterSet(django_filters.FilterSet):
    """The timeline's filters: who, what kind, which side, which dates."""

    actor = django_filters.CharFilter(method="filter_actor", label="Actor (slug)")
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices)
    side = django_filters.MultipleChoiceFilter(
        choices=Side.choices, method="filter_side", label="Side"
    )
    status = django_filters.ChoiceFilter(choices=EventStatus.choices)
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["actor", "kind", "side", "status", "occurred_after", "occurred_before"]

    # Actor and side filters use `id IN (subquery)` rather than a join: no duplicate
    # rows, so no DISTINCT over the whole timeline, and counts stay counts of events.
    def filter_actor(self, queryset, name, value):
        # A slug, or an id for API consumers; an unknown one simply matches nothing.
        match = Q(actor__slug=value)
        if value.isdigit():
            match |= Q(actor_id=int(value))
        return queryset.filter(id__in=_EventActor.objects.filter(match).values("event_id"))

    def filter_side(self, queryset, name, value):
        if not value:
            return queryset
        linked = _EventActor.objects.filter(actor__side__in=value).values("event_id")
        return queryset.filter(id__in=linked)
