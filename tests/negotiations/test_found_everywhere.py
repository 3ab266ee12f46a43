"""Every page leads to the same data for programs: the API docs, the Atom feed, the CSV."""

import datetime as dt
from html import unescape
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.factories import ActorFactory, EventFactory


def test_every_page_links_the_api_docs_and_the_feed_and_names_its_icon(client, db):
    html = client.get(reverse("negotiations:dashboard")).content.decode()
    assert f'href="{reverse("api-docs")}">API docs</a>' in html
    assert f'href="{reverse("feed-developments")}" type="application/atom+xml"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert "as CSV</a>" not in html  # the dashboard has no CSV of its own
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in html
    assert (Path(settings.BASE_DIR) / "static" / "favicon.svg").read_text().startswith("<svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"


def test_the_timeline_links_its_filtered_rows_as_csv_and_its_filtered_feed(client, db):
    actor = ActorFactory(slug="envoy")
    EventFactory(kind="talks", occurred_on=dt.date(2024, 5, 1)).actors.add(actor)
    url = reverse("negotiations:timeline")
    html = unescape(
        client.get(url, {"actor": "envoy", "kind": "talks", "zoom": "5years"}).content.decode()
    )
    assert '<a href="/timeline/csv/?actor=envoy&kind=talks&zoom=5years" download>' in html
    assert 'href="/feeds/developments/?actor=envoy&kind=talks" type="application/atom+xml"' in html
