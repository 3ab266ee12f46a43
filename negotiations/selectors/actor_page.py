"""An actor's page: the actor as known on a date, its roles, and the first few of each kind
of negotiation record it appears in."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q

from actors.models import Actor, Role
from actors.selectors import actor_list
from core.asof import known_by
from core.models import ReviewState
from negotiations.models import Event, Indictment, Offer
from negotiations.selectors.network import Network, actor_network
from negotiations.selectors.records import (
    RELATED_LIMIT,
    Related,
    channel_list,
    event_list_related,
    indictment_list,
    offer_list,
    position_list,
    related,
)
from sources.selectors import evidence_prefetch


@dataclass
class ActorDetail:
    """An actor and, newest first, the first few of each kind of record it appears in."""

    actor: Actor
    offers: Related
    indictments: Related
    channels: Related
    positions: Related
    events: Related
    network: Network  # the actors it shares a channel or an offer with


def _roles(as_of: dt.date | None) -> Prefetch:
    roles = Role.objects.exclude(review_state=ReviewState.REJECTED)
    if as_of is not None:
        roles = roles.filter(known_by(as_of))
    roles = (
        roles.select_related("organization")
        .prefetch_related(evidence_prefetch(as_of))
        .order_by(F("started_on").desc(nulls_last=True), "title")
    )
    return Prefetch("roles", queryset=roles)


def actor_detail(
    *, slug: str, as_of: dt.date | None = None, limit: int = RELATED_LIMIT
) -> ActorDetail:
    """The actor known on `as_of` (raises Actor.DoesNotExist), in a fixed number of queries."""
    # actor_list already prefetches the actor's evidence as of the date.
    actor = actor_list(as_of=as_of).prefetch_related(_roles(as_of)).get(slug=slug)
    offer_ids = Offer.objects.filter(Q(offered_by=actor) | Q(recipients=actor)).values("pk")
    indictment_ids = Indictment.objects.filter(Q(defendants=actor) | Q(authority=actor)).values(
        "pk"
    )
    return ActorDetail(
        actor=actor,
        offers=related(
            offer_list(as_of=as_of)
            .filter(pk__in=offer_ids)
            .order_by(F("status_since").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        indictments=related(
            indictment_list(as_of=as_of)
            .filter(pk__in=indictment_ids)
            .order_by(F("filed_on").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        channels=related(
            channel_list(as_of=as_of)
            .filter(pk__in=actor.channel_roles.values("channel_id"))
            .order_by(F("last_seen_on").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        positions=related(
            position_list(as_of=as_of)
            .filter(actor=actor)
            .order_by(F("stated_on").desc(nulls_last=True), "-id"),
            limit=limit,
        ),
        events=event_list_related(
            as_of=as_of,
            limit=limit,
            pk__in=Event.actors.through.objects.filter(actor=actor).values("event_id"),
        ),
        network=actor_network(actor=actor, as_of=as_of),
    )
