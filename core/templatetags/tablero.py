"""Template filters shared by every page."""

import datetime as dt

from django import template

from core.dates import format_partial_date
from core.models import shown as shown_record
from negotiations.choices import ChannelStatus, EventStatus, IndictmentStatus, OfferStatus
from sources.choices import ArticleStatus

register = template.Library()

# Status codes are unique across these choices, so one lookup serves annotated
# values such as `status_as_of` that have no get_FOO_display().
_STATUS_LABELS = {
    value: label
    for choices in (OfferStatus, ChannelStatus, IndictmentStatus, EventStatus, ArticleStatus)
    for value, label in choices.choices
}


@register.filter
def status_label(value: str) -> str:
    return _STATUS_LABELS.get(value, str(value).replace("_", " ").capitalize())


@register.filter
def shown(record):
    """`{% with subject=event.subject|shown %}`: nothing for a record an editor rejected."""
    return shown_record(record)


@register.filter
def partial_date(value: dt.date | None, precision: str) -> str:
    """`{{ offer.status_since|partial_date:offer.offered_precision }}`: never invent a day."""
    return format_partial_date(value, precision)
