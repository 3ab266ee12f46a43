"""Filters for the record, source and search pages."""

import datetime as dt

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from actors.choices import Side
from negotiations.records import record_label

register = template.Library()

_SIDE_LABELS = {**dict(Side.choices), "mediator": "Mediators"}


@register.filter
def as_of_url(record, as_of: dt.date | None) -> str:
    """The record's page, keeping the as-of date the reader is viewing."""
    url = record.get_absolute_url()
    return f"{url}?{urlencode({'as_of': as_of.isoformat()})}" if as_of else url


register.filter(record_label)


@register.filter
def node_url(node, as_of: dt.date | None) -> str:
    """An actor's page from a network node (negotiations.selectors.network), keeping the date."""
    url = reverse("actors:detail", args=[node.slug])
    return f"{url}?{urlencode({'as_of': as_of.isoformat()})}" if as_of else url


@register.filter
def side_label(code: str) -> str:
    return _SIDE_LABELS.get(code, str(code).replace("_", " ").capitalize())
