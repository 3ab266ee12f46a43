"""Filters every record list shares: review state, incremental sync and the citing article."""

import datetime as dt

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType

from core.models import ReviewState


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


class FactFilterSet(django_filters.FilterSet):
    review_state = django_filters.MultipleChoiceFilter(choices=ReviewState.choices)
    updated_since = SinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after this time (ISO 8601), for incremental sync",
    )
    article = IdFilter(method="filter_article", label="Cited by this article (id)")

    def filter_article(self, queryset, name, value):
        # `id IN (subquery)`, not a join: a record cited twice by the article is one row,
        # so lists and counts need no DISTINCT. (A method replaces IdFilter.filter, so
        # the range check is repeated here.)
        if not BIGINT_MIN <= value <= BIGINT_MAX:
            return queryset.none()
        from negotiations.models import Evidence  # core must not import apps at load time

        model = queryset.model
        content_type = ContentType.objects.filter(
            app_label=model._meta.app_label, model=model._meta.model_name
        ).values("pk")
        cited = Evidence.objects.filter(article_id=value, content_type__in=content_type)
        return queryset.filter(pk__in=cited.values("object_id"))
