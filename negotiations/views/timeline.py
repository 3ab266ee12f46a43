"""The timeline: developments placed by date, filtered from the URL, one window at a time."""

import csv
import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from actors.choices import Side
from actors.selectors import actor_list, actor_resolve
from core.asof import AsOfError, as_of_parse, today
from core.dates import DatePrecision, format_partial_date
from core.filtersets import BIGINT_MAX
from core.forms import PICKER_MAX
from core.keyset import keyset_after
from core.pages import as_of_context
from negotiations.charts import period_chart
from negotiations.choices import EventKind, EventStatus
from negotiations.filtersets import EventFilterSet
from negotiations.models import Event
from negotiations.selectors import (
    development_period_counts,
    event_export_rows,
    event_list,
    event_period_counts,
)
from negotiations.selectors.labels import with_offer_labels
from negotiations.timeline_svg import event_is_ahead, timeline_svg
from negotiations.zoom import DEFAULT, PRESETS, Zoom, zoom_of

PAGE_SIZE = 50
KEYS = ("occurred_on", "id")
NEWEST_FIRST = ("-occurred_on", "-id")
_POSITION = re.compile(r"(\d{4}-\d{2}-\d{2})\.(\d{1,19})")


@dataclass(frozen=True)
class Page:
    """A window of the list, newest first, placed by keyset: `?after=` the last row's
    position for older rows, `?before=` the first row's for newer ones (no page numbers,
    so a page deep in the list costs what the first does)."""

    total: int
    newer: str | None  # the `before=` value for the newer rows, when there are any
    older: str | None  # the `after=` value for the older rows, when there are any
    is_first: bool


def position_key(event: Event) -> str:
    """A row's position in the URL: `2024-08-01.123` (its date, then its id)."""
    return f"{event.occurred_on.isoformat()}.{event.pk}"


def _iso_date(raw: str) -> dt.date | None:
    """YYYY-MM-DD, or None (fromisoformat alone would also take 20240801)."""
    try:
        return dt.date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None


def _position(raw: str) -> tuple[dt.date, int] | None:
    match = _POSITION.fullmatch(raw.strip())
    if not match or int(match[2]) > BIGINT_MAX:
        return None
    day = _iso_date(match[1])
    return (day, int(match[2])) if day else None


def _seek(request: HttpRequest) -> tuple[str, tuple[dt.date, int] | dt.date] | None:
    """Where the list starts: ("after" | "before", (date, id)), ("date", date), or None for
    the newest rows; a malformed value, or more than one, is ignored with a message."""
    given = [name for name in ("after", "before", "date") if request.GET.get(name, "").strip()]
    if not given:
        return None
    name, *ignored = given
    if ignored:
        messages.warning(request, f"Only one of after, before and date applies; using “{name}”.")
    raw = request.GET[name].strip()
    if name == "date":
        day = _iso_date(raw)
        if day is None:
            messages.warning(
                request,
                f"“{raw[:20]}” is not a date (YYYY-MM-DD); showing the newest developments.",
            )
            return None
        return name, day
    position = _position(raw)
    if position is None:
        messages.warning(
            request,
            f"“{raw[:30]}” is not a position in the timeline (a date and a number, as in "
            "2024-08-01.123); showing the newest developments.",
        )
        return None
    return name, position


def _page(events: QuerySet[Event], seek, total: int) -> tuple[list[Event], Page]:
    """One window of at most PAGE_SIZE rows and the positions either side of it, in at
    most two queries (plus the rows' prefetches) whatever the depth."""
    if seek is None:
        rows = list(events.order_by(*NEWEST_FIRST)[: PAGE_SIZE + 1])
        more_older, more_newer = len(rows) > PAGE_SIZE, False
        rows = rows[:PAGE_SIZE]
    elif seek[0] == "before":  # newer than the position: read upwards, then turn round
        rows = list(events.filter(keyset_after(KEYS, seek[1])).order_by(*KEYS)[: PAGE_SIZE + 1])
        more_newer = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE][::-1]
        more_older = bool(rows) and _beyond(events, rows[-1], descending=True)
    else:
        if seek[0] == "date":  # the list starts at that date: the rows on it and older
            older = Q(occurred_on__lte=seek[1])
        else:
            older = keyset_after(KEYS, seek[1], descending=True)
        rows = list(events.filter(older).order_by(*NEWEST_FIRST)[: PAGE_SIZE + 1])
        more_older = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        more_newer = bool(rows) and _beyond(events, rows[0], descending=False)
    page = Page(
        total=total,
        newer=position_key(rows[0]) if rows and more_newer else None,
        older=position_key(rows[-1]) if rows and more_older else None,
        is_first=seek is None,
    )
    return rows, page


def _beyond(events: QuerySet[Event], row: Event, *, descending: bool) -> bool:
    """Whether any row (of the same filters) lies past `row`: one indexed EXISTS."""
    position = (row.occurred_on, row.pk)
    return events.filter(keyset_after(KEYS, position, descending=descending)).exists()


def _without(query: QueryDict, *names: str) -> QueryDict:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query


def _valid_filters(request: HttpRequest, as_of: dt.date | None) -> QueryDict:
    """The GET filters, minus any bad value, each dropped with a visible message; the
    actor, given by slug or name, becomes its slug."""
    data = request.GET.copy()
    actor = data.get("actor", "").strip()
    if actor:
        slug = actor_resolve(text=actor, as_of=as_of)
        if slug is None:
            messages.warning(
                request, f"No actor “{actor[:40]}” is known; the actor filter is ignored."
            )
            data.pop("actor")
        else:
            data["actor"] = slug
    form = EventFilterSet(data).form
    if form.is_valid():
        return data
    for name, errors in form.errors.items():
        label = form.fields[name].label or name
        messages.warning(request, f"{label}: {' '.join(errors)} This filter is ignored.")
        allowed = {str(v) for v, _ in getattr(form.fields[name], "choices", [])}
        kept = [v for v in data.getlist(name) if v in allowed] if allowed else []
        data.setlist(name, kept)
    return data


# Filters the developments-per-period summary can answer; others count the filtered events.
SUMMARISED = {"kind", "status"}


def _period_counts(
    data: QueryDict, events: QuerySet[Event], as_of: dt.date | None, zoom: Zoom
) -> list[dict]:
    # The totals page the list, so they must be exact: the summary's, for a preset's span
    # too (from its first day); counted from the events under any other filter.
    filtered = any(data.get(n) for n in EventFilterSet.base_filters if n not in SUMMARISED)
    if filtered:
        return event_period_counts(events)
    return development_period_counts(
        as_of=as_of, kinds=data.getlist("kind"), status=data.get("status", ""), since=zoom.since
    )


def _date(value: str) -> dt.date | None:
    """A date filter's value as the filter reads it (its formats), or None."""
    try:
        return forms.DateField(required=False).clean(value.strip()) if value else None
    except ValidationError:
        return None


def _zoom(key: str, data: QueryDict, *, day: dt.date) -> Zoom:
    since, until = _date(data.get("occurred_after", "")), _date(data.get("occurred_before", ""))
    return zoom_of(key, day=day, since=since, until=until)


def _zoomed(events: QuerySet[Event], zoom: Zoom) -> QuerySet[Event]:
    """A preset's span as a filter (a chosen range is the filterset's own dates)."""
    if zoom.key in PRESETS and zoom.since is not None:
        return events.filter(occurred_on__gte=zoom.since)
    return events


def _zoom_key(request: HttpRequest) -> str:
    key = request.GET.get("zoom", "").strip() or DEFAULT
    if key not in PRESETS:
        messages.warning(
            request, f"“{key[:20]}” is not a time span (year, 5years or all); showing everything."
        )
        return DEFAULT
    return key


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    context = as_of_context(request)
    as_of = context["as_of"]
    day = as_of or today()
    # (slug, name) pairs, at most one more than the <select> lists: with more actors than
    # that the filter is a text field, and no request reads thousands of names.
    actors = list(
        actor_list(as_of=as_of).prefetch_related(None).values_list("slug", "name")[: PICKER_MAX + 1]
    )
    data = _valid_filters(request, as_of)
    zoom = _zoom(_zoom_key(request), data, day=day)
    # The subject link names an offer by its label.
    events = with_offer_labels(event_list(as_of=as_of), via="offer__")
    events = _zoomed(EventFilterSet(data, queryset=events).qs, zoom)
    counts = _period_counts(data, events, as_of, zoom)
    total = sum(row["n"] for row in counts)
    seek = _seek(request)
    rows, page = _page(events, seek, total)
    if seek is not None and not rows and total:
        where = "on or before that date" if seek[0] == "date" else "past that position"
        messages.warning(request, f"No development lies {where}; showing the newest.")
        rows, page = _page(events, None, total)
    for event in rows:
        event.is_ahead = event_is_ahead(event, day)
        # The list is grouped by month, or by year for what is known only to the year.
        event.group_label = format_partial_date(
            event.occurred_on,
            DatePrecision.YEAR
            if event.occurred_precision == DatePrecision.YEAR
            else DatePrecision.MONTH,
        )
    # The lanes' axis spans the zoomed window where this page's rows reach its ends.
    until = zoom.until or (day if zoom.key in PRESETS and zoom.key != DEFAULT else None)
    svg = timeline_svg(
        rows,
        day=day,
        since=None if page.older else zoom.since,
        until=None if page.newer else until,
    )
    filters = ("actor", "status", "side", "kind")
    context.update(
        events=rows,
        page=page,
        svg=svg,
        zoom=zoom,
        zooms=[(key, label) for key, (label, _) in PRESETS.items()],
        # What each of the two forms must carry of the other's choices.
        zoom_keep=[(name, value) for name in filters for value in data.getlist(name)],
        filters_keep=[
            (name, value)
            for name in ("zoom", "occurred_after", "occurred_before")
            for value in request.GET.getlist(name)
            if value
        ],
        filters_active=sum(1 for name in filters if data.getlist(name)),
        chart=period_chart(counts),
        day=day,
        # Up to PICKER_MAX actors the filter lists them all in a <select>; more, and
        # it is a text field (a name or slug, resolved here) with suggestions.
        actors=actors if len(actors) <= PICKER_MAX else None,
        selected={
            "actor": data.get("actor", ""),
            "kind": set(data.getlist("kind")),
            "side": set(data.getlist("side")),
            "status": data.get("status", ""),
            "occurred_after": data.get("occurred_after", ""),
            "occurred_before": data.get("occurred_before", ""),
            "date": seek[1].isoformat() if seek and seek[0] == "date" else "",
        },
        is_filtered=any(data.get(k) for k in EventFilterSet.base_filters) or zoom.key != DEFAULT,
        kinds=EventKind.choices,
        sides=Side.choices,
        statuses=EventStatus.choices,
        # The CSV holds every filtered row, not this window of them.
        csv_query=_without(request.GET, "after", "before", "date").urlencode(),
    )
    # The footer's "found everywhere" links: this view's feed, and its rows as CSV.
    feed_query = _feed_query(data)
    context["page_feed_url"] = reverse("feed-developments") + (
        f"?{feed_query}" if feed_query else ""
    )
    if total:
        query = context["csv_query"]
        context["page_csv_url"] = reverse("negotiations:timeline_csv") + (
            f"?{query}" if query else ""
        )
    return render(request, "negotiations/timeline.html", context)


def _feed_query(data: QueryDict) -> str:
    """The filters the Atom feed honours, as a query string."""
    query = QueryDict(mutable=True)
    for name in ("actor", "kind"):
        query.setlist(name, [v for v in data.getlist(name) if v])
    return query.urlencode()


# --- CSV ----------------------------------------------------------------------------
CSV_HEADER = (
    "id",
    "date",
    "date_start",
    "precision",
    "status",
    "kind",
    "title",
    "actors",
    "offer_id",
    "channel_id",
    "indictment_id",
    "first_reported_on",
    "url",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(rows, *, day: dt.date, base_url: str):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for pk, on, precision, status, kind, title, names, offer, channel, indictment, known in rows:
        if status == EventStatus.OCCURRED and on > day:
            status = EventStatus.SCHEDULED  # not yet happened on the day viewed
        url = base_url + reverse("negotiations:event", args=[pk])
        cells = (pk, format_partial_date(on, precision), on.isoformat(), precision, status, kind)
        # SQLite's GROUP_CONCAT cannot sort; PostgreSQL's names come sorted already.
        names = "; ".join(sorted(names.split("; "))) if names else ""
        cells += (title, names, offer, channel, indictment, known, url)
        yield writer.writerow([csv_cell(c) for c in cells])


@require_GET
def timeline_csv(request: HttpRequest) -> HttpResponse:
    """The filtered timeline as CSV, streamed; bad input is a 400 that says what is wrong."""
    try:
        as_of = as_of_parse(request.GET.get("as_of"))
    except AsOfError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    filterset = EventFilterSet(request.GET, queryset=event_list(as_of=as_of))
    if not filterset.is_valid():
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
        return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")
    day = as_of or today()
    key = request.GET.get("zoom", "").strip() or DEFAULT
    if key not in PRESETS:
        return HttpResponseBadRequest(
            f"zoom: “{key[:20]}” is not one of {', '.join(PRESETS)}.",
            content_type="text/plain; charset=utf-8",
        )
    events = _zoomed(filterset.qs, _zoom(key, request.GET, day=day))
    rows = event_export_rows(events.order_by("occurred_on", "id")).iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        _csv_lines(rows, day=day, base_url=request.build_absolute_uri("/")[:-1]),
        content_type="text/csv; charset=utf-8",
    )
    name = f"tablero-timeline-{(as_of or day).isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
