"""A record's statuses over time: each status, from when to when, and what changed it.

The history follows the same status changes as the as-of status (`status_changes`:
occurred, not rejected, known and occurred by the day viewed), so the strip on a record
page and the status it shows never disagree. Two queries whatever the number of changes:
the changes, and their evidence.
"""

import datetime as dt
from dataclasses import dataclass

from core.asof import known_by, today
from core.dates import PartialDate
from negotiations.models import Event
from negotiations.selectors.records import status_changes
from sources.models import Evidence
from sources.selectors import evidence_prefetch

STRIP_WIDTH = 1000  # the strip's viewBox width; spells are laid out on it


@dataclass(frozen=True)
class StatusSpell:
    """One status held from `since` until the next change (or still, on the day viewed)."""

    status: str  # the status code; "" when no source gave the status before the first change
    since: PartialDate | None  # None when the record's own date is not known
    until: PartialDate | None  # None: still held on the day viewed
    change: Event | None  # the development that set it; None for the status first reported
    evidence: list[Evidence]  # the change's sources, or the record's for the first status
    x: float = 0  # where it sits on the strip (0..STRIP_WIDTH)
    width: float = 0


@dataclass(frozen=True)
class StatusHistory:
    spells: list[StatusSpell]
    start: dt.date
    end: dt.date  # the day viewed, or the last change's end if later

    @property
    def width(self) -> int:
        return STRIP_WIDTH


def status_history(record, *, link: str, as_of: dt.date | None = None) -> StatusHistory | None:
    """The statuses of `record` (an offer, channel or indictment loaded through its list
    selector, so with `status_as_of` and `evidence_spans`), `link` its name on Event
    ("offer"); None when it has neither a status nor a change."""
    day = as_of or today()
    changes = status_changes(**{link: record}).filter(occurred_on__lte=day)
    if as_of is not None:
        changes = changes.filter(known_by(as_of))
    changes = list(
        changes.select_related(None)
        .prefetch_related(evidence_prefetch(as_of))
        .order_by("occurred_on", "id")
    )
    first_status = (record.initial_status or "") if changes else (record.status_as_of or "")
    if not changes and not first_status:
        return None
    dates = [record.partial_date] + [change.partial_date for change in changes]
    statuses = [first_status] + [change.status_to for change in changes]
    sources = [record.evidence_spans] + [change.evidence_spans for change in changes]
    known = [d for d in dates if d is not None]
    start = min(d.start for d in known) if known else day
    end = max([day, *(d.end for d in known)])
    span = max((end - start).days, 1)
    # A status whose start is not known gets a token width at the strip's start.
    unknown = STRIP_WIDTH * 0.08 if dates[0] is None else 0.0

    def x_of(date: dt.date) -> float:
        return round(unknown + (date - start).days / span * (STRIP_WIDTH - unknown), 1)

    spells = []
    for i, (status, since, evidence) in enumerate(zip(statuses, dates, sources, strict=True)):
        until = dates[i + 1] if i + 1 < len(dates) else None
        left = 0.0 if since is None else x_of(since.start)
        right = STRIP_WIDTH if until is None else x_of(until.start)
        spells.append(
            StatusSpell(
                status=status,
                since=since,
                until=until,
                change=changes[i - 1] if i else None,
                evidence=evidence,
                x=left,
                width=round(max(right - left, 3.0), 1),
            )
        )
    return StatusHistory(spells=spells, start=start, end=end)
