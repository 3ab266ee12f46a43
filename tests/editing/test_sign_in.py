"""Signing in and out; failed sign-ins are throttled per account and address."""

from django.conf import settings as django_settings
from django.test import Client

GOOD = {"username": "editor", "password": "editor-pass-123", "next": "/review/"}


def test_an_editor_signs_in_and_out(client, editor, settings):
    # The default destination (the dashboard) is routed on another branch.
    settings.LOGOUT_REDIRECT_URL = "/accounts/login/"
    response = client.post("/accounts/login/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/review/").status_code == 302


def test_repeated_failures_lock_the_account_from_that_address_with_a_clear_message(editor):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/accounts/login/", GOOD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-ins" in html and "15 minutes" in html
    assert "_auth_user_id" not in client.session
    # Another address is not locked out: throttling is per account *and* address.
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post("/accounts/login/", GOOD).status_code == 302


def test_a_wrong_password_shows_the_form_again(client, editor):
    response = client.post("/accounts/login/", {"username": "editor", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
