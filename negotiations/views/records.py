"""Record pages: one offer, indictment, talks channel, event or position, as known on a date."""

from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.pages import as_of_context
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from negotiations.selectors import (
    channel_list,
    channel_sides,
    event_list,
    event_list_related,
    indictment_list,
    offer_list,
    position_list,
    record_known_later,
    related,
    status_history,
)


def _record_page(
    request: HttpRequest,
    *,
    pk: int,
    model: type[Model],
    records: Callable[..., QuerySet],
    extra: Callable[..., dict] | None = None,
) -> HttpResponse:
    """Load through the page's selector so status and evidence honour `?as_of=`."""
    context = as_of_context(request)
    as_of = context["as_of"]
    record = records(as_of=as_of).filter(pk=pk).first()
    if record is None:
        return record_missing(request, context, model=model, pk=pk)
    # The URL names (and editors' pages) call a TalksChannel a "channel".
    name = "channel" if model is TalksChannel else model._meta.model_name
    context.update(record=record, model_name=name)
    if extra:
        context.update(extra(record, as_of))
    return render(request, f"negotiations/{name}_detail.html", context)


def record_missing(request: HttpRequest, context: dict, *, model: type[Model], **lookup):
    """404, or, when only the as-of date hides it, a page saying it was not yet reported."""
    if context["as_of"] is None or not record_known_later(model, **lookup):
        raise Http404(f"No such {model._meta.verbose_name}.")
    context["kind"] = model._meta.verbose_name
    return render(request, "negotiations/not_yet_reported.html", context)


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(
        request,
        pk=pk,
        model=Offer,
        records=offer_list,
        extra=lambda offer, as_of: {
            "events": event_list_related(as_of=as_of, offer=offer),
            "history": status_history(offer, link="offer", as_of=as_of),
        },
    )


def indictment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(
        request,
        pk=pk,
        model=Indictment,
        records=indictment_list,
        extra=lambda indictment, as_of: {
            "events": event_list_related(as_of=as_of, indictment=indictment)
        },
    )


def channel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(
        request,
        pk=pk,
        model=TalksChannel,
        records=channel_list,
        extra=lambda channel, as_of: {
            "sides": channel_sides(channel),
            "offers": related(offer_list(as_of=as_of).filter(channel=channel)),
            "events": event_list_related(as_of=as_of, channel=channel),
            "history": status_history(channel, link="channel", as_of=as_of),
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(request, pk=pk, model=Event, records=event_list)


def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(request, pk=pk, model=Position, records=position_list)
