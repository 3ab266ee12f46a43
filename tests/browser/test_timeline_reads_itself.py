"""The timeline that reads itself, records' status strips and the footer's links, in
Chromium at a desktop (1366 px) and a phone's (390 px) width, with an axe check."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from actors.models import Actor
from core.dates import DatePrecision
from negotiations.choices import EventKind, EventStatus
from negotiations.models import Event
from negotiations.palette import EVENT_KIND_COLOURS, RECORD_KIND_COLOURS
from tests.browser.accessibility import serious_violations
from tests.factories import ArticleFactory, EventFactory, EvidenceFactory, OfferFactory

pytestmark = pytest.mark.browser

WIDTHS = [1366, 390]
TODAY = dt.date.today()


def _rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.fixture
def scene(transactional_db):
    """Developments of several kinds and precisions over ten years, and an offer that
    changed status twice, each change with its source."""
    us = Actor.objects.create(name="Washington envoy", slug="envoy", side="us_government")
    gov = Actor.objects.create(
        name="Caracas minister", slug="minister", side="venezuelan_government"
    )
    opp = Actor.objects.create(name="Opposition leader", slug="leader", side="opposition")
    reported = {"first_reported_on": TODAY - dt.timedelta(days=1)}
    kinds = [EventKind.TALKS, EventKind.SANCTIONS, EventKind.STATEMENT, EventKind.OFFER]
    for n in range(12):
        event = EventFactory(
            title=f"Development number {n} in the talks",
            kind=kinds[n % len(kinds)],
            occurred_on=TODAY - dt.timedelta(days=300 * n + 20),
            occurred_precision=DatePrecision.MONTH if n % 3 == 1 else DatePrecision.DAY,
            **reported,
        )
        event.actors.add([us, gov, opp][n % 3])
    vote = EventFactory(
        title="Election scheduled",
        kind=EventKind.ELECTION,
        status=EventStatus.SCHEDULED,
        occurred_on=TODAY + dt.timedelta(days=200),
        occurred_precision=DatePrecision.MONTH,
        **reported,
    )
    vote.actors.add(gov)
    offer = OfferFactory(
        terms="Amnesty for an orderly exit",
        offered_on=TODAY - dt.timedelta(days=400),
        status="declined",
        initial_status="proposed",
        offered_by=us,
        **reported,
    )
    offer.recipients.add(gov)
    for days, status in ((200, "under_discussion"), (60, "declined")):
        change = EventFactory(
            title=f"The offer is now {status.replace('_', ' ')}",
            kind=EventKind.STATUS_CHANGE,
            occurred_on=TODAY - dt.timedelta(days=days),
            offer=offer,
            status_to=status,
            **reported,
        )
        change.actors.add(us)
        article = ArticleFactory(publisher="Wire Service", published_on=change.occurred_on)
        EvidenceFactory(record=change, article=article)
    return {"offer": offer}


def _open(page, url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_kind_has_one_colour_in_the_chart_the_lanes_the_keys_and_record_pages(
    live_server, page, scene, screenshot, width
):
    _open(page, f"{live_server.url}/timeline/", width)
    talks = _rgb(EVENT_KIND_COLOURS[EventKind.TALKS])
    style = "(el, prop) => getComputedStyle(el)[prop]"
    mark = page.locator("a.mark.kind-talks:not(.somewhere) .shape").first
    assert mark.evaluate(style, "fill") == talks
    assert page.locator("svg.chart rect.kind-talks").first.evaluate(style, "fill") == talks
    for swatch in page.locator(".kind-key li.kind-talks .swatch").all():
        assert swatch.evaluate(style, "backgroundColor") == talks
    screenshot(f"timeline-{width}")

    _open(page, f"{live_server.url}{scene['offer'].get_absolute_url()}", width)
    offer = _rgb(RECORD_KIND_COLOURS["offer"])
    assert page.locator(".kicker .swatch").evaluate(style, "backgroundColor") == offer
    # Its developments carry their kind's colour, as on the timeline.
    change = _rgb(EVENT_KIND_COLOURS[EventKind.STATUS_CHANGE])
    tag = page.locator(".kind-tag.kind-status_change .swatch").first
    assert tag.evaluate(style, "backgroundColor") == change


@pytest.mark.parametrize("width", WIDTHS)
def test_a_mark_is_reached_with_tab_shows_its_title_and_opens_with_enter(
    live_server, page, scene, screenshot, width
):
    _open(page, f"{live_server.url}/timeline/", width)
    lanes = page.locator("section[aria-labelledby=lanes-heading]")
    # Tab from the heading's region into the lanes: the first mark takes the focus.
    lanes.locator(".scroll-x").focus()
    page.keyboard.press("Tab")
    focused = lanes.locator("a.mark:focus")
    expect(focused).to_have_count(1)
    title = focused.locator("title").text_content()
    tip = focused.locator(".tip")
    expect(tip).to_be_visible()
    assert tip.text_content().strip() in title
    screenshot(f"timeline-focus-{width}")
    # The next Tab moves on to the next mark, never to a copy in another lane.
    page.keyboard.press("Tab")
    expect(lanes.locator("a.mark:focus")).not_to_have_attribute("tabindex", "-1")
    href = lanes.locator("a.mark:focus").get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{href}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_hovering_a_mark_shows_its_title_and_a_month_is_a_hatched_band(
    live_server, page, scene, width
):
    _open(page, f"{live_server.url}/timeline/", width)
    band = page.locator("a.mark.somewhere").first
    band.locator(".shape").hover()
    expect(band.locator(".tip")).to_be_visible()
    expect(band.locator("rect.hatched")).to_have_attribute("fill", "url(#somewhere-hatch)")
    opacity = "el => parseFloat(getComputedStyle(el).fillOpacity)"
    assert band.locator(".shape").evaluate(opacity) < 0.5  # faded: somewhere in it
    dot = page.locator("a.mark:not(.somewhere):not(.ahead) circle").first
    assert dot.evaluate(opacity) == 1  # a day: solid


@pytest.mark.parametrize("width", WIDTHS)
def test_zoom_works_without_script_and_stays_in_the_url(
    live_server, browser, scene, screenshot, width
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/timeline/")
        rows = page.locator("li.timeline-row")
        everything = rows.count()
        page.get_by_role("link", name="Last year").click()
        expect(page).to_have_url(re.compile(r"[?&]zoom=year"))
        expect(page.get_by_role("link", name="Last year")).to_have_attribute("aria-current", "true")
        since = TODAY - dt.timedelta(days=366)
        expected = Event.objects.filter(occurred_on__gte=since).count()
        expect(rows).to_have_count(expected)
        assert expected < everything

        page.fill("#zoom-from", (TODAY - dt.timedelta(days=2000)).isoformat())
        page.fill("#zoom-to", (TODAY - dt.timedelta(days=500)).isoformat())
        page.get_by_role("button", name="Show these dates").click()
        expect(page).to_have_url(re.compile(r"occurred_after=.+&occurred_before="))
        expected = Event.objects.filter(
            occurred_on__range=(TODAY - dt.timedelta(days=2000), TODAY - dt.timedelta(days=500))
        ).count()
        expect(rows).to_have_count(expected)
        screenshot(f"timeline-zoomed-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_axis_text_stays_legible_and_the_filters_fold_on_a_phone(
    live_server, page, scene, width
):
    _open(page, f"{live_server.url}/timeline/", width)
    rendered = "el => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a"
    for text in ("svg.timeline-svg .tick-label", "svg.chart text"):
        assert page.locator(text).first.evaluate(rendered) >= 11, text
    # The page itself never scrolls sideways; the charts do, within their box, on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    scroller = page.locator("section[aria-labelledby=lanes-heading] .scroll-x")
    scrolls = scroller.evaluate("el => el.scrollWidth > el.clientWidth + 1")
    folded = page.locator("details.filters-fold")
    if width < 500:
        assert scrolls
        assert not folded.evaluate("el => el.open")
        expect(page.locator("#filter-status")).to_be_hidden()
        folded.locator("summary").click()
    else:
        assert not scrolls
    expect(page.locator("#filter-status")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_offer_shows_its_status_history_as_a_strip(live_server, page, scene, screenshot, width):
    offer = scene["offer"]
    _open(page, f"{live_server.url}{offer.get_absolute_url()}", width)
    history = page.get_by_role("region", name="Status over time")
    expect(history.locator(".status-strip rect")).to_have_count(3)
    rows = history.locator(".spell-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Proposed")
    expect(rows.nth(2)).to_contain_text("Declined")
    expect(rows.nth(2)).to_contain_text("to now")
    rows.nth(2).locator("details.sources summary").click()
    expect(rows.nth(2).get_by_role("link", name=re.compile("Wire Service"))).to_be_visible()
    screenshot(f"offer-status-history-{width}")
    rows.nth(1).get_by_role("link", name="The offer is now under discussion").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("under discussion")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_footer_leads_to_the_api_docs_the_feed_and_the_csv(live_server, page, scene, width):
    _open(page, f"{live_server.url}/timeline/?kind=talks", width)
    footer = page.locator("footer")
    expect(footer.get_by_role("link", name="API docs")).to_have_attribute("href", "/api/docs/")
    feed = footer.get_by_role("link", name=re.compile("Atom feed"))
    expect(feed).to_have_attribute("href", "/feeds/developments/?kind=talks")
    csv = footer.get_by_role("link", name=re.compile("as CSV"))
    expect(csv).to_have_attribute("href", "/timeline/csv/?kind=talks")
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(f"{live_server.url}{icon}").status == 200


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/timeline/", "offer"])
def test_the_timeline_and_a_record_page_pass_axe(live_server, page, scene, width, path):
    url = scene["offer"].get_absolute_url() if path == "offer" else path
    _open(page, f"{live_server.url}{url}", width)
    assert serious_violations(page) == []
