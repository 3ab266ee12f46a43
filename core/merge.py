"""A three-way merge of an editor's stale form with the record as it is now.

When a save is refused (core.editing.VersionConflict), the editor's input is merged,
field by field, with the record: the base is the version their form was loaded at (from
the history), "theirs" is the current record, "mine" is what they submitted.

- a field only the other editor changed takes their value;
- a field only this editor changed keeps theirs;
- a field both changed to different values is shown side by side, and the next save
  needs an explicit choice (`keep_<field>` = "mine" or "theirs").

The merged form carries the current version, so a save made from it is refused again
if the record moves on meanwhile: nothing is overwritten without being seen.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.http import QueryDict

from core.dates import PartialDate

CONFLICTS = "merge_conflicts"  # the hidden list of fields still to choose
MINE, THEIRS = "mine", "theirs"
_UNKNOWN = object()  # a base value the history cannot give: never equal to anything


@dataclass(frozen=True)
class FieldConflict:
    """A field both editors changed: the values side by side, as readers see them."""

    name: str
    label: str
    base: str
    theirs: str
    mine: str

    @property
    def choice_name(self) -> str:
        return f"keep_{self.name}"


@dataclass
class Merge:
    """The merged form (bound, carrying the current version) and what the merge did."""

    form: forms.BaseForm
    base_version: int | None
    version: int
    taken: list[str] = field(default_factory=list)  # labels: the other editor's changes
    kept: list[str] = field(default_factory=list)  # labels: this editor's own changes
    conflicts: list[FieldConflict] = field(default_factory=list)


def form_merge(*, form: forms.BaseForm, record: models.Model, base_version: int | None) -> Merge:
    """Merge the valid, refused `form` with `record` (current) on the version it was loaded at."""
    form_class = type(form)
    theirs_data = form_data(form_class, record)
    base = _history_row(record, base_version)
    if base is not None:
        base_data = form_data(form_class, base.instance, form_class.initial_at(base))
        base_values = _cleaned(form_class, base_data, record)
    else:
        base_values = {}
    theirs_values = _cleaned(form_class, theirs_data, record)
    mine_values = form.cleaned_data

    merged = form.data.copy()
    result = Merge(form=form, base_version=base_version, version=record.version)
    for name in _merged_fields(form):
        bound = form[name]
        base_value = _comparable(base_values.get(name, _UNKNOWN))
        theirs_value = _comparable(theirs_values.get(name, _UNKNOWN))
        mine_value = _comparable(mine_values.get(name, _UNKNOWN))
        if mine_value == theirs_value:
            continue
        label = str(bound.label)
        if base_value == mine_value:
            _copy(bound, theirs_data, merged)
            result.taken.append(label)
        elif base_value == theirs_value:
            result.kept.append(label)
        else:
            result.conflicts.append(
                FieldConflict(
                    name=name,
                    label=label,
                    base=_display(bound.field, base_values.get(name)) if base else "?",
                    theirs=_display(bound.field, theirs_values.get(name)),
                    mine=_display(bound.field, mine_values.get(name)),
                )
            )
    merged[form.add_prefix("version")] = str(record.version)
    merged.setlist(CONFLICTS, [conflict.name for conflict in result.conflicts])
    for conflict in result.conflicts:
        merged.pop(conflict.choice_name, None)
    result.form = form_class(merged, instance=record)
    return result


def merge_resolve(*, form_class, data: QueryDict, record: models.Model) -> tuple[QueryDict, Merge]:
    """Apply the choices made on a merge's conflicts to the posted `data`.

    Returns the data to validate (the other editor's value put in where the editor chose
    theirs) and a Merge listing the conflicts still without a choice (none: save).
    """
    names = [name for name in data.getlist(CONFLICTS) if name in form_class.base_fields]
    data = data.copy()
    result = Merge(form=None, base_version=None, version=record.version)
    if not names:
        return data, result
    theirs_data = form_data(form_class, record)
    probe = form_class(theirs_data, instance=record)
    theirs_values = _cleaned(form_class, theirs_data, record)
    mine_form = form_class(data, instance=record)
    mine_form.is_valid()
    for name in names:
        choice = data.get(f"keep_{name}")
        if choice == THEIRS:
            _copy(probe[name], theirs_data, data)
        elif choice != MINE:
            bound = probe[name]
            result.conflicts.append(
                FieldConflict(
                    name=name,
                    label=str(bound.label),
                    base="?",
                    theirs=_display(bound.field, theirs_values.get(name)),
                    mine=_display(bound.field, mine_form.cleaned_data.get(name)),
                )
            )
    data.setlist(CONFLICTS, [conflict.name for conflict in result.conflicts])
    return data, result


def form_data(form_class, instance: models.Model, initial: dict | None = None) -> QueryDict:
    """The POST data that `form_class` would submit unchanged for `instance`."""
    form = form_class(instance=instance, initial=initial)
    data = QueryDict(mutable=True)
    for bound in form:
        for key, values in _field_data(bound, bound.value()).items():
            data.setlist(key, values)
    return data


def _field_data(bound: forms.BoundField, value) -> dict[str, list[str]]:
    widget, name = bound.field.widget, bound.html_name
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        return {
            f"{name}{suffix}": ["" if part is None else str(part)]
            for suffix, part in zip(widget.widgets_names, parts, strict=False)
        }
    if isinstance(widget, forms.CheckboxInput):
        return {name: ["on"] if value else []}
    if getattr(widget, "allow_multiple_selected", False):
        return {name: [str(getattr(v, "pk", v)) for v in value or []]}
    return {name: ["" if value is None else str(getattr(value, "pk", value))]}


def _copy(bound: forms.BoundField, source: QueryDict, target: QueryDict) -> None:
    """Put one field's input (every key its widget reads) from `source` into `target`."""
    widget, name = bound.field.widget, bound.html_name
    keys = (
        [f"{name}{suffix}" for suffix in widget.widgets_names]
        if isinstance(widget, forms.MultiWidget)
        else [name]
    )
    for key in keys:
        target.setlist(key, source.getlist(key))


def _merged_fields(form: forms.BaseForm) -> list[str]:
    return [name for name in form.fields if name != "version"]


def _history_row(record: models.Model, version: int | None):
    """The record's last historical row at `version` (it holds that version's m2m sets)."""
    if version is None or not hasattr(type(record), "history"):
        return None
    return (
        type(record)
        .history.filter(id=record.pk, version=version)
        .order_by("history_date", "history_id")
        .last()
    )


def _cleaned(form_class, data: QueryDict, record: models.Model) -> dict:
    """The form's cleaned values for `data`: a field that does not validate (say, an actor
    rejected since) is left out, so its value counts as unknown."""
    form = form_class(data, instance=record)
    form.is_valid()
    return form.cleaned_data


def _comparable(value):
    if value is _UNKNOWN:
        return value
    if isinstance(value, models.Model):
        return ("pk", value.pk)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return frozenset(_comparable(item) for item in value)
    if value is None:
        return ""
    return value


def _display(form_field: forms.Field, value) -> str:
    """A value as an editor reads it: names for records, labels for choices, dates as given."""
    if value is None or value == "" or value is _UNKNOWN:
        return "—"
    if isinstance(value, models.QuerySet | list | tuple | set):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    choices = getattr(form_field, "choices", None)
    if choices is not None and not isinstance(form_field, forms.ModelChoiceField):
        return str(_flat_choices(choices).get(value, value))
    return str(value)


def _flat_choices(choices) -> dict:
    flat = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat |= dict(label)
        else:
            flat[key] = label
    return flat
