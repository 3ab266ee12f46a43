"""Source pages: an article as stored, its evidence highlighted and linked to what it supports."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from actors.models import Actor, Role
from negotiations.highlight import RecordLink, Span, highlight
from negotiations.selectors import source_detail as source_detail_get
from sources.models import Article


def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # As-of does not apply: an article is shown as stored, with everything it supports.
    try:
        detail = source_detail_get(pk=pk)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    spans = [
        Span(
            evidence_id=item.pk,
            start=item.start,
            end=item.end,
            records=[_link(record) for record in detail.records[item]],
        )
        for item in detail.evidence
        if item.start is not None and item.end is not None
    ]
    return render(
        request,
        "negotiations/source_detail.html",
        {
            "article": detail.article,
            "detail": detail,
            "groups": [
                (label, [_link(record) for record in records]) for label, records in detail.groups
            ],
            "text_html": highlight(detail.article.text, spans),
        },
    )


def _link(record) -> RecordLink:
    # A role has no page of its own: it links to its actor's.
    page = record.actor if isinstance(record, Role) else record
    return RecordLink(
        label=record.name if isinstance(record, Actor) else record._meta.verbose_name,
        title=str(record),
        url=page.get_absolute_url(),
    )
