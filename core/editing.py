"""Editors' changes to a record: one path for the site's forms and the API's writes.

Both doors call `record_update`, so validation (the model's `full_clean`), the
optimistic-concurrency check and the review bookkeeping happen in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.models import Fact, Origin, ReviewState


@dataclass(frozen=True)
class EditFollower:
    """What else an edit changes, registered by an app above core (negotiations: the record
    a status change is about takes the status of its latest change; see its apps.py).

    `affected(record)` names the records that depend on `record`; it is asked before and
    after the edit, and `update(records, by)` brings those records up to date.
    """

    affected: Callable[[object], list]
    update: Callable[[list, object], None]


_FOLLOWERS: list[EditFollower] = []


def edit_follower_register(follower: EditFollower) -> None:
    if follower not in _FOLLOWERS:
        _FOLLOWERS.append(follower)


def _affected(record) -> list[tuple[EditFollower, object]]:
    return [(f, dependent) for f in _FOLLOWERS for dependent in f.affected(record)]


def _followers_update(affected: list[tuple[EditFollower, object]], by) -> None:
    for follower in _FOLLOWERS:
        records = [dependent for f, dependent in affected if f is follower]
        if records:
            follower.update(records, by)


# Fields an editor never sets directly: bookkeeping the service maintains.
BOOKKEEPING = {
    "id",
    "origin",
    "created_by",
    "extractor_version",
    "fingerprint",
    "review_state",
    "reviewed_by",
    "reviewed_at",
    "version",
    "created_at",
    "updated_at",
}
# Fields editors see but never set, through a form or the API: a slug is the public
# address (links would break), and when a record became known comes from its sources.
NOT_EDITABLE = BOOKKEEPING | {"slug", "first_reported_on"}


@dataclass(frozen=True)
class FieldChange:
    """One field's change: raw values, and as an editor reads them (names, not ids)."""

    field: str
    label: str
    before: object
    after: object
    before_text: str = ""
    after_text: str = ""


@dataclass(frozen=True)
class M2MSets:
    """The many-to-many sets recorded with historical rows (see history_m2m_rows)."""

    rows: dict = field(default_factory=dict)  # (field name, history_id) -> list of dicts
    names: dict = field(default_factory=dict)  # (field name, related pk) -> display name


class VersionConflict(Exception):
    """Someone saved the record after the editor loaded it; nothing was written.

    `changes` lists what changed meanwhile (from the version the editor loaded to
    the current one), so a form can show it beside the editor's own input.
    """

    def __init__(self, record: Fact, expected: int, changes: list[FieldChange]):
        self.record = record
        self.expected = expected
        self.changes = changes
        super().__init__(
            f"{record._meta.verbose_name.capitalize()} was changed by someone else "
            f"(version {expected} → {record.version})."
        )


def history_changes(old, new, m2m: M2MSets | None = None) -> list[FieldChange]:
    """Readable field changes between two historical rows of the same record.

    `m2m` (from history_m2m_rows) gives the many-to-many sets already loaded for a page
    of rows; without it they are loaded for these two rows (one query per field). A
    foreign key reads as its record's name: select_related them on the rows to keep
    that from querying.
    """
    if old is None or new is None:
        return []
    if m2m is None:
        m2m = history_m2m_rows([old, new])
    m2m_fields = [f.name for f in new._history_m2m_fields]
    excluded = (BOOKKEEPING - {"review_state"}) | set(m2m_fields)
    delta = new.diff_against(old, excluded_fields=sorted(excluded))
    raw = [(change.field, change.old, change.new) for change in delta.changes]
    for name in m2m_fields:
        before = m2m.rows.get((name, old.history_id), [])
        after = m2m.rows.get((name, new.history_id), [])
        if before != after:
            raw.append((name, before, after))
    raw.sort(key=lambda change: change[0])
    meta = new.instance_type._meta
    changes = []
    for name, before, after in raw:
        try:
            model_field = meta.get_field(name)
        except FieldDoesNotExist:  # a field removed since: show its name
            model_field, label = None, name.replace("_", " ")
        else:
            label = model_field.verbose_name
        changes.append(
            FieldChange(
                name,
                str(label),
                before,
                after,
                value_text(model_field, before, row=old, m2m=m2m),
                value_text(model_field, after, row=new, m2m=m2m),
            )
        )
    return changes


def value_text(model_field, value, *, row=None, m2m: M2MSets | None = None) -> str:
    """A historical value as an editor reads it: records by name, choices by label."""
    if model_field is None:
        return "" if value is None else str(value)
    if model_field.many_to_many:
        target = model_field.m2m_reverse_field_name()
        names = m2m.names if m2m else {}
        shown = [
            names.get((model_field.name, item.get(target)), f"#{item.get(target)} (deleted)")
            for item in value or []
        ]
        return ", ".join(sorted(shown))
    if value is None or value == "":
        return ""
    if model_field.many_to_one:
        try:
            related = getattr(row, model_field.name) if row is not None else None
        except ObjectDoesNotExist:
            related = None
        return str(related) if related is not None else f"#{value} (deleted)"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def history_m2m_rows(rows: list) -> M2MSets:
    """The many-to-many sets recorded with each historical row: one query per field.

    Rows are keyed by (field name, history_id), each a list of dicts ordered as
    simple-history's own diff orders them, so history_changes compares like with like;
    the related records' names come in the same query.
    """
    sets = M2MSets()
    if not rows:
        return sets
    history_ids = [row.history_id for row in rows]
    for m2m_field in rows[0]._history_m2m_fields:
        through = getattr(type(rows[0]), m2m_field.name).model  # the historical m2m rows
        names = [
            f.attname if f.many_to_one else f.name
            for f in through._meta.fields
            if f.editable and f.name not in ("id", "m2m_history_id", "history")
        ]
        keys = [name.removesuffix("_id") for name in names]
        order = m2m_field.m2m_reverse_field_name()
        for row in (
            through._default_manager.filter(history_id__in=history_ids)
            .select_related(order)
            .order_by(order)
        ):
            values = {key: getattr(row, name) for key, name in zip(keys, names, strict=True)}
            sets.rows.setdefault((m2m_field.name, row.history_id), []).append(values)
            related = getattr(row, order)
            if related is not None:
                sets.names[(m2m_field.name, related.pk)] = str(related)
    return sets


def changes_since(record: Fact, version: int) -> list[FieldChange]:
    """What changed in `record` after `version` (the one an editor loaded)."""
    history = record.history.order_by("history_date", "history_id")
    old = history.filter(version=version).last()
    new = history.last()
    return history_changes(old, new)


def version_check(record: Fact, expected_version: int | None) -> None:
    """Raise VersionConflict (listing what changed) if `record` moved past the version."""
    if expected_version is not None and record.version != expected_version:
        raise VersionConflict(record, expected_version, changes_since(record, expected_version))


def _mark_reviewed(record: Fact, by, state: str) -> None:
    record.review_state = state
    record.reviewed_by = by
    record.reviewed_at = timezone.now()


@transaction.atomic
def record_update(
    *,
    record: Fact,
    by,
    changes: dict,
    m2m: dict | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Fact:
    """Apply an editor's `changes` (and many-to-many sets) to `record`, or raise.

    Raises VersionConflict when `expected_version` is stale and ValidationError
    (with field names) when the result is invalid; in both cases nothing is saved.
    A machine-made record an editor changes becomes "corrected", so ingestion
    leaves it alone from then on.
    """
    model = type(record)
    locked = model.objects.select_for_update().get(pk=record.pk)
    version_check(locked, expected_version)
    affected_before = _affected(locked)
    unknown = set(changes) & BOOKKEEPING
    if unknown:
        raise ValidationError({name: "This field is not editable." for name in unknown})
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    if locked.origin == Origin.INGESTION:
        _mark_reviewed(locked, by, ReviewState.CORRECTED)
    locked.version += 1
    locked._history_user = by
    if reason:
        locked._change_reason = reason  # shown on the history page (a merge, a revert)
    locked.save()
    for name, values in (m2m or {}).items():
        getattr(locked, name).set(values)
    _followers_update(affected_before + _affected(locked), by)
    return locked


@transaction.atomic
def record_review(*, record: Fact, by, decision: str, expected_version: int | None = None) -> Fact:
    """Confirm or reject a machine-made record (a correction goes through record_update)."""
    if decision not in (ReviewState.CONFIRMED, ReviewState.REJECTED):
        raise ValidationError({"decision": "Choose confirmed or rejected."})
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    version_check(locked, expected_version)
    _mark_reviewed(locked, by, decision)
    locked.version += 1
    locked._history_user = by
    locked.save()
    _followers_update(_affected(locked), by)
    return locked


@transaction.atomic
def record_review_undo(*, record: Fact, by, expected_version: int | None = None) -> Fact:
    """Take back an editor's own confirm or reject: the record is unreviewed again."""
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    version_check(locked, expected_version)
    if (
        locked.review_state not in (ReviewState.CONFIRMED, ReviewState.REJECTED)
        or locked.reviewed_by_id != by.pk
    ):
        raise ValidationError("Only your own confirm or reject can be undone.")
    affected_before = _affected(locked)
    locked.review_state = ReviewState.UNREVIEWED
    locked.reviewed_by = None
    locked.reviewed_at = None
    locked.version += 1
    locked._history_user = by
    locked._change_reason = "Review undone"
    locked.save()
    _followers_update(affected_before + _affected(locked), by)
    return locked


@transaction.atomic
def record_create(*, model: type[Fact], by, fields: dict, m2m: dict | None = None) -> Fact:
    """A record an editor enters: validated, marked as theirs, known from today."""
    record = model(**fields, origin=Origin.EDITOR, created_by=by)
    if not record.first_reported_on:
        record.first_reported_on = timezone.localdate()
    record.full_clean()
    record._history_user = by
    record.save()
    for name, values in (m2m or {}).items():
        getattr(record, name).set(values)
    return record


def model_field_names(model: type[models.Model]) -> list[str]:
    """The concrete fields an editor may set on `model`."""
    return [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False)
        and not f.many_to_many
        and f.name not in NOT_EDITABLE
        and f.editable
    ]
