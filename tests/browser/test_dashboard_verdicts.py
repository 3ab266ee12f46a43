"""The dashboard's verdicts, freshness, gone-by events, empty as-of links and offer labels
in Chromium at a desktop and a phone width, with the sample article ingested; axe checks
the dashboard and the rules page (issue 14). Screenshots: test-artifacts/verdicts-*.png."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from negotiations.models import Event, Offer
from sources.models import Article
from tests.browser.accessibility import serious_violations

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1366, "phone": 390}


@pytest.fixture(params=list(WIDTHS))
def width(request, page):
    page.set_viewport_size({"width": WIDTHS[request.param], "height": 900})
    return request.param


@pytest.fixture
def ingested(transactional_db, sample_article):
    return sample_article


def _published() -> str:
    return Article.objects.get().published_on.isoformat()


def _no_serious_violations(page) -> None:
    serious = serious_violations(page)
    assert serious == [], serious


def test_each_track_has_a_verdict_that_opens_to_what_moved_it(
    live_server, page, screenshot, ingested, width
):
    page.goto(f"{live_server.url}/?as_of={_published()}")
    lines = page.locator("#verdicts li.verdict")
    expect(lines).to_have_count(4)
    for n in range(4):
        expect(lines.nth(n)).to_contain_text(re.compile("Improved|Deteriorated|Unchanged"))
    offers = page.locator('#verdicts li[data-track="offers"]')
    moved = offers.locator("ol.moved")
    expect(moved).to_be_hidden()
    offers.locator("summary").click()
    expect(moved).to_be_visible()
    # Each offer that moved the arrow is named by what, who to whom and when.
    standing = Offer.objects.filter(offered_on__year=2024).order_by("id")
    for offer in standing:
        expect(moved.get_by_role("link", name=offer.label)).to_be_visible()
    assert screenshot(f"verdicts-dashboard-{width}").stat().st_size > 0
    moved.get_by_role("link", name=standing[0].label).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(standing[0].label)


def test_the_window_is_chosen_from_the_dashboard(live_server, page, ingested, width):
    page.goto(f"{live_server.url}/?as_of={_published()}")
    page.locator("#verdicts").get_by_role("link", name="7 days").click()
    expect(page).to_have_url(re.compile(r"window=7"))
    expect(page).to_have_url(re.compile(rf"as_of={_published()}"))
    expect(page.locator("#verdicts-heading")).to_contain_text("Over the 7 days to")
    page.goto(f"{live_server.url}/?as_of={_published()}&window=1000")
    expect(page.locator(".message")).to_contain_text("The window is a number of days")
    expect(page.locator("#verdicts-heading")).to_contain_text("Over the 30 days to")


def test_the_rules_page_states_the_rules_and_passes_axe(live_server, page, screenshot, width):
    page.goto(live_server.url + "/about/verdicts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How the verdicts are given")
    for name in ("Offers", "Talks channels", "Indictments and bounties", "Elections and deadlines"):
        expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()
    expect(page.get_by_role("cell", name="An offer declined, withdrawn or expired")).to_be_visible()
    _no_serious_violations(page)
    assert screenshot(f"verdicts-rules-{width}").stat().st_size > 0


def test_the_dashboard_passes_axe_with_the_verdicts_open(live_server, page, ingested, width):
    page.goto(f"{live_server.url}/?as_of={_published()}")
    for summary in page.locator("#verdicts summary").all():
        summary.click()
    _no_serious_violations(page)
    page.goto(live_server.url + "/")
    _no_serious_violations(page)


def test_it_says_how_old_the_news_is_and_what_went_by_unreported(
    live_server, page, screenshot, ingested, width
):
    page.goto(f"{live_server.url}/?as_of={_published()}")
    expect(page.locator("#freshness")).to_contain_text(re.compile(r"Last development .+ ago|today"))
    expect(page.locator(".notice.stale")).to_have_count(0)
    # Today the sample's news is old: the dashboard says so, and its scheduled events,
    # their dates gone by, read "No report since".
    page.goto(live_server.url + "/")
    expect(page.locator(".notice.stale")).to_contain_text("Nothing new has been reported for")
    passed = Event.objects.filter(status="scheduled").order_by("-occurred_on")
    badges = page.locator("#deadlines .badge.no-report")
    expect(badges).to_have_count(passed.count())
    expect(badges.first).to_have_text(f"No report since {passed[0].date_display}")
    assert screenshot(f"verdicts-stale-{width}").stat().st_size > 0
    page.locator("#deadlines").get_by_role("link", name=passed[0].title).click()
    expect(page.locator(".badge.no-report")).to_have_text(
        f"No report since {passed[0].date_display}"
    )


def test_an_as_of_date_before_the_data_links_to_where_it_starts(
    live_server, page, screenshot, ingested, width
):
    page.goto(f"{live_server.url}/?as_of=2001-01-01")
    expect(page.get_by_role("heading", name="Nothing to show yet")).to_be_visible()
    assert screenshot(f"verdicts-empty-as-of-{width}").stat().st_size > 0
    page.locator("a.first-data").click()
    expect(page).to_have_url(re.compile(rf"as_of={_published()}"))
    expect(page.locator("#verdicts")).to_be_visible()


def test_the_offer_picker_tells_offers_apart(live_server, page, screenshot, ingested, width):
    User.objects.create_user("picker-editor", password="a-long-picker-passphrase").groups.add(
        Group.objects.get_or_create(name=settings.EDITORS_GROUP)[0]
    )
    page.goto(f"{live_server.url}/accounts/login/?next=/developments/add/")
    page.get_by_label("Username").fill("picker-editor")
    page.get_by_label("Password").fill("a-long-picker-passphrase")
    page.get_by_role("button", name="Sign in").click()
    picker = page.locator("select[name=offer]")
    expect(picker).to_be_visible()
    labels = [t.strip() for t in picker.locator("option").all_inner_texts()][1:]
    assert sorted(labels) == sorted(o.label for o in Offer.objects.all())
    assert len(set(labels)) == len(labels)
    assert not any(re.match(r"^(.+): \1$", label) for label in labels)
    picker.select_option(label=Offer.objects.order_by("id").first().label)
    picker.scroll_into_view_if_needed()
    assert screenshot(f"verdicts-offer-picker-{width}").stat().st_size > 0
