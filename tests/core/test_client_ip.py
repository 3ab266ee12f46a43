"""The client's address: the socket's, unless trusted proxies stand in front."""

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip


def _request(forwarded_for: str | None = None, remote_addr: str = "10.0.0.1"):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_socket_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.1, 203.0.113.5")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        # Our proxy appends the address it saw; whatever the client wrote is to its left.
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (1, "203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        # Fewer addresses than proxies: the outer proxy was skipped; the inner one saw this.
        (2, "203.0.113.5", "203.0.113.5"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_n_proxies_the_nth_forwarded_address_from_the_right_is_the_client(
    settings, count, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded_for)) == expected


@pytest.mark.parametrize("forwarded_for", [None, "", "not-an-address", "203.0.113.5:443"])
def test_a_missing_or_malformed_forwarded_address_falls_back_to_the_socket(settings, forwarded_for):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(forwarded_for)) == "10.0.0.1"


def test_sign_in_lockouts_use_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_ip_address(_request("198.51.100.1, 203.0.113.5")) == "203.0.113.5"
