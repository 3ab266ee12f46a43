"""An editor's round trip in Chromium: sign in, paste an article, review, add a development."""

import re

import pytest
from playwright.sync_api import expect

from negotiations.models import Offer
from tests.browser.sign_in import editor_sign_in

pytestmark = pytest.mark.browser

# A made-up report: the extractor finds several offers in it (one of amnesty, one of relief).
ARTICLE = """The government of Norland offered amnesty to General Arturo Pinzon, the chief of the \
Vantian army, in exchange for his resignation, according to two officials familiar with the talks.

Norland also offered sanctions relief to the Vantian government if it agreed to hold new \
elections, officials said."""


@pytest.fixture
def signed_in_editor(live_server, page, transactional_db):
    user = editor_sign_in(page, live_server, "flow-editor", "/articles/add/")
    expect(page.get_by_role("heading", name="Add an article")).to_be_visible()
    return user


def test_an_editor_ingests_reviews_and_declines_an_offer(live_server, page, screenshot,
                                                         signed_in_editor):  # fmt: skip
    page.get_by_label("Text").fill(ARTICLE)
    page.get_by_label("Published on").fill("2025-02-03")
    page.get_by_label("Title").fill("Norland offers amnesty")
    page.get_by_role("button", name="Ingest article").click()

    # The progress page polls, then lands on the review of what was extracted.
    page.wait_for_url(re.compile(r"/review/\?article=\d+"), timeout=30_000)
    expect(page.get_by_role("heading", name="Norland offers amnesty")).to_be_visible()
    screenshot("editor-review")
    offers = page.locator('li.review-item[data-model="offer"]')
    assert offers.count() >= 2
    amnesty = offers.filter(has_text="Amnesty").first
    amnesty_id = int(amnesty.get_attribute("id").rsplit("-", 1)[1])
    amnesty.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Confirmed:")).to_be_visible()
    other = page.locator('li.review-item[data-model="offer"]').first
    other_id = int(other.get_attribute("id").rsplit("-", 1)[1])
    other.get_by_role("button", name="Reject").click()
    expect(page.get_by_text("Rejected:")).to_be_visible()
    assert Offer.objects.get(pk=amnesty_id).review_state == "confirmed"
    assert Offer.objects.get(pk=other_id).review_state == "rejected"

    # A development that declines the confirmed offer.
    page.goto(f"{live_server.url}/developments/add/?offer={amnesty_id}&status_to=declined")
    page.get_by_label("Title").fill("Pinzon turns down the amnesty")
    page.locator('input[name="occurred_year"]').fill("2025")
    page.locator('select[name="occurred_month"]').select_option("2")
    page.locator('input[name="occurred_day"]').fill("10")
    page.get_by_label("Editor's knowledge, with a note").check()
    page.locator('textarea[name="note"]').fill("Announced on state television.")
    screenshot("editor-development")
    page.get_by_role("button", name="Add development").click()
    expect(page.get_by_text("Added the development")).to_be_visible()
    assert Offer.objects.get(pk=amnesty_id).status == "declined"

    # The dashboard (built on another branch) shows the offer as declined.
    page.goto(f"{live_server.url}/")
    offer_row = page.locator(f'a[href="/offers/{amnesty_id}/"]').first
    expect(offer_row).to_be_visible()
    expect(page.get_by_text("Declined").first).to_be_visible()
    screenshot("editor-dashboard")
