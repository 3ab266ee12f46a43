"""Who talks to whom, and an actor's page, in Chromium at desktop and phone widths, with
axe's accessibility check (no serious or critical violation)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from actors.models import Role
from negotiations.models import ChannelParticipant
from tests.browser.accessibility import serious_violations
from tests.factories import ActorFactory, OfferFactory, TalksChannelFactory

pytestmark = pytest.mark.browser

WIDTHS = [1366, 390]


@pytest.fixture
def relations(transactional_db):
    """Three actors in one channel, an offer from one to another, and two roles."""
    envoy = ActorFactory(name="Envoy Figueroa", slug="envoy", side="us_government")
    leader = ActorFactory(name="Leader Castellanos", slug="leader", side="venezuelan_government")
    mediator = ActorFactory(name="Mediator Lindqvist", slug="mediator", side="mediator")
    channel = TalksChannelFactory(name="Harbour talks")
    ChannelParticipant.objects.bulk_create(
        ChannelParticipant(channel=channel, actor=actor) for actor in (envoy, leader, mediator)
    )
    offer = OfferFactory(offered_by=envoy, kind="amnesty", terms="Amnesty for an exit")
    offer.recipients.add(leader)
    Role.objects.create(
        actor=leader, title="interior minister", started_on=dt.date(2013, 4, 1),
        ended_on=dt.date(2018, 6, 1),
    )  # fmt: skip
    Role.objects.create(actor=leader, title="party leader", started_on=dt.date(2018, 7, 1))
    return {"envoy": envoy, "leader": leader, "mediator": mediator}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_network_page_draws_who_talks_to_whom_and_lists_it(
    live_server, page, relations, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Network").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who talks to whom")
    graph = page.locator("svg.network-svg")
    expect(graph).to_be_visible()
    expect(graph.locator("a.node")).to_have_count(3)
    expect(graph.locator("line.edge")).to_have_count(3)
    expect(graph.locator("line.edge.offer")).to_have_count(1)
    table = page.locator("table.network-table")
    expect(table.locator("tbody tr")).to_have_count(4)  # three pairs in the channel, one offer
    expect(table).to_contain_text("offer: amnesty")
    expect(table).to_contain_text("talks: Harbour talks")
    screenshot(f"network-{width}")
    assert serious_violations(page) == []
    graph.locator("a.node", has_text="Mediator Lindqvist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediator Lindqvist")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_actor_page_shows_its_relations_offers_and_roles(
    live_server, page, relations, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/actors/leader/")
    section = page.get_by_role("region", name="Who Leader Castellanos deals with")
    graph = section.locator("svg.network-svg")
    expect(graph).to_be_visible()
    expect(graph.locator("a.node")).to_have_count(3)  # itself in the middle and two others
    expect(graph.locator("a.node.center")).to_contain_text("Leader Castellanos")
    expect(graph.locator("text.edge-label")).to_contain_text(["talks: Harbour talks"])
    expect(page.locator(".direction")).to_contain_text("Received by this actor from Envoy")
    strip = page.locator("svg.role-strip")
    expect(strip).to_be_visible()
    expect(strip.locator("g.role-bar")).to_have_count(2)
    expect(strip.locator("g.role-bar.open-end")).to_contain_text("party leader")
    section.locator("summary").click()
    expect(section.locator("table.network-table tbody tr")).to_have_count(3)
    screenshot(f"actor-page-{width}")
    assert serious_violations(page) == []


def test_the_offer_maker_reads_made_by(live_server, page, relations):
    page.goto(f"{live_server.url}/actors/envoy/")
    expect(page.locator(".direction")).to_contain_text("Made by this actor to Leader Castellanos")
