"""Template filters shared by every page."""

import datetime as dt

from django import template

from core.dates import format_partial_date
from core.models import shown as shown_record

register = template.Library()


@register.filter
def shown(record):
    """`{% with subject=event.subject|shown %}`: nothing for a record an editor rejected."""
    return shown_record(record)


@register.filter
def partial_date(value: dt.date | None, precision: str) -> str:
    """`{{ offer.status_since|partial_date:offer.offered_precision }}`: never invent a day."""
    return format_partial_date(value, precision)
