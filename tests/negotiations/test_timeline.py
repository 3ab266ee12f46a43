import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import DatePrecision
from negotiations.charts import period_chart
from negotiations.choices import EventKind, EventStatus
from negotiations.models import Event
from negotiations.views.timeline import PAGE_SIZE, csv_cell
from tests.factories import ActorFactory, EventFactory


def _get(client, **params):
    return client.get(reverse("negotiations:timeline"), params)


def _csv(client, **params) -> list[dict]:
    response = client.get(reverse("negotiations:timeline_csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def scene(db):
    """Two sides, three developments: one each, and a scheduled one with both."""
    us = ActorFactory(name="Washington official", slug="washington-official", side="us_government")
    gov = ActorFactory(
        name="Caracas minister", slug="caracas-minister", side="venezuelan_government"
    )
    talks = EventFactory(title="Talks held", kind=EventKind.TALKS, occurred_on=dt.date(2024, 3, 5))
    talks.actors.add(us, gov)
    sanctions = EventFactory(
        title="Sanctions imposed",
        kind=EventKind.SANCTIONS,
        occurred_on=dt.date(2019, 1, 1),
        occurred_precision=DatePrecision.YEAR,
    )
    sanctions.actors.add(us)
    vote = EventFactory(
        title="Vote scheduled",
        kind=EventKind.ELECTION,
        status=EventStatus.SCHEDULED,
        occurred_on=dt.date(2030, 11, 1),
        occurred_precision=DatePrecision.MONTH,
    )
    vote.actors.add(gov)
    return {"us": us, "gov": gov, "talks": talks, "sanctions": sanctions, "vote": vote}


def _titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def test_it_lists_newest_first_with_a_swimlane_svg_and_a_chart(client, scene):
    response = _get(client)
    assert response.status_code == 200
    assert _titles(response) == ["Vote scheduled", "Talks held", "Sanctions imposed"]
    html = response.content.decode()
    assert html.count('class="mark ') == 4  # talks sits in two lanes
    # The scheduled vote: its kind's colour, hollow, somewhere in its month.
    assert 'class="mark kind-election ahead somewhere"' in html
    assert "<rect" in html and "<circle" in html
    assert 'class="today-rule"' in html
    assert "Developments per year, by kind" in html
    assert f'href="{scene["talks"].get_absolute_url()}"' in html
    assert "Scheduled" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "washington-official"}, ["Talks held", "Sanctions imposed"]),
        ({"kind": ["talks", "election"]}, ["Vote scheduled", "Talks held"]),
        ({"side": "venezuelan_government"}, ["Vote scheduled", "Talks held"]),
        ({"occurred_after": "2020-01-01", "occurred_before": "2025-01-01"}, ["Talks held"]),
        ({"status": "scheduled"}, ["Vote scheduled"]),
    ],
)
def test_filters_narrow_the_rows_and_the_url_holds_them(client, scene, params, expected):
    response = _get(client, **params)
    assert _titles(response) == expected
    assert response.context["page"].total == len(expected)
    # The form shows what is selected, so the shared URL reproduces the view.
    html = response.content.decode()
    if "actor" in params:
        assert '<option value="washington-official" selected>' in html
    if "kind" in params:
        assert 'value="talks" checked' in html


def test_a_side_filter_counts_each_event_once(client, scene):
    response = _get(client, side=["us_government", "venezuelan_government"])
    assert response.context["page"].total == 3
    assert sorted(_titles(response)) == ["Sanctions imposed", "Talks held", "Vote scheduled"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "nonsense"}, "This filter is ignored"),
        ({"occurred_after": "yesterday"}, "This filter is ignored"),
        ({"actor": "nobody-at-all"}, "No actor “nobody-at-all” is known"),
        ({"as_of": "2024-02-30"}, "is not a date"),
        ({"after": "x"}, "is not a position in the timeline"),
        ({"before": "2024-02-30.1"}, "is not a position in the timeline"),
        ({"after": "2024-01-01.99999999999999999999"}, "is not a position in the timeline"),
        ({"after": "2099-01-01.1", "before": "2024-01-01.1"}, "Only one of after, before"),
        ({"date": "last tuesday"}, "is not a date (YYYY-MM-DD)"),
        ({"date": "2024-13-01"}, "is not a date (YYYY-MM-DD)"),
        ({"date": "1900-01-01"}, "No development lies on or before that date"),
    ],
)
def test_bad_input_is_ignored_with_a_visible_message(client, scene, params, message):
    response = _get(client, **params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(response.context["events"]) == 3


def test_a_bad_value_is_dropped_but_good_ones_are_kept(client, scene):
    response = _get(client, kind=["talks", "nonsense"])
    assert _titles(response) == ["Talks held"]


def test_as_of_hides_later_reports_and_shows_later_events_as_ahead(client, scene):
    EventFactory(title="Reported later", first_reported_on=dt.date(2024, 9, 1))
    # Announced in February for 5 March: on 1 March it was still ahead.
    Event.objects.filter(pk=scene["talks"].pk).update(first_reported_on=dt.date(2024, 2, 1))
    Event.objects.filter(pk=scene["vote"].pk).update(first_reported_on=dt.date(2024, 1, 1))
    response = _get(client, as_of="2024-03-01")
    rows = {e.title: e for e in response.context["events"]}
    assert "Reported later" not in rows
    assert "Sanctions imposed" not in rows  # entered today, unknown then
    assert rows["Talks held"].is_ahead is True
    assert rows["Vote scheduled"].is_ahead is True
    rows = {e.title: e for e in _get(client, as_of="2024-08-01").context["events"]}
    assert rows["Talks held"].is_ahead is False
    assert "Reported later" not in rows
    rows = _csv(client, as_of="2024-03-01")
    assert {r["title"]: r["status"] for r in rows}["Talks held"] == "scheduled"


def test_an_empty_timeline_explains_itself(client, db):
    response = _get(client)
    assert "No developments have been recorded yet" in response.content.decode()
    response = _get(client, kind="talks")
    assert "No development matches these filters" in response.content.decode()


def _link(response, rel: str) -> str | None:
    """The href of the page's `rel` link, unescaped, or None."""
    html = response.content.decode()
    match = re.search(rf'<a href="([^"]*)" rel="{rel}">', html)
    return unescape(match[1]) if match else None


def _follow(client, href: str):
    return client.get(reverse("negotiations:timeline") + href)


def _rows(count: int, **fields) -> list[Event]:
    # Three rows a day, so the id must break ties on the date.
    return Event.objects.bulk_create(
        Event(
            title=f"Row {n}",
            occurred_on=dt.date(2020, 1, 1) + dt.timedelta(days=n // 3),
            **fields,
        )
        for n in range(count)
    )


def test_it_moves_by_position_not_page_number(client, db):
    rows = _rows(PAGE_SIZE + 5)
    first = _get(client)
    assert _titles(first) == [f"Row {n}" for n in range(PAGE_SIZE + 4, 4, -1)]
    assert _link(first, "prev") is None
    older = _link(first, "next")
    last_shown = Event.objects.get(title="Row 5")
    assert older == f"?after={last_shown.occurred_on.isoformat()}.{last_shown.pk}"
    second = _follow(client, older)
    assert _titles(second) == [f"Row {n}" for n in range(4, -1, -1)]
    assert _link(second, "next") is None
    assert "page" not in second.content.decode().split('class="pagination"')[1].split("</nav>")[0]
    # Newer from the second window comes back to the same rows as the first.
    back = _follow(client, _link(second, "prev"))
    assert _titles(back) == _titles(first)
    assert _link(back, "prev") is None and _link(back, "next") == older
    assert len(rows) == PAGE_SIZE + 5


def test_rows_inserted_meanwhile_neither_repeat_nor_vanish_from_the_next_window(client, db):
    _rows(PAGE_SIZE + 5)
    first = _get(client)
    # A newer development arrives while the reader looks at the first window.
    EventFactory(title="Just in", occurred_on=dt.date(2030, 1, 1))
    second = _follow(client, _link(first, "next"))
    assert _titles(second) == [f"Row {n}" for n in range(4, -1, -1)]


def test_the_links_keep_the_filters_and_the_as_of_date(client, db):
    _rows(PAGE_SIZE + 5, kind=EventKind.TALKS, first_reported_on=dt.date(2020, 1, 1))
    _rows(10, kind=EventKind.SANCTIONS, first_reported_on=dt.date(2020, 1, 1))
    first = _get(client, kind="talks", as_of="2024-06-01")
    older = _link(first, "next")
    assert "kind=talks" in older and "as_of=2024-06-01" in older and "after=" in older
    second = _follow(client, older)
    assert all(e.kind == EventKind.TALKS for e in second.context["events"])
    assert len(second.context["events"]) == 5
    assert second.context["as_of"] == dt.date(2024, 6, 1)
    newer = _link(second, "prev")
    assert "kind=talks" in newer and "as_of=2024-06-01" in newer and "after=" not in newer
    # The jump form carries the filters and the as-of date, not the position.
    form = second.content.decode().split('<form class="jump"', 1)[1].split("</form>", 1)[0]
    assert 'name="kind" value="talks"' in form
    assert 'name="as_of" value="2024-06-01"' in form
    assert 'name="after"' not in form


def test_jumping_to_a_date_starts_the_list_on_that_date(client, db):
    _rows(PAGE_SIZE * 3)  # 2020-01-01 onwards, three a day
    response = _get(client, date="2020-01-10")
    events = response.context["events"]
    assert events[0].occurred_on == dt.date(2020, 1, 10)
    assert all(a.occurred_on >= b.occurred_on for a, b in zip(events, events[1:], strict=False))
    assert len(events) == 3 * 10  # the tenth day and the nine before it
    assert _link(response, "next") is None
    assert _link(response, "prev") is not None
    newer = _follow(client, _link(response, "prev"))
    assert newer.context["events"][-1].occurred_on == dt.date(2020, 1, 11)
    assert 'name="date" value="2020-01-10"' in response.content.decode()
    # A date after every row shows the newest rows, with a way to newer ones absent.
    late = _get(client, date="2099-01-01")
    assert _titles(late) == _titles(_get(client))
    assert _link(late, "prev") is None


def test_the_csv_holds_the_filtered_rows(client, scene):
    rows = _csv(client, actor="washington-official")
    assert [r["title"] for r in rows] == ["Sanctions imposed", "Talks held"]
    sanctions = rows[0]
    assert sanctions["date"] == "2019"
    assert sanctions["precision"] == "year"
    assert sanctions["actors"] == "Washington official"
    assert sanctions["url"].endswith(scene["sanctions"].get_absolute_url())
    assert rows[1]["actors"] == "Caracas minister; Washington official"


def test_the_csv_guards_against_formulas(client, db):
    EventFactory(title='=HYPERLINK("http://evil")', occurred_on=dt.date(2024, 1, 1))
    EventFactory(title="@SUM(A1)", occurred_on=dt.date(2024, 1, 2))
    rows = _csv(client)
    assert [r["title"] for r in rows] == ['\'=HYPERLINK("http://evil")', "'@SUM(A1)"]
    assert csv_cell("-1") == "'-1"
    assert csv_cell("+x") == "'+x"
    assert csv_cell("fine") == "fine"
    assert csv_cell(None) == ""


def test_the_csv_answers_bad_input_with_400(client, db):
    url = reverse("negotiations:timeline_csv")
    assert client.get(url, {"as_of": "nope"}).status_code == 400
    response = client.get(url, {"kind": "nonsense"})
    assert response.status_code == 400
    assert b"kind" in response.content


def _build(size: int) -> None:
    actors = [ActorFactory(side=side) for side in ("us_government", "opposition", "mediator")]
    events = Event.objects.bulk_create(
        Event(
            title=f"Development {n}",
            kind=EventKind.values[n % len(EventKind.values)],
            occurred_on=dt.date(2023, 1, 1) + dt.timedelta(days=n),
            occurred_precision=DatePrecision.values[n % 3],
            first_reported_on=dt.date(2023, 1, 1),
        )
        for n in range(size)
    )
    Through = Event.actors.through
    Through.objects.bulk_create(
        Through(event=event, actor=actor)
        for event in events
        for actor in actors[: 1 + event.pk % 3]
    )


def _count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"side": "opposition", "kind": ["talks", "offer"]},
        {"as_of": "2024-06-01"},
        {"zoom": "year", "as_of": "2023-06-01"},
        {"zoom": "5years", "occurred_before": "2027-01-01"},
    ],
)
@pytest.mark.parametrize("name", ["negotiations:timeline", "negotiations:timeline_csv"])
def test_it_runs_the_same_number_of_queries_for_10_or_2000_events(client, db, params, name):
    url = reverse(name)
    _build(10)
    client.get(url, params)  # warms the content-type cache, which is not per-request work
    small = _count(client, url, params)
    _build(1990)
    assert Event.objects.count() == 2000
    assert _count(client, url, params) == small


@pytest.mark.parametrize(
    "params", [{}, {"side": "opposition", "kind": ["talks", "offer"]}, {"as_of": "2024-06-01"}]
)
def test_a_deep_window_runs_as_many_queries_as_a_shallow_one(client, db, params):
    url = reverse("negotiations:timeline")
    _build(2000)
    client.get(url, params)
    oldest = Event.objects.order_by("occurred_on", "id")[PAGE_SIZE]
    deep = {**params, "after": f"{oldest.occurred_on.isoformat()}.{oldest.pk}"}
    newest = Event.objects.order_by("-occurred_on", "-id")[PAGE_SIZE]
    shallow = {**params, "after": f"{newest.occurred_on.isoformat()}.{newest.pk}"}
    counts = {
        _count(client, url, deep),
        _count(client, url, shallow),
        _count(client, url, {**params, "before": shallow["after"]}),
        _count(client, url, {**params, "date": "2024-01-01"}),
    }
    assert len(counts) == 1, counts


def test_actor_names_in_the_picker_are_escaped_and_the_chosen_one_selected(client, db):
    from tests.factories import ActorFactory

    ActorFactory(name='<script>alert("x")</script>', slug="odd")
    ActorFactory(name="Plain", slug="plain")
    page = client.get("/timeline/?actor=plain").content.decode()
    assert "<script>alert" not in page
    assert '<option value="odd">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</option>' in page
    assert '<option value="plain" selected>Plain</option>' in page


@pytest.mark.parametrize(
    ("top", "label"),
    [(0, "0"), (950, "950"), (1_000, "1k"), (9_500, "9.5k"), (76_399, "76k"), (1_200_000, "1.2M")],
)
def test_the_chart_axis_top_fits_its_margin(top, label):
    rows = [{"month": dt.date(2024, 1, 1), "kind": "talks", "precision": "day", "n": top or 1}]
    chart = period_chart(rows)
    chart.y_max = top
    assert chart.y_label == label


def test_large_counts_read_with_thousands_separators(client, db):
    Event.objects.bulk_create(
        Event(
            title=f"Round {n}",
            kind=EventKind.TALKS,
            status=EventStatus.OCCURRED,
            occurred_on=dt.date(2024, 1, 1) + dt.timedelta(days=n % 300),
            first_reported_on=dt.date(2024, 12, 1),
        )
        for n in range(1_234)
    )
    html = client.get(reverse("negotiations:timeline")).content.decode()
    assert "1,234 developments" in html
    assert 'Talks <span class="muted">1,234</span>' in html  # the chart's key
