"""The dashboard: the negotiation state at a glance, as of a date."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.pages import as_of_context
from negotiations.choices import OfferStatus
from negotiations.selectors import (
    NegotiationState,
    channel_sides,
    data_dates,
    freshness,
    negotiation_state,
    passed_list,
)
from negotiations.verdicts import DEFAULT_WINDOW, WINDOW_CHOICES, WindowError, window_parse

# Outcomes the headline names even when there are none ("none accepted").
_OUTCOMES = (OfferStatus.DECLINED, OfferStatus.ACCEPTED, OfferStatus.WITHDRAWN)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def _offer_breakdown(state: NegotiationState) -> tuple[list[StatusCount], list[StatusCount]]:
    """Standing offers by status, and how many ended declined, accepted or withdrawn."""
    standing = [
        StatusCount(s.value, s.label, state.offer_counts[s.value])
        for s in (OfferStatus.PROPOSED, OfferStatus.UNDER_DISCUSSION)
        if state.offer_counts.get(s.value)
    ]
    outcomes = [
        StatusCount(s.value, s.label, state.offer_counts.get(s.value, 0)) for s in _OUTCOMES
    ]
    return standing, outcomes


def _channel_rows(state: NegotiationState) -> list[dict]:
    rows = []
    for channel in state.channels:
        sides = channel_sides(channel)
        rows.append(
            {
                "channel": channel,
                "mediators": sides.pop("mediator", []),
                "parties": sorted(sides.items()),
            }
        )
    return rows


def _window(request: HttpRequest) -> int:
    """The page's `?window=` in days; a bad one is ignored with a visible message."""
    try:
        return window_parse(request.GET.get("window"))
    except WindowError as error:
        messages.warning(request, f"{error} Showing the last {DEFAULT_WINDOW} days instead.")
        return DEFAULT_WINDOW


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    context = as_of_context(request)
    as_of = context["as_of"]
    state = negotiation_state(as_of=as_of, window=_window(request))
    passed = passed_list(as_of=as_of)
    if state.is_empty and not passed:
        # Before anything was known: where the data starts and ends, to go there instead.
        first_on, latest_on = data_dates() if as_of else (None, None)
        context.update(state=state, first_on=first_on, latest_on=latest_on)
        return render(request, "negotiations/dashboard.html", context)
    standing, outcomes = _offer_breakdown(state)
    context.update(
        freshness=freshness(as_of=as_of),
        window_choices=WINDOW_CHOICES,
        passed=passed,
        state=state,
        standing=standing,
        outcomes=outcomes,
        offer_total=sum(state.offer_counts.values()),
        channel_total=sum(state.channel_counts.values()),
        channel_rows=_channel_rows(state),
    )
    return render(request, "negotiations/dashboard.html", context)
