"""Who talks to whom: the actors linked by shared talks channels and offers, as of a date."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.pages import as_of_context
from negotiations.network_svg import network_svg
from negotiations.selectors.network import SIDE_ORDER, network_of


@require_GET
def network(request: HttpRequest) -> HttpResponse:
    context = as_of_context(request)
    graph = network_of(as_of=context["as_of"])
    context.update(
        network=graph,
        svg=network_svg(graph),
        sides=[(side.value, side.label) for side in SIDE_ORDER],
    )
    return render(request, "negotiations/network.html", context)
