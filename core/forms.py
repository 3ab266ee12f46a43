"""Form pieces every editing form shares: partial dates, the edit version, service errors."""

import calendar
import datetime as dt
from collections import Counter

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from core.dates import DatePrecision, PartialDate
from core.filtersets import BIGINT_MAX, BIGINT_MIN

# Up to this many records a picker lists them all; beyond, only the chosen ones, and the
# type-ahead finds the others (5,000 actors made every editors' form 500 KB and a second).
PICKER_MAX = 200

MONTHS = [("", "—")] + [(str(n), calendar.month_abbr[n]) for n in range(1, 13)]
PRECISIONS = [("", "as given")] + list(DatePrecision.choices)


class PartialDateWidget(forms.MultiWidget):
    template_name = "core/widgets/partial_date.html"

    def __init__(self, attrs=None):
        widgets = {
            "year": forms.NumberInput(attrs={"min": 1900, "max": 2100, "size": 5}),
            "month": forms.Select(choices=MONTHS),
            "day": forms.NumberInput(attrs={"min": 1, "max": 31, "size": 3}),
            "precision": forms.Select(choices=PRECISIONS),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, PartialDate):
            day = value.value
            month = day.month if value.precision != DatePrecision.YEAR else None
            return [day.year, month, day.day if value.precision == DatePrecision.DAY else None,
                    value.precision]  # fmt: skip
        return [None, None, None, None]


class PartialDateField(forms.MultiValueField):
    """A year, an optional month and day, and a precision (derived when left "as given").

    Precision "day" without a day (or "month" without a month) is an error, never a
    guessed date.
    """

    widget = PartialDateWidget

    def __init__(self, **kwargs):
        fields = (
            forms.IntegerField(min_value=1900, max_value=2100, required=False),
            forms.TypedChoiceField(choices=MONTHS, coerce=int, empty_value=None, required=False),
            forms.IntegerField(min_value=1, max_value=31, required=False),
            forms.ChoiceField(choices=PRECISIONS, required=False),
        )
        kwargs.setdefault("help_text", "A year; add a month and a day only when the source does.")
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list) -> PartialDate | None:
        if not data_list:
            return None
        year, month, day, precision = (list(data_list) + [None] * 4)[:4]
        if year in (None, ""):
            if month or day:
                raise ValidationError("Give the year.", code="no_year")
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        if not precision:
            precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else "year"
        if precision in (DatePrecision.MONTH, DatePrecision.DAY) and not month:
            raise ValidationError(f"A {precision}-precision date needs a month.", code="no_month")
        if precision == DatePrecision.DAY and not day:
            raise ValidationError("A day-precision date needs a day.", code="no_day")
        try:
            value = dt.date(year, month or 1, day or 1)
        except ValueError:
            raise ValidationError("No such date.", code="invalid_date") from None
        return PartialDate(value, precision)


class IdsField(forms.ModelMultipleChoiceField):
    """A multi-select of records by id that refuses an id no 64-bit key can hold, before
    querying: some databases raise on such a number (a 500) instead of finding nothing."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            for key in value:
                _check_id(key, self.error_messages["invalid_pk_value"])
        return super().clean(value)


class _DistinctLabels(forms.models.ModelChoiceIterator):
    """Options named by each record's `label` (else its str), with the record number
    added where two would read the same. The records are read once, as a list: give the
    field a queryset that loads what the labels read (select_related, prefetch_related)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        records = list(self.queryset)
        labels = [self.field.label_from_instance(record) for record in records]
        seen = Counter(labels)
        for record, label in zip(records, labels, strict=True):
            if seen[label] > 1:
                label = f"{label} (#{record.pk})"
            yield (
                forms.models.ModelChoiceIteratorValue(self.field.prepare_value(record), record),
                label,
            )


class IdField(forms.ModelChoiceField):
    """A select of one record by id, with IdsField's range check; options read apart."""

    iterator = _DistinctLabels

    def label_from_instance(self, obj) -> str:
        return getattr(obj, "label", None) or str(obj)

    def to_python(self, value):
        _check_id(value, self.error_messages["invalid_choice"])
        return super().to_python(value)


def _check_id(key, message: str) -> None:
    text = str(key).strip()
    if text.lstrip("-").isdecimal() and not BIGINT_MIN <= int(text) <= BIGINT_MAX:
        raise ValidationError(message, code="invalid_pk_value", params={"pk": text[:30]})


def record_formfield(field, **kwargs):
    """Meta.formfield_callback of every RecordForm: related records through IdField(s)."""
    if isinstance(field, models.ManyToManyField):
        return field.formfield(form_class=IdsField, **kwargs)
    if isinstance(field, models.ForeignKey):
        return field.formfield(form_class=IdField, **kwargs)
    return field.formfield(**kwargs)


class VersionedForm(forms.Form):
    """Mixin for editing forms: the version the editor loaded, and service errors shown in place."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # model field name -> form field name, for errors the service raises on model fields
    error_fields: dict[str, str] = {}

    def apply_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names (else above the form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            target = self.error_fields.get(name, name)
            if target == NON_FIELD_ERRORS or target not in self.fields:
                target = None
            for message in messages:
                self.add_error(target, message)


class RecordForm(VersionedForm, forms.ModelForm):
    """A record's ModelForm whose validation is the service's (model.full_clean in
    core.editing), exactly as for the API; the form only parses the input."""

    # form field name -> model field prefix: "offered" edits offered_on and offered_precision
    partial_dates: dict[str, str] = {}
    # form fields that are not model fields (the subclass handles them)
    extra_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.error_fields = {}
        for name, prefix in self.partial_dates.items():
            self.error_fields |= {f"{prefix}_on": name, f"{prefix}_precision": name}
            if instance.pk and name not in self.initial:
                self.initial[name] = getattr_partial(instance, prefix)
        if instance.pk:
            self.initial.setdefault("version", instance.version)
            # Without the version loaded, the service could not refuse a stale save.
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = (
                "The form came without the version you loaded; reload the page and try again."
            )

    @classmethod
    def initial_at(cls, row) -> dict:
        """Initial values, at a historical row, of the fields the row keeps apart from its
        own columns: its many-to-many sets (core.merge builds the form as it was)."""
        initial = {}
        for field in row._history_m2m_fields:
            if field.name in cls._meta.fields:
                target = f"{field.m2m_reverse_field_name()}_id"
                initial[field.name] = list(getattr(row, field.name).values_list(target, flat=True))
        return initial

    def _post_clean(self) -> None:
        # The service validates the whole record (model.full_clean); see the module doc.
        pass

    def changes(self) -> dict:
        """Model field values from the input, for record_create / record_update."""
        data = self.cleaned_data
        m2m = {f.name for f in self._meta.model._meta.many_to_many}
        changes = {
            name: data[name]
            for name in self._meta.fields
            if name in data and name not in m2m and name not in self.partial_dates
        }
        for name, prefix in self.partial_dates.items():
            value = data.get(name)
            changes[f"{prefix}_on"] = value.value if value else None
            changes[f"{prefix}_precision"] = value.precision if value else DatePrecision.DAY
        return changes

    def m2m(self) -> dict:
        names = {f.name for f in self._meta.model._meta.many_to_many}
        return {name: list(self.cleaned_data[name]) for name in self._meta.fields if name in names}


def getattr_partial(instance, prefix: str) -> PartialDate | None:
    value = getattr(instance, f"{prefix}_on")
    return PartialDate(value, getattr(instance, f"{prefix}_precision")) if value else None


class _ChosenWhenMany:
    """A select of records that, past PICKER_MAX of them, renders only the chosen options
    (one query each way to know which), named as the field names them; the page's script
    (static/js/editing.js) adds what the editor finds by typing. Validation still takes
    any record of the field's queryset. As Django admin's autocomplete widgets do."""

    def optgroups(self, name, value, attrs=None):
        queryset = self.choices.queryset
        if queryset[: PICKER_MAX + 1].count() <= PICKER_MAX:
            return super().optgroups(name, value, attrs)
        field = self.choices.field
        chosen = [str(v) for v in value if str(v) not in field.empty_values]
        options = []
        if not self.allow_multiple_selected:
            options.append(self.create_option(name, "", field.empty_label, False, 0))
        ids = [v for v in chosen if v.isdecimal()]
        for record in queryset.filter(pk__in=ids) if ids else []:
            label = field.label_from_instance(record)
            options.append(self.create_option(name, str(record.pk), label, True, len(options)))
        return [(None, options, 0)]


class PickerSelect(_ChosenWhenMany, forms.Select):
    """One record (a maker, an authority, the offer a development concerns)."""


class PickerSelectMultiple(_ChosenWhenMany, forms.SelectMultiple):
    """Several records (recipients, participants, defendants)."""


def picker(field: forms.ModelChoiceField, *, search_url: str, noun: str) -> None:
    """Make `field` a picker: its select (every option up to PICKER_MAX, else the chosen
    ones) with a type-ahead over `search_url` (`?q=` answering {"results": [{"id",
    "name"}]}), which static/js/editing.js adds; `noun` names what is picked."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    attrs = {**field.widget.attrs, "data-search": search_url, "data-search-noun": noun}
    field.widget = (PickerSelectMultiple if multiple else PickerSelect)(attrs=attrs)
    field.widget.is_required = field.required
    field.widget.choices = field.choices  # as the field's queryset setter does
