"""Helpers for server-rendered pages."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest

from core.asof import AsOfError, as_of_parse


def as_of_from_request(request: HttpRequest) -> dt.date | None:
    """The page's `?as_of=`; a malformed one is ignored with a visible message (never a 500)."""
    try:
        return as_of_parse(request.GET.get("as_of"))
    except AsOfError as error:
        messages.warning(request, f"{error} Showing today's state instead.")
        return None


def as_of_context(request: HttpRequest) -> dict:
    """Context for a page that honours `?as_of=`: the date, and the other GET params to keep."""
    return {
        "as_of": as_of_from_request(request),
        "honours_as_of": True,
        "preserved_params": [
            (name, value)
            for name, values in request.GET.lists()
            if name not in {"as_of", "page", "cursor", "after", "before", "date"}
            for value in values
        ],
    }


def posted_version(request: HttpRequest) -> int | None:
    """The record version a POSTed page form carries (None when absent or malformed)."""
    version = request.POST.get("version", "")
    return int(version) if version.isdecimal() else None
