"""An actor's roles over time as a strip: each role from when to when."""

import datetime as dt

from actors.models import Role
from actors.role_strip import role_strip
from tests.factories import ActorFactory

DAY = dt.date(2025, 6, 1)


def _role(actor, title, **dates):
    return Role.objects.create(actor=actor, title=title, **dates)


def test_each_dated_role_is_a_bar_in_date_order_and_undated_ones_are_listed(db):
    actor = ActorFactory()
    later = _role(actor, "minister", started_on=dt.date(2020, 1, 1), ended_on=dt.date(2022, 1, 1))
    first = _role(actor, "deputy", started_on=dt.date(2015, 1, 1), started_precision="year")
    undated = _role(actor, "adviser")
    strip = role_strip([later, first, undated], day=DAY)
    assert [bar.role for bar in strip.bars] == [first, later]
    assert strip.undated == [undated]
    deputy, minister = strip.bars
    assert deputy.x < minister.x and minister.x + minister.width < deputy.x + deputy.width
    # No end reported: drawn open up to the day viewed, never given an invented end.
    assert deputy.open_end and not deputy.open_start and not minister.open_end


def test_a_role_with_only_an_end_is_open_at_its_start(db):
    role = _role(ActorFactory(), "governor", ended_on=dt.date(2019, 5, 1))
    (bar,) = role_strip([role], day=DAY).bars
    assert bar.open_start and not bar.open_end


def test_no_roles_draw_nothing(db):
    assert role_strip([], day=DAY) is None


def test_the_actor_page_draws_the_strip(client, db):
    actor = ActorFactory(name="Envoy")
    _role(actor, "special envoy", started_on=dt.date(2023, 1, 1), ended_on=dt.date(2024, 3, 1))
    page = client.get(actor.get_absolute_url()).content.decode()
    assert '<svg class="role-strip"' in page and "special envoy" in page
