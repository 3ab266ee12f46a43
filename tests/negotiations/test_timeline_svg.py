import datetime as dt

import pytest

from core.dates import DatePrecision
from negotiations.charts import MONTHS_MAX, period_chart
from negotiations.choices import EventStatus
from negotiations.models import Event
from negotiations.selectors import deadline_list, event_list, event_period_counts
from negotiations.timeline_svg import _shortened, axis_ticks, timeline_svg
from tests.factories import ActorFactory, EventFactory

TODAY = dt.date(2024, 8, 11)


def _event(db, title, on, precision=DatePrecision.DAY, sides=(), **fields):
    event = EventFactory(title=title, occurred_on=on, occurred_precision=precision, **fields)
    event.actors.add(*[ActorFactory(side=side) for side in sides])
    return event_list().get(pk=event.pk)  # as the timeline page has them


def test_a_year_is_a_bar_across_its_year_and_a_day_is_a_dot(db):
    year = _event(db, "Year", dt.date(2023, 1, 1), DatePrecision.YEAR, ["us_government"])
    month = _event(db, "Month", dt.date(2024, 3, 1), DatePrecision.MONTH, ["us_government"])
    day = _event(db, "Day", dt.date(2024, 7, 28), sides=["opposition"])
    svg = timeline_svg([year, month, day], day=TODAY)
    marks = {m.label.split(" · ")[1]: m for m in svg.marks}
    assert marks["Day"].is_dot
    per_day = marks["Year"].width / 365
    assert marks["Year"].width == pytest.approx(365 * per_day)
    assert marks["Month"].width == pytest.approx(31 * per_day, rel=0.05)
    # Position encodes date: left to right in time.
    assert marks["Year"].x < marks["Month"].x < marks["Day"].x
    assert svg.rule_x is not None and marks["Day"].x < svg.rule_x


def test_lanes_follow_sides_and_overlaps_stack_on_rows(db):
    a = _event(db, "A", dt.date(2024, 1, 1), DatePrecision.YEAR, ["us_government"])
    b = _event(db, "B", dt.date(2024, 5, 1), sides=["us_government", "mediator"])
    c = _event(db, "C", dt.date(2024, 6, 1))
    svg = timeline_svg([a, b, c], day=TODAY)
    lanes = {lane.key: lane for lane in svg.lanes}
    by_title = {}
    for mark in svg.marks:
        by_title.setdefault(mark.label.split(" · ")[1], []).append(mark)
    assert len(by_title["B"]) == 2  # one mark in each side's lane
    us = lanes["us_government"]
    assert us.y <= by_title["A"][0].y < us.y + us.height
    # B overlaps A's year bar in the same lane, so it sits on another row.
    assert by_title["B"][0].y != by_title["A"][0].y
    others = lanes["other"]
    assert others.y <= by_title["C"][0].y < others.y + others.height
    assert us.height > lanes["opposition"].height


def test_scheduled_and_later_events_are_hollow(db):
    vote = _event(
        db, "Vote", dt.date(2024, 11, 1), DatePrecision.MONTH, status=EventStatus.SCHEDULED
    )
    later = _event(db, "Later", dt.date(2024, 9, 1))
    past = _event(db, "Past", dt.date(2024, 7, 1))
    svg = timeline_svg([vote, later, past], day=TODAY)
    hollow = {m.label.split(" · ")[1]: m.hollow for m in svg.marks}
    assert hollow == {"Vote": True, "Later": True, "Past": False}


def test_nothing_to_draw_gives_none():
    assert timeline_svg([], day=TODAY) is None
    assert period_chart([]) is None


def test_axis_ticks_use_years_over_long_spans_and_months_over_short_ones():
    years = axis_ticks(dt.date(2000, 6, 1), dt.date(2024, 6, 1))
    assert all(label.isdigit() for _, label in years) and len(years) <= 10
    months = axis_ticks(dt.date(2024, 1, 15), dt.date(2024, 8, 1))
    assert [label for _, label in months][:2] == ["Feb 2024", "Mar 2024"]


def _rows(*items):
    return [
        {"month": month, "kind": kind, "precision": precision, "n": n}
        for month, kind, precision, n in items
    ]


def test_the_chart_stacks_kinds_per_month_and_leaves_year_only_dates_out():
    chart = period_chart(
        _rows(
            (dt.date(2024, 1, 1), "talks", "day", 3),
            (dt.date(2024, 1, 1), "offer", "month", 1),
            (dt.date(2024, 1, 1), "sanctions", "year", 2),
            (dt.date(2024, 3, 1), "talks", "day", 2),
        )
    )
    assert chart.by == "month"
    assert [(b.label, b.total) for b in chart.buckets] == [
        ("Jan 2024", 4),
        ("Feb 2024", 0),
        ("Mar 2024", 2),
    ]
    assert chart.unplaced == 2 and chart.total == 8
    assert chart.y_max == 4
    assert [label for _, label, _ in chart.legend] == ["Talks", "Offer"]
    january = [s for s in chart.segments if s.label.startswith("Jan")]
    assert sum(s.height for s in january) == pytest.approx(200 - 24 - 8, abs=0.2)


def test_a_long_span_is_charted_by_year_with_every_precision():
    start = dt.date(2010, 1, 1)
    chart = period_chart(
        _rows(
            (start, "sanctions", "year", 2),
            (dt.date(2010 + MONTHS_MAX // 12 + 1, 5, 1), "talks", "day", 1),
        )
    )
    assert chart.by == "year" and chart.unplaced == 0
    assert chart.buckets[0].total == 2 and chart.total == 3


def test_period_counts_count_events_once_however_many_actors_match(db):
    event = _event(db, "Both", dt.date(2024, 5, 3), sides=["us_government", "us_government"])
    _event(db, "Other", dt.date(2024, 5, 9), DatePrecision.MONTH)
    linked = Event.objects.filter(actors__side="us_government")
    assert linked.count() == 2  # the join repeats the event
    rows = event_period_counts(linked)
    assert rows == [{"month": dt.date(2024, 5, 1), "kind": event.kind, "precision": "day", "n": 1}]


def test_deadlines_are_not_crowded_out_by_past_events_of_the_same_year(db):
    known = {"first_reported_on": dt.date(2024, 1, 1)}
    for n in range(40):
        EventFactory(
            kind="election", occurred_on=dt.date(2024, 1, 1) + dt.timedelta(days=n), **known
        )
    ahead = EventFactory(
        kind="inauguration",
        occurred_on=dt.date(2024, 12, 1),
        occurred_precision=DatePrecision.MONTH,
        **known,
    )
    this_month = EventFactory(
        kind="deadline",
        occurred_on=dt.date(2024, 8, 1),
        occurred_precision=DatePrecision.MONTH,
        **known,
    )
    deadlines = deadline_list(as_of=TODAY)
    assert [d.event for d in deadlines] == [this_month, ahead]
    assert deadlines[0].days_left == 0
    assert deadlines[1].days_left == (dt.date(2024, 12, 1) - TODAY).days


def test_records_dated_at_the_calendar_ends_are_drawn_without_overflowing(db, client):
    # Ingestion stores what an article says; a misread year must not break the page.
    _event(db, "Long ago", dt.date(1, 1, 1), DatePrecision.YEAR)
    _event(db, "Far ahead", dt.date(9999, 12, 31))
    svg = timeline_svg(event_list(), day=dt.date(2024, 8, 11))
    assert len(svg.marks) == 2
    assert all(0 <= mark.x <= 960 for mark in svg.marks)
    assert client.get("/timeline/").status_code == 200


def test_an_event_cited_twice_by_an_article_is_counted_once(db):
    from negotiations.filtersets import EventFilterSet
    from tests.factories import ArticleFactory, EvidenceFactory

    article = ArticleFactory(text="Talks resumed in Doha. Talks resumed again, officials said.")
    event = _event(db, "Talks", dt.date(2024, 8, 1))
    EvidenceFactory(record=event, article=article, start=0, end=12)
    EvidenceFactory(record=event, article=article, start=23, end=35)
    events = EventFilterSet({"article": str(article.pk)}, queryset=Event.objects.all()).qs
    assert list(events) == [event]
    assert sum(row["n"] for row in event_period_counts(events)) == 1


def test_marks_carry_their_kind_and_a_month_is_somewhere_in_it_not_a_period(db):
    talks = _event(db, "Talks", dt.date(2024, 3, 1), DatePrecision.MONTH, kind="talks")
    vote = _event(db, "Vote", dt.date(2024, 6, 9), kind="election")
    svg = timeline_svg([talks, vote], day=TODAY)
    by_title = {m.label.split(" · ")[1]: m for m in svg.marks}
    assert (by_title["Talks"].kind, by_title["Vote"].kind) == ("talks", "election")
    assert by_title["Talks"].kind_label == "Talks"
    assert not by_title["Talks"].is_dot and by_title["Vote"].is_dot
    assert svg.kinds == [("election", "Election"), ("talks", "Talks")]  # the palette's order


def test_a_mark_is_labelled_where_there_is_room_and_not_where_there_is_none(db):
    alone = _event(db, "Negotiators met again in a third country", dt.date(2020, 1, 1))
    crowded = [
        _event(db, f"Crowded {n}", dt.date(2024, 7, 1) + dt.timedelta(days=n)) for n in range(3)
    ]
    svg = timeline_svg([alone, *crowded], day=TODAY)
    by_title = {m.label.split(" · ")[1]: m for m in svg.marks}
    assert by_title["Negotiators met again in a third country"].short.startswith("Negotiators")
    # Each of the crowded dots takes a row of its own, with room for a short label.
    assert len({by_title[f"Crowded {n}"].y for n in range(3)}) == 3
    assert all(by_title[f"Crowded {n}"].short for n in range(3))
    # The tip always holds the full label, within the drawing.
    for mark in svg.marks:
        assert mark.tip == mark.label
        assert mark.tip_x >= 0 and mark.tip_x + mark.tip_width <= svg.width


def test_a_label_is_cut_at_a_word_to_fit_and_dropped_when_nothing_fits():
    assert _shortened("Talks resume in Doha after a pause", 20) == "Talks resume in…"
    assert _shortened("Talks", 20) == "Talks"
    assert _shortened("Talks resume", 3) == ""


def test_an_event_in_several_lanes_is_one_stop_for_the_keyboard(db):
    both = _event(db, "Both", dt.date(2024, 5, 1), sides=["us_government", "opposition"])
    svg = timeline_svg([both], day=TODAY)
    assert [m.focusable for m in svg.marks] == [True, False]


def test_the_axis_reaches_the_window_being_viewed(db):
    event = _event(db, "Talks", dt.date(2024, 5, 1))
    since, until = dt.date(2023, 8, 11), dt.date(2024, 8, 11)
    svg = timeline_svg([event], day=until, since=since, until=until)
    assert svg.start <= since and svg.end >= until
    assert svg.rule_x is not None  # the day viewed, at the window's end
    tight = timeline_svg([event], day=until)
    assert tight.start > since


def test_a_year_around_a_few_busy_days_runs_to_the_edges_without_stretching_the_axis(db):
    """The days of a busy window keep the axis's width; a year that covers them all is
    drawn edge to edge (it goes on beyond), not across twelve months of empty axis."""
    year = _event(db, "Year", dt.date(2019, 1, 1), DatePrecision.YEAR)
    days = [_event(db, f"Day {n}", dt.date(2019, 6, 28 + n)) for n in range(3)]
    svg = timeline_svg([year, *days], day=TODAY)
    assert dt.date(2019, 6, 20) <= svg.start and svg.end <= dt.date(2019, 7, 10)
    marks = {m.label.split(" · ")[1]: m for m in svg.marks}
    dots = [marks[f"Day {n}"].x for n in range(3)]
    assert dots[1] - dots[0] > 100  # days apart, not one spot
    band = marks["Year"]
    assert band.x == svg.plot_left and band.somewhere == "year"
    assert band.x + band.width > dots[-1]


def test_a_month_that_does_not_cover_the_days_widens_the_axis_to_show_it_whole(db):
    month = _event(db, "Month", dt.date(2019, 3, 1), DatePrecision.MONTH)
    day = _event(db, "Day", dt.date(2019, 6, 28))
    svg = timeline_svg([month, day], day=TODAY)
    assert svg.start <= dt.date(2019, 3, 1) and svg.end >= dt.date(2019, 6, 28)
    marks = {m.label.split(" · ")[1]: m for m in svg.marks}
    assert marks["Month"].x > svg.plot_left and marks["Month"].somewhere == "month"
