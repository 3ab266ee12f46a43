"""Filters for the actor list (pages and API)."""

from actors.choices import ActorKind, Side
from actors.models import Actor
from core.filtersets import ColumnChoicesFilter, FactFilterSet


class ActorFilterSet(FactFilterSet):
    side = ColumnChoicesFilter(choices=Side.choices)
    kind = ColumnChoicesFilter(choices=ActorKind.choices)

    class Meta:
        model = Actor
        fields = ["side", "kind"]
