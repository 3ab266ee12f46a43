"""The timeline's actor field with many actors, in Chromium: suggestions as one types,
and a plain typed name when the suggestions are not used."""

import re

import pytest
from playwright.sync_api import expect

from negotiations.views import timeline
from tests.browser.accessibility import serious_violations
from tests.factories import ActorFactory, EventFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def many_actors(transactional_db, monkeypatch):
    monkeypatch.setattr(timeline, "PICKER_MAX", 3)
    envoy = ActorFactory(name="Special Envoy", slug="special-envoy")
    others = [ActorFactory(name=f"Official {n}", slug=f"official-{n}") for n in range(4)]
    EventFactory(title="Envoy visits").actors.set([envoy])
    EventFactory(title="Officials meet").actors.set(others[:2])
    return envoy


def test_typing_suggests_actors_and_the_chosen_slug_filters(live_server, page, many_actors):
    page.goto(live_server.url + "/timeline/")
    field = page.get_by_label("Actor")
    field.press_sequentially("Spec", delay=30)
    suggestion = page.locator('#actor-suggestions option[value="special-envoy"]')
    expect(suggestion).to_have_attribute("label", "Special Envoy")
    field.fill(suggestion.get_attribute("value"))  # what choosing the suggestion enters
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"actor=special-envoy"))
    expect(page.locator("li.timeline-row")).to_have_count(1)
    expect(page.locator("li.timeline-row")).to_contain_text("Envoy visits")
    expect(field).to_have_value("special-envoy")
    # The filter form, which this test is about (every whole page is checked by
    # test_accessibility_every_page.py).
    serious = serious_violations(page, context="form.timeline-filters")
    assert serious == [], serious


def test_a_typed_name_filters_without_the_suggestions(live_server, page, many_actors):
    page.route("**/actors/suggest.json*", lambda route: route.abort())
    page.goto(live_server.url + "/timeline/")
    page.get_by_label("Actor").fill("special envoy")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("li.timeline-row")).to_have_count(1)
    expect(page.get_by_label("Actor")).to_have_value("special-envoy")
