"""The timeline: developments placed by date, filtered from the URL, one page at a time."""

import csv
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
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
from core.asof import AsOfError, as_of_parse, today
from core.dates import DatePrecision, format_partial_date
from core.pages import as_of_context
from negotiations.charts import period_chart
from negotiations.choices import EventKind, EventStatus
from negotiations.filtersets import EventFilterSet
from negotiations.selectors import (
    actor_list,
    event_export_rows,
    event_list,
    event_period_counts,
)
from negotiations.timeline_svg import event_is_ahead, timeline_svg

PAGE_SIZE = 50
NEWEST_FIRST = ("-occurred_on", "-id")


@dataclass(frozen=True)
class Page:
    number: int
    count: int
    total: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def offset(self) -> int:
        return (self.number - 1) * PAGE_SIZE

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def _page_number(request: HttpRequest, total: int) -> int:
    """The `?page=`, clamped to the pages there are; a malformed one means page 1."""
    raw = request.GET.get("page", "1")
    last = max(1, -(-total // PAGE_SIZE))
    try:
        number = int(raw)
    except ValueError:
        messages.warning(request, f"“{raw[:20]}” is not a page number; showing the first page.")
        return 1
    if not 1 <= number <= last:
        messages.warning(
            request, f"There is no page {number}; showing page {min(max(number, 1), last)}."
        )
    return min(max(number, 1), last)


def _valid_filters(request: HttpRequest, actor_slugs: set[str]) -> QueryDict:
    """The GET filters, minus any bad value, each dropped with a visible message."""
    data = request.GET.copy()
    actor = data.get("actor", "").strip()
    if actor and actor not in actor_slugs:
        messages.warning(request, f"No actor “{actor[:40]}” is known; the actor filter is ignored.")
        data.pop("actor")
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


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    context = as_of_context(request)
    as_of = context["as_of"]
    day = as_of or today()
    # (slug, name) pairs: thousands of actors must not cost thousands of model instances.
    actors = list(actor_list(as_of=as_of).prefetch_related(None).values_list("slug", "name"))
    data = _valid_filters(request, {slug for slug, _ in actors})
    events = EventFilterSet(data, queryset=event_list(as_of=as_of)).qs
    counts = event_period_counts(events)
    total = sum(row["n"] for row in counts)
    page = Page(_page_number(request, total), PAGE_SIZE, total)
    rows = list(events.order_by(*NEWEST_FIRST)[page.offset : page.offset + PAGE_SIZE])
    for event in rows:
        event.is_ahead = event_is_ahead(event, day)
        # The list is grouped by month, or by year for what is known only to the year.
        event.group_label = format_partial_date(
            event.occurred_on,
            DatePrecision.YEAR
            if event.occurred_precision == DatePrecision.YEAR
            else DatePrecision.MONTH,
        )
    context.update(
        events=rows,
        page=page,
        svg=timeline_svg(rows, day=day),
        chart=period_chart(counts),
        day=day,
        actors=actors,
        selected={
            "actor": data.get("actor", ""),
            "kind": set(data.getlist("kind")),
            "side": set(data.getlist("side")),
            "status": data.get("status", ""),
            "occurred_after": data.get("occurred_after", ""),
            "occurred_before": data.get("occurred_before", ""),
        },
        is_filtered=any(data.get(k) for k in EventFilterSet.base_filters),
        kinds=EventKind.choices,
        sides=Side.choices,
        statuses=EventStatus.choices,
        csv_query=request.GET.urlencode(),
    )
    return render(request, "negotiations/timeline.html", context)


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
    rows = event_export_rows(filterset.qs.order_by("occurred_on", "id")).iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        _csv_lines(rows, day=day, base_url=request.build_absolute_uri("/")[:-1]),
        content_type="text/csv; charset=utf-8",
    )
    name = f"tablero-timeline-{(as_of or day).isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
