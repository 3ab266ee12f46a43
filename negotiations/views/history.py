"""A record's history: who changed what and when, with a readable diff and a revert."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.editing import (
    VersionConflict,
    history_changes,
    history_m2m_rows,
    model_field_names,
    record_update,
)
from core.pages import posted_version
from core.permissions import editor_required
from negotiations.models import Evidence
from negotiations.records import record_url
from negotiations.views.editing import _model

HISTORY_LIMIT = 200


def _who(row) -> str:
    if row.history_user_id:
        return row.history_user.get_username()
    if getattr(row, "origin", "") == "ingestion":
        return f"ingestion {row.extractor_version}".strip()
    return "system"


def _with_diffs(rows: list) -> list[dict]:
    """Oldest first in, newest first out, each row diffed against the one before it."""
    entries, previous = [], None
    m2m_rows = history_m2m_rows(rows)
    for row in rows:
        changes = history_changes(previous, row, m2m_rows)
        entries.append({"row": row, "who": _who(row), "changes": changes})
        previous = row
    return entries[::-1]


@editor_required
def record_history(request, model_name: str, pk: int):
    model = _model(model_name)
    record = model.objects.filter(pk=pk).first()
    rows = list(
        model.history.filter(id=pk)
        .select_related("history_user")
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
        "entries": _with_diffs(rows),
        "evidence_rows": [{"row": row, "who": _who(row)} for row in evidence_rows],
    }
    return render(request, "negotiations/history/record_history.html", context)


@require_POST
@editor_required
def record_revert(request, model_name: str, pk: int, history_id: int):
    """Put the record back as it was at a chosen version: itself a recorded change."""
    model = _model(model_name)
    record = get_object_or_404(model, pk=pk)
    past = get_object_or_404(model.history, id=pk, history_id=history_id)
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


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


def _resolve(model, name: str, value):
    """A historical foreign key is an id; the record needs the object (or None if gone)."""
    field = model._meta.get_field(name)
    if field.is_relation and value is not None:
        return field.related_model.objects.filter(pk=value).first()
    return value
