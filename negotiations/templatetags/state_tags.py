"""Filters for the dashboard and the timeline."""

from django import template

from actors.choices import Side
from core.dates import DatePrecision

register = template.Library()

_SIDES = dict(Side.choices)


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
