"""The as-of date: the day whose knowledge a page or endpoint shows (today by default)."""

import datetime as dt

from django.db.models import DateField, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from core.dates import EARLIEST, LATEST
from core.models import ReviewState


class AsOfError(ValueError):
    """A malformed or out-of-range as-of date; its message is fit to show the user."""


def today() -> dt.date:
    return timezone.localdate()


def as_of_parse(value: str | None) -> dt.date | None:
    """`YYYY-MM-DD` into a date; empty means today (None). Raises AsOfError otherwise."""
    if not value:
        return None
    try:
        parsed = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise AsOfError(f"“{value[:40]}” is not a date; use YYYY-MM-DD.") from None
    if parsed < EARLIEST:
        raise AsOfError(f"The as-of date must be on or after {EARLIEST.isoformat()}.")
    # Past the last date a record may carry, everything is known: the same as that date.
    return min(parsed, LATEST)


def known_by(as_of: dt.date, prefix: str = "") -> Q:
    """Records known on `as_of`: first reported by then, or entered by an editor by then.

    `first_reported_on` is the earliest source's publication date; a record with
    none (an editor's entry without a dated source) is known from its creation.
    """
    return Q(**{f"{prefix}first_reported_on__lte": as_of}) | Q(
        **{f"{prefix}first_reported_on__isnull": True, f"{prefix}created_at__date__lte": as_of}
    )


def known_on() -> Coalesce:
    """The day a record became known, as `known_by` reads it: its first report, or with
    none its entry by an editor. One expression that no index serves: filtering on it, the
    planner tests the rows it reads otherwise, where known_by's ORed indexed columns can
    lead PostgreSQL to read every record known by then."""
    return Coalesce("first_reported_on", TruncDate("created_at"), output_field=DateField())


def evidence_known_by(as_of: dt.date, prefix: str = "") -> Q:
    """Evidence from articles published by `as_of`; a URL or a note published by then (its
    own `published_on`), or, without that date, added by an editor by then."""
    return (
        Q(**{f"{prefix}article__published_on__lte": as_of})
        | Q(**{f"{prefix}article__isnull": True, f"{prefix}published_on__lte": as_of})
        | Q(
            **{
                f"{prefix}article__isnull": True,
                f"{prefix}published_on__isnull": True,
                f"{prefix}created_at__date__lte": as_of,
            }
        )
    )


def visible(queryset: QuerySet, as_of: dt.date | None) -> QuerySet:
    """What a list shows on `as_of` (None: today): known by then, never a rejected record."""
    queryset = queryset.exclude(review_state=ReviewState.REJECTED)
    return queryset.filter(known_by(as_of)) if as_of is not None else queryset
