"""django-filter for the API, stricter than for pages: a filter given but empty is a 400.

The pages ignore `?kind=` (an untouched form field); an API consumer who sends an empty
date or choice has made a mistake worth telling them about.
"""

from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

# Empty is a fine value for free text (and for the search box).
TEXT_FIELDS = (forms.CharField,)

# Query parameters that pagination, ordering, search, formats and as-of dates read.
NOT_FILTERS = frozenset({"page", "page_size", "cursor", "ordering", "format", "as_of"})


class StrictFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        # No filter asked for (a plain page): skip building and validating a form whose
        # every filter would be empty and so leave the queryset as it is.
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            others = (
                NOT_FILTERS | {api_settings.SEARCH_PARAM}
            ) - filterset_class.base_filters.keys()
            if request.query_params.keys() <= others:
                return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        for name, field in filterset.form.fields.items():
            values = request.query_params.getlist(name)
            if any(value == "" for value in values) and not _is_text(field):
                errors[name] = ["This filter needs a value."]
        if errors:
            raise ValidationError(errors)
        return filterset


def _is_text(field) -> bool:
    return type(field) in TEXT_FIELDS
