import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import DatePrecision
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
    assert 'class="mark election ahead"' in html
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
        ({"page": "x"}, "is not a page number"),
        ({"page": "99"}, "There is no page 99"),
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


def test_it_paginates_on_the_server(client, db):
    Event.objects.bulk_create(
        Event(title=f"Row {n}", occurred_on=dt.date(2020, 1, 1) + dt.timedelta(days=n))
        for n in range(PAGE_SIZE + 5)
    )
    first = _get(client)
    assert len(first.context["events"]) == PAGE_SIZE
    assert first.context["page"].num_pages == 2
    assert 'rel="next"' in first.content.decode()
    second = _get(client, page=2)
    assert _titles(second) == [f"Row {n}" for n in range(4, -1, -1)]


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
    "params", [{}, {"side": "opposition", "kind": ["talks", "offer"]}, {"as_of": "2024-06-01"}]
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


def test_actor_names_in_the_picker_are_escaped_and_the_chosen_one_selected(client, db):
    from tests.factories import ActorFactory

    ActorFactory(name='<script>alert("x")</script>', slug="odd")
    ActorFactory(name="Plain", slug="plain")
    page = client.get("/timeline/?actor=plain").content.decode()
    assert "<script>alert" not in page
    assert '<option value="odd">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</option>' in page
    assert '<option value="plain" selected>Plain</option>' in page
