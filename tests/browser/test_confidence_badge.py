"""The confidence badge: its reason shows on focus and hover; the badge leads to the rules."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from sources.choices import Attribution
from tests.factories import ArticleFactory, EvidenceFactory, OfferFactory

pytestmark = pytest.mark.browser


def _width(locator) -> float:
    return locator.bounding_box()["width"]


def test_the_reason_shows_on_focus_and_hover_and_the_badge_opens_the_rules(
    live_server, page, db, screenshot
):
    offer = OfferFactory(
        terms="Safe passage for the negotiators", first_reported_on=dt.date(2024, 8, 1)
    )
    article = ArticleFactory(publisher="Daily Ledger", published_on=dt.date(2024, 8, 1))
    EvidenceFactory(record=offer, article=article, attribution=Attribution.ANONYMOUS)
    page.goto(f"{live_server.url}/")
    confidence = page.locator("#offers .confidence").first
    badge = confidence.get_by_role("link", name="1 source · low confidence")
    reason = confidence.locator(".confidence-reason")
    expect(reason).to_have_text("1 anonymous source: low")
    assert _width(reason) <= 1  # read by screen readers, out of sight

    badge.focus()
    assert _width(reason) > 50
    screenshot("confidence-focus")
    page.locator("h1, h2").first.hover()
    page.locator("body").evaluate("() => document.activeElement.blur()")
    assert _width(reason) <= 1
    badge.hover()
    assert _width(reason) > 50

    badge.click()
    expect(page).to_have_url(f"{live_server.url}/about/confidence/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How confidence is judged")
