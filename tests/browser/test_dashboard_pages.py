"""The dashboard and the timeline in Chromium, with the sample article ingested."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from negotiations.models import Event, Offer

pytestmark = pytest.mark.browser


@pytest.fixture
def ingested(transactional_db, sample_article):
    return sample_article


def test_the_dashboard_shows_the_state_with_links(live_server, page, screenshot, ingested):
    page.goto(live_server.url + "/")
    headline = page.get_by_role("region", name="Where things stand")
    expect(headline).to_contain_text("on the table")
    offers = page.locator("#offers")
    standing = Offer.objects.filter(status__in=["proposed", "under_discussion"]).first()
    expect(offers.locator(f'a[href="{standing.get_absolute_url()}"]')).to_be_visible()
    expect(page.locator("#channels .badge").first).to_be_visible()
    expect(page.locator("#indictments")).to_contain_text("reward")
    # The evidence opens without JavaScript being needed: a <details> element.
    offers.locator("details.sources summary").first.click()
    expect(offers.locator("blockquote.quote").first).to_be_visible()
    assert screenshot("dashboard").stat().st_size > 0


def test_the_timeline_filters_by_an_actor_from_the_form(live_server, page, screenshot, ingested):
    event = Event.objects.exclude(actors=None).order_by("occurred_on").first()
    actor = event.actors.order_by("name").first()
    page.goto(live_server.url + "/timeline/")
    expect(page.locator("svg.timeline-svg")).to_be_visible()
    everything = page.locator("li.timeline-row").count()
    page.get_by_label("Actor").select_option(label=actor.name)
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(rf"actor={actor.slug}"))
    rows = page.locator("li.timeline-row")
    expected = Event.objects.filter(actors=actor).count()
    expect(rows).to_have_count(expected)
    assert expected < everything
    for n in range(expected):
        expect(rows.nth(n)).to_contain_text(actor.name)
    expect(page.get_by_label("Actor")).to_have_value(actor.slug)
    assert screenshot("timeline-filtered").stat().st_size > 0


def test_the_header_date_control_steps_the_dashboard_back(live_server, page, screenshot, ingested):
    page.goto(live_server.url + "/")
    published = ingested.published_on
    page.locator("#as-of").fill(published.isoformat())
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(rf"as_of={published.isoformat()}"))
    expect(page.locator(".as-of-banner")).to_contain_text(
        f"Viewing the state as known on {published.day} {published:%b %Y}"
    )
    # Deadlines are counted from that date, so the scheduled ones lie ahead.
    expect(page.locator("#deadlines .days-left").first).to_have_text(re.compile(r"in \d+ days"))
    page.get_by_role("link", name="back to today").click()
    expect(page.locator(".as-of-banner")).to_have_count(0)
    page.goto(f"{live_server.url}/?as_of={published.isoformat()}")
    assert screenshot("dashboard-as-of").stat().st_size > 0


def test_the_timeline_moves_older_newer_and_jumps_to_a_date(
    live_server, page, screenshot, transactional_db
):
    from negotiations.views.timeline import PAGE_SIZE

    start = dt.date(2020, 1, 1)
    Event.objects.bulk_create(
        Event(title=f"Row {n}", kind="talks", occurred_on=start + dt.timedelta(days=n))
        for n in range(PAGE_SIZE + 10)
    )
    page.goto(live_server.url + "/timeline/?kind=talks")
    rows = page.locator("li.timeline-row")
    expect(rows).to_have_count(PAGE_SIZE)
    page.get_by_role("link", name="Older ▸").click()
    expect(page).to_have_url(re.compile(r"after=2020-01-11\.\d+"))
    expect(page).to_have_url(re.compile(r"kind=talks"))
    expect(rows).to_have_count(10)
    expect(rows.first).to_contain_text("Row 9")
    page.get_by_role("link", name="◂ Newer").click()
    expect(rows).to_have_count(PAGE_SIZE)
    expect(rows.first).to_contain_text(f"Row {PAGE_SIZE + 9}")
    page.get_by_label("Jump to a date").fill("2020-01-20")
    page.get_by_role("button", name="Go").click()
    expect(page).to_have_url(re.compile(r"date=2020-01-20"))
    expect(page).to_have_url(re.compile(r"kind=talks"))
    expect(rows.first).to_contain_text("Row 19")
    expect(rows).to_have_count(20)
    assert screenshot("timeline-jumped").stat().st_size > 0
