"""The dashboard: the negotiation state at a glance, as of a date."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.pages import as_of_context
from negotiations.choices import OfferStatus
from negotiations.selectors import NegotiationState, channel_sides, negotiation_state

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


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    context = as_of_context(request)
    state = negotiation_state(as_of=context["as_of"])
    standing, outcomes = _offer_breakdown(state)
    context.update(
        state=state,
        standing=standing,
        outcomes=outcomes,
        offer_total=sum(state.offer_counts.values()),
        channel_total=sum(state.channel_counts.values()),
        channel_rows=_channel_rows(state),
    )
    return render(request, "negotiations/dashboard.html", context)
