"""Filters every record list shares: review state, incremental sync and the citing article.

Every filterset, for pages and API alike, takes an empty parameter (`?side=`, a form field
left untouched) as no filter; a value that is not one (`?side=nobody`) is an error naming
the parameter.
"""

import datetime as dt

import django_filters
from django import forms

from core.models import ReviewState


class FilterSet(django_filters.FilterSet):
    """A FilterSet for which an empty parameter means no filter, as if it were absent."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            data = data.copy()
            for name in list(data):
                values = [value for value in data.getlist(name) if value != ""]
                if values:
                    data.setlist(name, values)
                else:
                    del data[name]
        super().__init__(data, *args, **kwargs)


class ColumnChoicesFilter(django_filters.MultipleChoiceFilter):
    """Any of several values of one of the record's columns, or of a record it points to:
    no row can match twice, so no DISTINCT, django-filter's default for this filter, which
    made PostgreSQL de-duplicate every matching row before taking a page (the timeline of
    one kind: 162 ms of a query at a million events)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A record id: a whole number (NumberFilter alone takes decimals)."""

    field_class = forms.IntegerField

    def filter(self, qs, value):
        if value is not None and not BIGINT_MIN <= value <= BIGINT_MAX:
            return qs.none()  # no row has it, and the database would refuse the number
        return super().filter(qs, value)


BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1


class SinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_at >= value`, sent to the database in UTC (it refuses offsets over 15:59)."""

    def filter(self, qs, value):
        if value is None:
            return qs
        try:
            value = value.astimezone(dt.UTC)
        except OverflowError:  # beyond year 1 or 9999 in UTC: before or after everything
            return qs if value.year < 2 else qs.none()
        return qs.filter(**{f"{self.field_name}__gte": value})


class FactFilterSet(FilterSet):
    review_state = ColumnChoicesFilter(choices=ReviewState.choices)
    updated_since = SinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after this time (ISO 8601), for incremental sync",
    )
    article = IdFilter(
        field_name="evidence__article",
        distinct=True,
        label="Cited by this article (id)",
    )
