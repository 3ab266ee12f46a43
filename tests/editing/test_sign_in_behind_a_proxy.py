"""Behind a trusted proxy, sign-in lockouts count the address the proxy saw."""

from django.conf import settings as django_settings
from django.test import Client

PROXY = "10.0.0.1"
GOOD = {"username": "editor", "password": "editor-pass-123", "next": "/review/"}


def _fail_sign_in(client: Client, forwarded_for: str) -> None:
    client.post(
        "/accounts/login/",
        {"username": "editor", "password": "wrong"},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_a_client_is_locked_out_whatever_it_writes_before_the_proxys_address(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR=PROXY)
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        _fail_sign_in(attacker, f"198.51.100.{n}, 203.0.113.7")
    response = attacker.post("/accounts/login/", GOOD, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert response.status_code == 429


def test_another_client_behind_the_same_proxy_can_still_sign_in(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR=PROXY)
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _fail_sign_in(attacker, "203.0.113.7")
    editor_client = Client(REMOTE_ADDR=PROXY)
    response = editor_client.post("/accounts/login/", GOOD, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302
