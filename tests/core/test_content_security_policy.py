"""Every response carries a Content-Security-Policy that allows no inline script or style,
and no page we render needs one: scripts and styles are static files from this site."""

import re

import pytest

from tests.factories import ActorFactory, EventFactory, OfferFactory

# An inline <script> (one without src), an inline <style>, a style attribute, or an
# event-handler attribute: what the policy would block.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style[\s>]|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
)


def test_every_response_carries_the_policy(client, db):
    for url in ("/", "/api/v1/actors/", "/no-such-page/", "/api/docs/"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["default-src"] == "'self'", url
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.fixture
def records(db):
    actor = ActorFactory(slug="envoy")
    offer = OfferFactory(offered_by=actor)
    event = EventFactory(offer=offer, title="Envoy visits")
    event.actors.add(actor)
    return actor, offer, event


def test_no_page_has_an_inline_script_or_style(client, editor, records):
    actor, offer, event = records
    urls = [
        "/",
        "/timeline/",
        "/search/?q=envoy",
        actor.get_absolute_url(),
        offer.get_absolute_url(),
        event.get_absolute_url(),
        "/accounts/login/",
        "/api/docs/",
        "/no-such-page/",
    ]
    client.force_login(editor)
    urls += ["/developments/add/", "/articles/add/", "/review/", "/records/offer/add/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        found = INLINE.findall(response.content.decode())
        assert found == [], (url, found)


def test_the_api_docs_start_up_script_is_a_file(client, db):
    page = client.get("/api/docs/").content.decode()
    sources = re.findall(r'<script src="([^"]+)"', page)
    assert "/api/docs/?script=" in sources
    script = client.get("/api/docs/?script")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
