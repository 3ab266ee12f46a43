"""A record's history: who changed what and when, with a readable diff and a revert."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.editing import (
    BOOKKEEPING,
    VersionConflict,
    history_changes,
    history_m2m_rows,
    model_field_names,
    record_update,
)
from core.pages import posted_version
from core.permissions import editor_required
from negotiations.records import record_url
from negotiations.views.editing import _model
from sources.models import Evidence

HISTORY_LIMIT = 200


def _who(row) -> str:
    if row.history_user_id:
        return row.history_user.get_username()
    if getattr(row, "origin", "") == "ingestion":
        return f"ingestion {row.extractor_version}".strip()
    return "system"


def _entries(rows: list) -> list[dict]:
    """Oldest first in, newest first out: one entry per version, diffed against the one
    before. A save and its many-to-many sets are recorded as several rows of one version;
    the entry's `row` is its last (the version as it stood), `first` its first."""
    groups: list[list] = []
    for row in rows:
        if groups and _same_version(groups[-1][-1], row):
            groups[-1].append(row)
        else:
            groups.append([row])
    m2m = history_m2m_rows(rows)
    entries, previous = [], None
    for group in groups:
        first, last = group[0], group[-1]
        entries.append(
            {
                "row": last,
                "first": first,
                "who": ", ".join(dict.fromkeys(_who(row) for row in group)),
                "reason": next(
                    (r.history_change_reason for r in group if r.history_change_reason), ""
                ),
                "changes": history_changes(previous, last, m2m),
            }
        )
        previous = last
    return entries[::-1]


def _same_version(row, following) -> bool:
    return (
        row.version == following.version
        and row.history_type != "-"
        and following.history_type != "-"
    )


def _related_names(model) -> list[str]:
    """The record's foreign keys a diff shows by name, joined with its history rows."""
    return [
        f.name for f in model._meta.concrete_fields if f.many_to_one and f.name not in BOOKKEEPING
    ]


@editor_required
def record_history(request, model_name: str, pk: int):
    model = _model(model_name)
    record = model.objects.filter(pk=pk).first()
    rows = list(
        model.history.filter(id=pk)
        .select_related("history_user", *_related_names(model))
        .order_by("history_date", "history_id")[:HISTORY_LIMIT]
    )
    if record is None and not rows:
        raise Http404("No such record.")
    content_type = ContentType.objects.get_for_model(model)
    evidence_rows = (
        Evidence.history.filter(content_type_id=content_type.pk, object_id=pk)
        .select_related("history_user", "article")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    context = {
        "record": record,
        "record_url": record_url(record) if record else "",
        "model_name": model_name,
        "verbose_name": model._meta.verbose_name,
        "entries": _entries(rows),
        "evidence_rows": [{"row": row, "who": _who(row)} for row in evidence_rows],
    }
    return render(request, "negotiations/history/record_history.html", context)


def _version_row(model, pk: int, history_id: int):
    """The version a history row belongs to, as it stood: its last row (with its sets)."""
    chosen = get_object_or_404(model.history, id=pk, history_id=history_id)
    if chosen.history_type == "-":
        raise Http404("A deletion is not a version to revert to.")
    return (
        model.history.filter(id=pk, version=chosen.version)
        .exclude(history_type="-")
        .select_related(*_related_names(model))
        .order_by("history_date", "history_id")
        .last()
    )


@editor_required
def record_version(request, model_name: str, pk: int, history_id: int):
    """A past version, before reverting to it: what reverting would change, and a form
    that asks to confirm (record_revert does it)."""
    model = _model(model_name)
    record = get_object_or_404(model, pk=pk)
    past = _version_row(model, pk, history_id)
    current = (
        model.history.filter(id=pk)
        .select_related(*_related_names(model))
        .order_by("history_date", "history_id")
        .last()
    )
    changes = history_changes(current, past) if current else []
    context = {
        "record": record,
        "record_url": record_url(record),
        "model_name": model_name,
        "verbose_name": model._meta.verbose_name,
        "past": past,
        "changes": [change for change in changes if change.field in _revertible(model)],
    }
    return render(request, "negotiations/history/record_version.html", context)


@require_POST
@editor_required
def record_revert(request, model_name: str, pk: int, history_id: int):
    """Put the record back as it was at a chosen version: itself a recorded change."""
    model = _model(model_name)
    record = get_object_or_404(model, pk=pk)
    past = _version_row(model, pk, history_id)
    changes = {name: getattr(past, _attname(model, name)) for name in model_field_names(model)}
    changes = {name: _resolve(model, name, value) for name, value in changes.items()}
    try:
        record_update(
            record=record,
            by=request.user,
            changes=changes,
            m2m=_past_m2m(past),
            expected_version=posted_version(request),
            reason=f"reverted to version {past.version}",
        )
    except VersionConflict as error:
        messages.error(request, f"{error} Nothing was reverted; look again.")
    except ValidationError as error:
        messages.error(request, "Cannot revert: " + " ".join(error.messages))
    else:
        messages.success(request, f"Reverted to version {past.version}.")
    return redirect("negotiations:record_history", model_name, pk)


def _past_m2m(past) -> dict:
    """The many-to-many sets the history recorded with `past` (those still existing)."""
    sets = {}
    for field in past._history_m2m_fields:
        target = field.m2m_reverse_field_name()  # the through row's FK to the related record
        ids = getattr(past, field.name).values_list(f"{target}_id", flat=True)
        sets[field.name] = list(field.related_model.objects.filter(pk__in=list(ids)))
    return sets


def _revertible(model) -> set[str]:
    """What a revert puts back: the fields an editor sets and the many-to-many sets."""
    return set(model_field_names(model)) | {f.name for f in model._meta.many_to_many}


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


def _resolve(model, name: str, value):
    """A historical foreign key is an id; the record needs the object (or None if gone)."""
    field = model._meta.get_field(name)
    if field.is_relation and value is not None:
        return field.related_model.objects.filter(pk=value).first()
    return value
