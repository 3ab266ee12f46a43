"""Filters every record list shares: review state, incremental sync and the citing article."""

import django_filters

from core.models import ReviewState


class FactFilterSet(django_filters.FilterSet):
    review_state = django_filters.MultipleChoiceFilter(choices=ReviewState.choices)
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after this time (ISO 8601), for incremental sync",
    )
    article = django_filters.NumberFilter(
        field_name="evidence__article",
        distinct=True,
        label="Cited by this article (id)",
    )
