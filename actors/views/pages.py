"""Analysts' actor pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from actors.models import Actor
from actors.selectors import actor_detail as actor_detail_get
from core.pages import as_of_context
from negotiations.views.records import record_missing


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = as_of_context(request)
    try:
        detail = actor_detail_get(slug=slug, as_of=context["as_of"])
    except Actor.DoesNotExist:
        return record_missing(request, context, model=Actor, slug=slug)
    context.update(detail=detail, record=detail.actor, actor=detail.actor, model_name="actor")
    return render(request, "actors/actor_detail.html", context)
