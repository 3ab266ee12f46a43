"""Filters for the dashboard, the timeline and the status badges of every page."""

import html
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from actors.choices import Side
from core.asof import today
from core.dates import DatePrecision
from negotiations.choices import ChannelStatus, EventStatus, IndictmentStatus, OfferStatus
from negotiations.verdict_rules import DETERIORATES, IMPROVES, NOTED
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


# A month or a year that has begun (and not ended), as a reader says it.
_PERIOD_RUNNING = {DatePrecision.MONTH: "this month", DatePrecision.YEAR: "this year"}


@register.filter
def days_left(deadline) -> str:
    """'in 82 days', 'tomorrow', 'today', or 'this month' when a vaguer period has begun."""
    days = deadline.days_left
    if days > 1:
        return f"in {days:,} days"
    if days == 1:
        return "tomorrow"
    return _PERIOD_RUNNING.get(deadline.event.occurred_precision, "today")


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


_ARROWS = {"improved": "↑", "deteriorated": "↓", "unchanged": "→"}
_EFFECTS = {IMPROVES: ("↑", "improves"), DETERIORATES: ("↓", "deteriorates"), NOTED: ("·", "noted")}


@register.filter
def verdict_arrow(verdict: str) -> str:
    return _ARROWS.get(verdict, "")


@register.filter
def effect_arrow(effect: int) -> str:
    return _EFFECTS[effect][0]


@register.filter
def effect_word(effect: int) -> str:
    return _EFFECTS[effect][1]


@register.simple_tag
def verdict_timeline_url(verdicts, track, as_of) -> str:
    """The timeline filtered to the window's dates and the kinds that moved `track`."""
    params = [
        ("occurred_after", verdicts.start.isoformat()),
        ("occurred_before", verdicts.end.isoformat()),
        *(("kind", kind) for kind in track.event_kinds),
    ]
    if as_of:
        params.append(("as_of", as_of.isoformat()))
    return f"{reverse('negotiations:timeline')}?{urlencode(params)}"


@register.filter
def schedule_note(event, day) -> str:
    """A scheduled event's badge: "Scheduled", or "No report since Nov 2024" once its whole
    period went by before `day` (the as-of date, else today) with no report it happened."""
    if event.partial_date.end < (day or today()):
        return f"No report since {event.date_display}"
    return "Scheduled"


@register.filter
def days_ago(days: int, precision: str) -> str:
    """'12 days ago', 'yesterday', or 'today' ('this month', 'this year' while a vaguer
    period runs): `days` counts from the period's end (NegotiationState)."""
    if days > 1:
        return f"{days:,} days ago"
    if days == 1:
        return "yesterday"
    return _PERIOD_RUNNING.get(precision, "today")
