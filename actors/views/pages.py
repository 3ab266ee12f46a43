"""Analysts' actor pages."""

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.views.decorators.http import require_GET

from actors.models import Actor
from actors.selectors import actor_detail as actor_detail_get
from actors.selectors import actor_merged_into, actor_suggestions
from core.asof import AsOfError, as_of_parse
from core.pages import as_of_context
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
    context.update(detail=detail, record=detail.actor, actor=detail.actor, model_name="actor")
    return render(request, "actors/actor_detail.html", context)


def _moved(request: HttpRequest, url: str) -> HttpResponsePermanentRedirect:
    """A merged actor's page: the kept actor's, with the same query (an as-of date)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


SUGGEST_TEXT_MAX = 100


@require_GET
def actor_suggest(request: HttpRequest) -> HttpResponse:
    """`?q=mad[&as_of=]`: a few actors matching the text, for a filter's type-ahead, as
    {"results": [{"slug", "name"}]}; bad input is a 400 that says what is wrong."""
    text = request.GET.get("q", "")
    if len(text) > SUGGEST_TEXT_MAX:
        return HttpResponseBadRequest(
            f"q: at most {SUGGEST_TEXT_MAX} characters.", content_type="text/plain; charset=utf-8"
        )
    try:
        as_of = as_of_parse(request.GET.get("as_of"))
    except AsOfError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return JsonResponse({"results": actor_suggestions(text=text, as_of=as_of)})
