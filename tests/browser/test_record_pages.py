import re

import pytest
from playwright.sync_api import expect

from actors.models import Actor
from negotiations.models import Offer

pytestmark = pytest.mark.browser


def test_from_an_offer_its_source_opens_on_the_highlighted_quote(
    live_server, page, sample_article, screenshot
):
    offer = Offer.objects.filter(evidence__article=sample_article).first()
    evidence = offer.evidence.first()
    page.goto(f"{live_server.url}{offer.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(offer.terms[:30])
    sources = page.locator("details.sources").first
    expect(sources).to_have_attribute("open", "")
    link = sources.locator(f'a[href$="#evidence-{evidence.pk}"]')
    expect(link).to_be_visible()
    screenshot("offer")

    link.click()
    expect(page).to_have_url(re.compile(rf"/sources/{sample_article.pk}/#evidence-{evidence.pk}$"))
    span = page.locator(f"#evidence-{evidence.pk}")
    expect(span).to_be_visible()
    expect(span).to_contain_text(evidence.quote[:40])
    assert span.evaluate("el => el.closest('mark') !== null")
    screenshot("source")


def test_searching_an_alias_leads_to_the_actor_page(live_server, page, sample_article, screenshot):
    actor = next(a for a in Actor.objects.all() if a.aliases.exclude(name=a.name).exists())
    alias = actor.aliases.exclude(name=actor.name).first()
    page.goto(f"{live_server.url}/search/")
    page.keyboard.press("/")
    expect(page.locator("#site-search")).to_be_focused()
    page.keyboard.type(alias.name)
    page.keyboard.press("Enter")
    group = page.locator("#group-actors").locator("..")
    expect(group).to_be_visible()
    screenshot("search")
    group.get_by_role("link", name=actor.name, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{actor.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(actor.name)
