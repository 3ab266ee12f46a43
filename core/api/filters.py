"""django-filter for the API: an empty parameter is no filter (as on the pages, through
core.filtersets.FilterSet), a bad value a 400 naming it, and so is a filter that takes one
value given twice (the last one would silently win)."""

from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

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
        errors = {
            name: ["Give this filter once."]
            for name, field in filterset.form.fields.items()
            if len(request.query_params.getlist(name)) > 1
            and not isinstance(field, forms.MultipleChoiceField)
        }
        if errors:
            raise ValidationError(errors)
        return filterset
