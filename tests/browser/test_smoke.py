import pytest

pytestmark = pytest.mark.browser


def test_it_renders_the_sign_in_page_in_chromium(live_server, page, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    assert screenshot("sign-in").stat().st_size > 0
