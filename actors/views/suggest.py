"""The actors a reader may mean by what they type: the type-ahead of the timeline's actor
filter and of editors' actor pickers."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_GET

from actors.selectors import actor_suggestions
from core.asof import AsOfError, as_of_parse

SUGGEST_TEXT_MAX = 100


@require_GET
def actor_suggest(request: HttpRequest) -> HttpResponse:
    """`?q=mad[&as_of=]`: a few actors matching the text, best first, as
    {"results": [{"id", "slug", "name", "side"}]} (side as shown); bad input is a 400 that
    says what is wrong."""
    text = request.GET.get("q", "")
    if len(text) > SUGGEST_TEXT_MAX:
        return HttpResponseBadRequest(
            f"q: at most {SUGGEST_TEXT_MAX} characters.", content_type="text/plain; charset=utf-8"
        )
    try:
        as_of = as_of_parse(request.GET.get("as_of"))
    except AsOfError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    actors = actor_suggestions(text=text, as_of=as_of)
    return JsonResponse(
        {
            "results": [
                {"id": a.pk, "slug": a.slug, "name": a.name, "side": a.get_side_display()}
                for a in actors
            ]
        }
    )
