"""The client's IP address: one rule for API throttling and sign-in lockouts.

Anyone can write X-Forwarded-For; only the addresses our own proxies appended can be
trusted. Each proxy appends the address it saw, so with TRUSTED_PROXY_COUNT = N the
client is the Nth address from the right; with 0 (no proxy) it is the socket's address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxy_count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if not proxy_count or not forwarded:
        return remote_addr
    # Fewer addresses than proxies: the request skipped the outer ones, and the
    # left-most is what the first of ours saw (DRF's NUM_PROXIES reads it the same way).
    candidate = forwarded[-min(proxy_count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not written by a proxy we know: the socket is all we can trust
        return remote_addr
