"""Every page an analyst or an editor reaches, on the sample article's data, through axe in
Chromium at desktop and phone widths: no serious or critical violation anywhere."""

import pytest
from django.urls import reverse

from actors.models import Actor
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from tests.browser.accessibility import serious_violations
from tests.browser.sign_in import editor_sign_in
from tests.conftest import SAMPLE_ARTICLE, ingest_path

pytestmark = pytest.mark.browser


@pytest.fixture
def pages(live_server, page, transactional_db) -> list[str]:
    """The sample article ingested, an editor signed in, and a URL of every kind of page."""
    article = ingest_path(SAMPLE_ARTICLE)
    editor_sign_in(page, live_server, "axe-editor")
    offer = Offer.objects.first()
    urls = [
        reverse("negotiations:dashboard"),
        reverse("negotiations:dashboard") + f"?as_of={article.published_on.isoformat()}",
        reverse("negotiations:timeline"),
        reverse("negotiations:network"),
        reverse("negotiations:search") + "?q=amnesty",
        reverse("negotiations:source", args=[article.pk]),
        offer.get_absolute_url(),
        Actor.objects.order_by("id").first().get_absolute_url(),
        reverse("negotiations:about_confidence"),
        reverse("negotiations:about_verdicts"),
        reverse("negotiations:review"),
        reverse("negotiations:disagreements"),
        reverse("negotiations:article_add"),
        reverse("negotiations:development_add"),
        reverse("negotiations:record_edit", args=["offer", offer.pk]),
        reverse("negotiations:record_history", args=["offer", offer.pk]),
    ]
    for model in (TalksChannel, Indictment, Event, Position):
        record = model.objects.order_by("id").first()
        if record is not None:
            urls.append(record.get_absolute_url())
    return urls


@pytest.mark.parametrize("width", [1366, 390])
def test_no_page_has_a_serious_accessibility_violation(live_server, page, pages, width):
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for url in pages:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        violations = serious_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
