"""The pages work under their Content-Security-Policy in a real browser: no violation is
reported, the site's script runs, and the API docs (Swagger UI) draw."""

import pytest

from tests.factories import ActorFactory, EventFactory

pytestmark = pytest.mark.browser


def _violations(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return found


def test_the_pages_run_under_the_policy(live_server, page, db):
    actor = ActorFactory(name="Envoy", slug="envoy")
    EventFactory(title="Envoy visits").actors.add(actor)
    violations = _violations(page)
    for path in ("/", "/timeline/", "/actors/envoy/", "/search/?q=envoy"):
        response = page.goto(f"{live_server.url}{path}")
        assert "script-src 'self'" in response.headers["content-security-policy"]
    # tablero.js (a static file) runs: "/" focuses the search box.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"
    assert violations == []


def test_the_api_docs_draw_under_the_policy(live_server, page, db):
    violations = _violations(page)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Tablero API" in page.inner_text(".swagger-ui .info .title")
    assert violations == []
