"""The actor picker's search: actors whose name or alias contains what an editor types."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from actors.selectors import actor_search

QUERY_MAX = 100  # characters of a query read; a longer one is cut, not refused


@require_GET
def actor_search_json(request: HttpRequest) -> JsonResponse:
    """`?q=` → {"results": [{"id", "name", "slug", "side"}]}, at most ten, best first."""
    query = request.GET.get("q", "")[:QUERY_MAX]
    actors = actor_search(query=query)
    return JsonResponse(
        {
            "results": [
                {"id": a.pk, "name": a.name, "slug": a.slug, "side": a.get_side_display()}
                for a in actors
            ]
        }
    )
