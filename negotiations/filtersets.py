"""Filters shared by the pages and the API: one definition of each list's query parameters."""

import django_filters
from django.db.models import Q

from actors.choices import Side
from negotiations.choices import EventKind, EventStatus
from negotiations.models import Event


class EventFilterSet(django_filters.FilterSet):
    """The timeline's filters: who, what kind, which side, which dates."""

    actor = django_filters.CharFilter(method="filter_actor", label="Actor (slug)")
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices)
    side = django_filters.MultipleChoiceFilter(
        choices=Side.choices, field_name="actors__side", distinct=True, label="Side"
    )
    status = django_filters.ChoiceFilter(choices=EventStatus.choices)
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["actor", "kind", "side", "status", "occurred_after", "occurred_before"]

    def filter_actor(self, queryset, name, value):
        # A slug, or an id for API consumers; an unknown one simply matches nothing.
        match = Q(actors__slug=value)
        if value.isdigit():
            match |= Q(actors__id=int(value))
        return queryset.filter(match).distinct()
