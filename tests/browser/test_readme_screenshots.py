"""The README's screenshots: the dashboard, the timeline, a source page and the review
queue, on `make run`'s sample article and the test articles beside it.

Saved under test-artifacts/readme/ like every browser test's; `make screenshots` sets
README_SCREENSHOTS=docs/screenshots to refresh the ones the README shows. One window's
worth (1280 x 800) each, not the whole page, so the committed files stay small.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from sources.models import Article
from tests.browser.conftest import ARTIFACTS
from tests.browser.sign_in import editor_sign_in
from tests.conftest import ingest_path

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
ARTICLES = sorted((settings.BASE_DIR / "tests" / "data" / "articles").glob("*.txt"))


@pytest.fixture
def folder() -> Path:
    chosen = os.environ.get("README_SCREENSHOTS")
    path = settings.BASE_DIR / chosen if chosen else ARTIFACTS / "readme"
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_the_readme_screenshots(live_server, page, transactional_db, sample_article, folder):
    for path in ARTICLES:
        ingest_path(path)
    page.set_viewport_size(VIEWPORT)

    def shoot(name: str, url: str, ready: str, *, scroll_to: str = ""):
        page.goto(f"{live_server.url}{url}")
        expect(page.locator(ready).first).to_be_visible()
        if scroll_to:
            page.locator(scroll_to).evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(folder / f"{name}.png"))
        assert (folder / f"{name}.png").stat().st_size > 10_000

    shoot("dashboard", "/", "main h2")
    shoot("timeline", "/timeline/", "svg.timeline-svg", scroll_to="#lanes-heading")
    article = Article.objects.order_by("published_on").last()
    shoot("source", article.get_absolute_url(), "mark.span")

    editor_sign_in(page, live_server, "readme-editor", "/review/")
    shoot("review", "/review/", "main h1")
