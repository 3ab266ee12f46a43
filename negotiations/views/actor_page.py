"""An actor's page: the negotiation records it appears in, as known on a date."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from actors.models import Actor
from actors.role_strip import role_strip
from actors.selectors import actor_merged_into
from core.asof import today
from core.pages import as_of_context
from negotiations.network_svg import network_svg
from negotiations.selectors.actor_page import actor_detail as actor_detail_get
from negotiations.selectors.network import SIDE_ORDER
from negotiations.views.records import record_missing


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = as_of_context(request)
    try:
        detail = actor_detail_get(slug=slug, as_of=context["as_of"])
    except Actor.DoesNotExist:
        merged_into = actor_merged_into(slug=slug)
        if merged_into is not None:
            return _moved(request, merged_into.get_absolute_url())
        return record_missing(request, context, model=Actor, slug=slug)
    context.update(
        detail=detail,
        record=detail.actor,
        actor=detail.actor,
        model_name="actor",
        network=detail.network,
        svg=network_svg(detail.network),
        sides=[(side.value, side.label) for side in SIDE_ORDER],
        strip=role_strip(detail.actor.roles.all(), day=context["as_of"] or today()),
    )
    return render(request, "actors/actor_detail.html", context)


def _moved(request: HttpRequest, url: str) -> HttpResponsePermanentRedirect:
    """A merged actor's page: the kept actor's, with the same query (an as-of date)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
