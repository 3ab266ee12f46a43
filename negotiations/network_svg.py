"""Where each actor of a network sits, computed here, drawn by a template.

The layout is a circle in a fixed order (by side, then name: see
negotiations.selectors.network), so the same data always gives the same picture and
an actor's side is where the reader expects it. On an actor's page the actor sits in
the middle and the actors it deals with around it, each line labelled.
"""

import math
from dataclasses import dataclass

from negotiations.selectors.network import Edge, Network, Node

NAME_LENGTH = 24  # characters of a name drawn; the full name is the node's title
# From this many actors on the circle, names are written along their radius: level names
# near the top and the bottom, where neighbours sit close side by side, ran into each other.
RADIAL_FROM = 16


@dataclass(frozen=True)
class PlacedNode:
    node: Node
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor of the name: outside the circle
    is_center: bool = False
    label_angle: float | None = None  # the name turned along its radius (many actors)

    @property
    def short_name(self) -> str:
        name = self.node.name
        return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1].rstrip() + "…"


@dataclass(frozen=True)
class PlacedEdge:
    edge: Edge
    x1: float
    y1: float
    x2: float
    y2: float
    # The label along the line, turned so it never reads upside down.
    label_x: float
    label_y: float
    angle: float

    @property
    def short_label(self) -> str:
        links = self.edge.links
        more = f" +{len(links) - 1}" if len(links) > 1 else ""
        first = links[0].label
        room = NAME_LENGTH - len(more)
        return (first if len(first) <= room else first[: room - 1].rstrip() + "…") + more

    @property
    def offers(self) -> bool:
        return any(link.directed for link in self.edge.links)


@dataclass(frozen=True)
class NetworkSvg:
    width: int
    height: int
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    edge_labels: bool  # drawn along the lines (around one actor); else in the table only


def _r(value: float) -> float:
    return round(value, 1)


def _on_circle(nodes: list[Node], cx: float, cy: float, radius: float) -> list[PlacedNode]:
    placed = []
    for index, node in enumerate(nodes):
        # From the top, clockwise; a lone neighbour sits to the right.
        angle = -math.pi / 2 + 2 * math.pi * index / len(nodes) if len(nodes) > 1 else 0.0
        cos, sin = math.cos(angle), math.sin(angle)
        if len(nodes) >= RADIAL_FROM:
            placed.append(_radial(node, cx, cy, radius, angle))
            continue
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        gap = 12 if anchor != "middle" else 16
        placed.append(
            PlacedNode(
                node,
                _r(cx + radius * cos),
                _r(cy + radius * sin),
                _r(cx + (radius + gap) * cos),
                _r(cy + (radius + gap) * sin + (4 if anchor != "middle" else 4 * (sin > 0))),
                anchor,
            )
        )
    return placed


def _radial(node: Node, cx: float, cy: float, radius: float, angle: float) -> PlacedNode:
    """A node whose name runs outwards along its radius, turned to read left to right."""
    cos, sin = math.cos(angle), math.sin(angle)
    right = cos >= -1e-9
    degrees = math.degrees(angle) - (0 if right else 180)  # within -90..90
    return PlacedNode(
        node,
        _r(cx + radius * cos),
        _r(cy + radius * sin),
        _r(cx + (radius + 10) * cos),
        _r(cy + (radius + 10) * sin),
        "start" if right else "end",
        label_angle=_r(degrees),
    )


def _edge(edge: Edge, at: dict[int, PlacedNode]) -> PlacedEdge:
    one, other = at[edge.first.id], at[edge.second.id]
    if other.is_center:  # labels read from the middle outwards
        one, other = other, one
    degrees = math.degrees(math.atan2(other.y - one.y, other.x - one.x))
    if degrees > 90 or degrees < -90:
        degrees += 180
    return PlacedEdge(
        edge,
        one.x,
        one.y,
        other.x,
        other.y,
        _r(one.x + (other.x - one.x) * 0.55),
        _r(one.y + (other.y - one.y) * 0.55),
        _r(degrees),
    )


def network_svg(network: Network) -> NetworkSvg:
    """The whole network on a circle, or one actor in the middle of its own."""
    if network.center is not None:
        width, height, radius = 760, 520, 180
    else:
        width, height, radius = 960, 740, 270
    if len(network.nodes) >= RADIAL_FROM:  # names outwards on every side: room above, below
        height = width = 2 * (radius + 190)
    cx, cy = width / 2, height / 2
    nodes = _on_circle(network.nodes, cx, cy, radius)
    if network.center is not None:
        nodes.append(PlacedNode(network.center, cx, cy, cx, cy - 14, "middle", is_center=True))
    at = {placed.node.id: placed for placed in nodes}
    edges = [_edge(edge, at) for edge in network.edges]
    return NetworkSvg(width, height, nodes, edges, edge_labels=network.center is not None)
