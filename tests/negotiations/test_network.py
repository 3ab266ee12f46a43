"""Who talks to whom: /network/ and the graph on an actor's page."""

import datetime as dt
import math

from negotiations.models import ChannelParticipant
from negotiations.network_svg import NAME_LENGTH, RADIAL_FROM, network_svg
from negotiations.selectors.network import actor_network, network_of
from tests.factories import ActorFactory, OfferFactory, TalksChannelFactory
from tests.pages import queries_on


def _talks(name, *actors, **fields):
    channel = TalksChannelFactory(name=name, **fields)
    ChannelParticipant.objects.bulk_create(
        ChannelParticipant(channel=channel, actor=actor) for actor in actors
    )
    return channel


def _offer(maker, *recipients, **fields):
    offer = OfferFactory(offered_by=maker, **fields)
    offer.recipients.add(*recipients)
    return offer


def test_a_shared_channel_and_an_offer_link_actors_with_labelled_edges(db):
    envoy = ActorFactory(name="Envoy", side="us_government")
    leader = ActorFactory(name="Leader", side="venezuelan_government")
    mediator = ActorFactory(name="Mediator", side="mediator")
    _talks("Back channel", envoy, leader, mediator)
    _offer(envoy, leader, kind="amnesty")
    network = network_of()
    labels = {(e.first.name, e.second.name): e.label for e in network.edges}
    assert labels == {
        ("Envoy", "Leader"): "talks: Back channel; offer: amnesty",
        ("Envoy", "Mediator"): "talks: Back channel",
        ("Leader", "Mediator"): "talks: Back channel",
    }
    # Ordered by side (U.S., Venezuelan government, opposition, mediators), then name.
    assert [node.name for node in network.nodes] == ["Envoy", "Leader", "Mediator"]


def test_the_same_data_gives_the_same_picture(db):
    actors = [ActorFactory(name=f"Person {i}") for i in range(7)]
    _talks("Talks", *actors[:4])
    _offer(actors[5], actors[6], actors[0])
    first = network_svg(network_of())
    second = network_svg(network_of())
    assert first == second
    assert [(n.node.name, n.x, n.y) for n in first.nodes] == [
        (n.node.name, n.x, n.y) for n in second.nodes
    ]


def test_as_of_leaves_out_what_was_reported_later(db):
    one, two, three = (ActorFactory(first_reported_on=dt.date(2024, 1, 1)) for _ in range(3))
    _talks("Early talks", one, two, first_reported_on=dt.date(2024, 2, 1))
    _offer(two, three, first_reported_on=dt.date(2024, 9, 1))
    then = network_of(as_of=dt.date(2024, 3, 1))
    assert [e.label for e in then.edges] == ["talks: Early talks"]
    assert len(network_of().edges) == 2


def test_rejected_actors_and_self_offers_make_no_edge(db):
    kept, rejected = ActorFactory(), ActorFactory(review_state="rejected")
    _talks("Talks", kept, rejected)
    _offer(kept, kept)
    assert network_of().edges == []


def test_the_network_is_capped_to_the_most_connected_and_says_so(db):
    hub = ActorFactory(name="Hub")
    spokes = [ActorFactory(name=f"Spoke {i:02}") for i in range(12)]
    for spoke in spokes:
        _offer(hub, spoke)
    network = network_of(limit=5)
    assert network.capped and network.connected == 13 and len(network.nodes) == 5
    assert "Hub" in [node.name for node in network.nodes]


def test_an_actor_sees_only_its_own_relations(db):
    me, partner, other, far = (ActorFactory(name=n) for n in ("Me", "Partner", "Other", "Far"))
    _talks("Talks", me, partner, other)
    _offer(far, me, kind="pardon")
    _offer(other, far)
    network = actor_network(actor=me)
    assert network.center.name == "Me"
    assert sorted((e.first.name, e.second.name, e.label) for e in network.edges) == [
        ("Far", "Me", "offer: pardons"),
        ("Me", "Other", "talks: Talks"),
        ("Me", "Partner", "talks: Talks"),
    ]


def test_the_network_page_draws_the_graph_and_lists_the_same_relations(client, db):
    envoy, leader = ActorFactory(name="Envoy"), ActorFactory(name="Leader")
    _offer(envoy, leader, kind="amnesty")
    page = client.get("/network/").content.decode()
    assert '<svg class="network-svg"' in page and "<desc" in page
    assert page.count("offer: amnesty") >= 2  # the line's title and the table's row
    assert f'href="{envoy.get_absolute_url()}"' in page
    assert 'href="/network/"' in client.get("/").content.decode()


def test_the_network_page_says_when_nothing_links_actors(client, db):
    page = client.get("/network/?as_of=2020-01-01").content.decode()
    assert "No talks channel or offer links two actors by this date" in page


def test_a_bad_as_of_is_a_message_not_an_error(client, db):
    response = client.get("/network/?as_of=yesterday")
    assert response.status_code == 200 and b"is not a date" in response.content


def test_the_actor_page_shows_its_graph_and_which_way_offers_went(client, db):
    me, maker, taker = (
        ActorFactory(name="Me"),
        ActorFactory(name="Maker"),
        ActorFactory(name="Taker"),
    )
    _offer(maker, me, kind="amnesty")
    _offer(me, taker, kind="pardon")
    page = client.get(me.get_absolute_url()).content.decode()
    assert "Who Me deals with" in page and '<svg class="network-svg actor-network"' in page
    assert "<strong>Received</strong> by this actor from Maker" in page
    assert "<strong>Made by</strong> this actor to Taker" in page


def _grow(n: int, prefix: str):
    actors = [ActorFactory(name=f"{prefix} {i}") for i in range(n)]
    _talks(f"{prefix} talks", *actors)
    for one, other in zip(actors, actors[1:], strict=False):
        _offer(one, other)
    return actors


def test_the_network_page_makes_the_same_queries_whatever_the_data_size(client, db):
    _grow(2, "small")
    queries_on(client, "/network/")  # warms the content-type cache
    small = queries_on(client, "/network/")
    _grow(30, "large")
    assert queries_on(client, "/network/") == small


def test_the_actor_page_graph_makes_the_same_queries_whatever_the_data_size(client, db):
    me = ActorFactory(name="Me")
    _talks("small", me, ActorFactory())
    _offer(me, ActorFactory())
    queries_on(client, me.get_absolute_url())  # warms the content-type cache
    small = queries_on(client, me.get_absolute_url())
    others = [ActorFactory() for _ in range(20)]
    _talks("large", me, *others)
    for other in others[:10]:
        _offer(other, me)
    assert queries_on(client, me.get_absolute_url()) == small


def test_many_actors_have_their_names_along_their_radius_inside_the_picture(db):
    """Level names of close neighbours near the circle's top and bottom ran into each
    other: from RADIAL_FROM actors on, each name runs outwards, turned to read left to
    right, and the picture is tall enough for the names above and below."""
    actors = [ActorFactory(name=f"A rather long actor name {i:02}") for i in range(40)]
    for first, second in zip(actors[::2], actors[1::2], strict=True):
        _talks(f"Talks {first.pk}", first, second)
    svg = network_svg(network_of())
    assert len(svg.nodes) == 40 >= RADIAL_FROM
    longest = NAME_LENGTH * 7  # px: a drawn name at most (12 px type), from its start
    for placed in svg.nodes:
        assert -90 <= placed.label_angle <= 90  # never upside down
        outwards = 1 if placed.anchor == "start" else -1
        radians = math.radians(placed.label_angle)
        end_x = placed.label_x + outwards * longest * math.cos(radians)
        end_y = placed.label_y + outwards * longest * math.sin(radians)
        assert 0 <= end_x <= svg.width and 0 <= end_y <= svg.height, placed.node.name
        # Outwards from the centre: the name points away from the circle.
        assert (placed.label_x - svg.width / 2) * outwards * math.cos(radians) >= -1


def test_few_actors_keep_their_names_level(db):
    actors = [ActorFactory() for _ in range(4)]
    _talks("Talks", *actors)
    assert all(placed.label_angle is None for placed in network_svg(network_of()).nodes)
