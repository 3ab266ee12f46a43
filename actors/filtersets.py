"""Filters for the actor list (pages and API)."""

import django_filters

from actors.choices import ActorKind, Side
from actors.models import Actor
from core.filtersets import FactFilterSet


class ActorFilterSet(FactFilterSet):
    side = django_filters.MultipleChoiceFilter(choices=Side.choices)
    kind = django_filters.MultipleChoiceFilter(choices=ActorKind.choices)

    class Meta:
        model = Actor
        fields = ["side", "kind"]
