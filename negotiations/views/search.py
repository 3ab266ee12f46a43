"""Search (`/search/?q=`) across actors, records, events and article text."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from negotiations.search import GROUP_LIMIT, record_search, search_query_clean


def search(request: HttpRequest) -> HttpResponse:
    query = search_query_clean(request.GET.get("q"))
    groups = record_search(query) if query else []
    return render(
        request,
        "negotiations/search.html",
        {
            "query": query,
            "groups": groups,
            "total": sum(group.count for group in groups),
            "total_is_estimate": any(group.is_estimate for group in groups),
            "limit": GROUP_LIMIT,
        },
    )
