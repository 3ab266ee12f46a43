"""Filters for the dashboard, the timeline and the status badges of every page."""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe

from actors.choices import Side
from core.dates import DatePrecision
from negotiations.choices import ChannelStatus, EventStatus, IndictmentStatus, OfferStatus
from sources.choices import ArticleStatus

register = template.Library()

_SIDES = dict(Side.choices)

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
def side_label(value: str) -> str:
    return _SIDES.get(value, str(value).replace("_", " ").capitalize())


@register.filter
def days_left(deadline) -> str:
    """'in 82 days', 'tomorrow', 'today', or 'this month' when a vaguer period has begun."""
    days = deadline.days_left
    if days > 1:
        return f"in {days:,} days"
    if days == 1:
        return "tomorrow"
    precision = deadline.event.occurred_precision
    if precision == DatePrecision.MONTH:
        return "this month"
    if precision == DatePrecision.YEAR:
        return "this year"
    return "today"


@register.simple_tag
def actor_options(actors: list[tuple[str, str]], selected: str) -> SafeString:
    """The actor picker's <option>s, escaped, in one pass. With thousands of actors a
    template loop (or format_html per option) was most of the timeline's render time,
    hence the standard library's escape, which quotes attributes as well."""
    return mark_safe(  # noqa: S308 - every value is escaped just below
        "".join(
            f'<option value="{html.escape(slug)}"{" selected" if slug == selected else ""}>'
            f"{html.escape(name)}</option>"
            for slug, name in actors
        )
    )
