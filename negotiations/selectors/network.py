"""Who talks to whom, as known on a date: actors linked by the talks channels they share
and the offers between them.

Two queries whatever the data size (channel memberships, offer pairs), each row
carrying the actor's name, slug and side, so no actor is loaded on its own. A channel
links each pair of its participants; an offer links its maker to each recipient.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import F, Q, QuerySet
from django.urls import reverse

from actors.choices import Side
from actors.models import Actor
from core.asof import visible
from negotiations.choices import OfferKind
from negotiations.models import ChannelParticipant, Offer, TalksChannel

# Sides in reading order (as the timeline's lanes); the layout groups actors by them.
SIDE_ORDER = (
    Side.US_GOVERNMENT,
    Side.VENEZUELAN_GOVERNMENT,
    Side.OPPOSITION,
    Side.MEDIATOR,
    Side.OTHER,
    Side.UNKNOWN,
)
NETWORK_LIMIT = 40  # actors drawn on /network/: beyond that a circle is unreadable
ACTOR_LIMIT = 24  # actors drawn around one actor on its page

_KIND_LABELS = dict(OfferKind.choices)


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    slug: str
    side: str

    @property
    def sort_key(self) -> tuple:
        rank = SIDE_ORDER.index(self.side) if self.side in SIDE_ORDER else len(SIDE_ORDER)
        return (rank, self.name.casefold(), self.id)

    @property
    def side_label(self) -> str:
        return Side(self.side).label if self.side in Side.values else self.side


@dataclass(frozen=True)
class Link:
    """One relation: "talks: <channel>" between two participants, or "offer: <kind>"
    from its maker to a recipient (`directed`), with that channel's or offer's id."""

    source: Node
    target: Node
    label: str
    record_id: int
    directed: bool

    @property
    def url(self) -> str:
        # Reversed only for the relations drawn: thousands are read, at most a few
        # hundred shown.
        name = "negotiations:offer" if self.directed else "negotiations:channel"
        return reverse(name, args=[self.record_id])


@dataclass
class Edge:
    """The relations between one pair of actors, drawn as one line."""

    first: Node
    second: Node
    links: list[Link] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "; ".join(link.label for link in self.links)


@dataclass
class Network:
    nodes: list[Node]  # in layout order: by side, then name
    edges: list[Edge]
    connected: int  # actors with at least one relation, before the cap
    center: Node | None = None  # the actor whose page this is

    @property
    def capped(self) -> bool:
        return self.connected > len(self.nodes)

    @property
    def links(self) -> list[Link]:
        return [link for edge in self.edges for link in edge.links]


_ACTOR_FIELDS = ("id", "name", "slug", "side")


def _node(row: dict, prefix: str) -> Node:
    return Node(*(row[f"{prefix}{name}"] for name in _ACTOR_FIELDS))


def _values(queryset: QuerySet, *fields: str, **actors: str) -> list[dict]:
    """Rows of `fields` plus, for each `prefix=path`, that actor's id, name, slug, side."""
    names = {
        f"{prefix}{name}": f"{path}__{name}"
        for prefix, path in actors.items()
        for name in _ACTOR_FIELDS
    }
    rows = queryset.values(*fields, *names.values())
    return [
        {**{f: row[f] for f in fields}, **{k: row[p] for k, p in names.items()}} for row in rows
    ]


def _links(as_of: dt.date | None, actor_id: int | None) -> list[Link]:
    actors = visible(Actor.objects.all(), as_of).values("pk")
    channels = visible(TalksChannel.objects.all(), as_of)
    offers = visible(Offer.objects.all(), as_of).filter(offered_by__in=actors)
    if actor_id is not None:
        channels = channels.filter(participants__actor_id=actor_id)
        offers = offers.filter(Q(offered_by_id=actor_id) | Q(recipients__id=actor_id))
    members = ChannelParticipant.objects.filter(
        channel__in=channels.values("pk"), actor__in=actors
    ).order_by("channel_id", "actor_id")
    pairs = (
        Offer.recipients.through.objects.filter(offer__in=offers.values("pk"), actor__in=actors)
        # A recipient who is also the maker is no relation between two actors.
        .exclude(actor_id=F("offer__offered_by_id"))
        .order_by("offer_id", "actor_id")
    )
    links: list[Link] = []
    by_channel: dict[int, list[dict]] = defaultdict(list)
    for row in _values(members, "channel_id", "channel__name", actor="actor"):
        by_channel[row["channel_id"]].append(row)
    for channel_id, rows in by_channel.items():
        label = f"talks: {rows[0]['channel__name']}"
        nodes = [_node(row, "actor") for row in rows]
        links.extend(
            Link(one, other, label, channel_id, directed=False)
            for one, other in combinations(nodes, 2)
        )
    for row in _values(pairs, "offer_id", "offer__kind", maker="offer__offered_by", to="actor"):
        kind = str(_KIND_LABELS.get(row["offer__kind"], row["offer__kind"])).lower()
        links.append(
            Link(_node(row, "maker"), _node(row, "to"), f"offer: {kind}", row["offer_id"], True)
        )
    return links


def _network(links: list[Link], *, limit: int, center: Node | None = None) -> Network:
    neighbours: dict[Node, set[Node]] = defaultdict(set)
    for link in links:
        neighbours[link.source].add(link.target)
        neighbours[link.target].add(link.source)
    connected = [node for node in neighbours if node != center]
    # The most connected first; ties by side and name, so the same data keeps the same cut.
    ranked = sorted(connected, key=lambda node: (-len(neighbours[node]), node.sort_key))
    kept = set(ranked[:limit]) | ({center} if center else set())
    edges: dict[tuple[Node, Node], Edge] = {}
    for link in links:
        if link.source not in kept or link.target not in kept:
            continue
        first, second = sorted((link.source, link.target), key=lambda node: node.sort_key)
        edges.setdefault((first, second), Edge(first, second)).links.append(link)
    nodes = sorted((node for node in kept if node != center), key=lambda node: node.sort_key)
    ordered = sorted(edges.values(), key=lambda edge: (edge.first.sort_key, edge.second.sort_key))
    return Network(nodes=nodes, edges=ordered, connected=len(connected), center=center)


def network_of(*, as_of: dt.date | None = None, limit: int = NETWORK_LIMIT) -> Network:
    """Every actor known on `as_of` with a relation, the `limit` most connected drawn."""
    return _network(_links(as_of, None), limit=limit)


def actor_network(*, actor: Actor, as_of: dt.date | None = None, limit: int = ACTOR_LIMIT):
    """The actors `actor` shares a channel or an offer with, and those relations only."""
    center = Node(actor.pk, actor.name, actor.slug, actor.side)
    links = [link for link in _links(as_of, actor.pk) if center in (link.source, link.target)]
    return _network(links, limit=limit, center=center)
