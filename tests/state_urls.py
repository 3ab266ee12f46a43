"""URLs for the dashboard and timeline tests: the project's, plus stand-ins for record pages.

The record pages (offers, events, actors, sources...) are built in parallel. Until a
name is routed, a stub answers at the contracted path so pages linking there render;
once the real page exists, the stub steps aside.
"""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from actors import urls as actors_urls
from config import urls as project
from negotiations import urls as negotiations_urls


def _stub(request, **kwargs):
    return HttpResponse("stub")


def _missing(name: str, args: list) -> bool:
    try:
        reverse(name, args=args, urlconf=project)
    except NoReverseMatch:
        return True
    return False


_NEGOTIATIONS = [
    ("offers/<int:pk>/", "offer"),
    ("indictments/<int:pk>/", "indictment"),
    ("channels/<int:pk>/", "channel"),
    ("events/<int:pk>/", "event"),
    ("positions/<int:pk>/", "position"),
    ("sources/<int:pk>/", "source"),
]

negotiation_patterns = negotiations_urls.urlpatterns + [
    path(route, _stub, name=name)
    for route, name in _NEGOTIATIONS
    if _missing(f"negotiations:{name}", [1])
]
actor_patterns = actors_urls.urlpatterns + [
    path("<slug:slug>/", _stub, name="detail") for _ in [1] if _missing("actors:detail", ["x"])
]

urlpatterns = [
    path("actors/", include((actor_patterns, "actors"))),
    *[
        p
        for p in project.urlpatterns
        if getattr(p, "namespace", None) not in {"negotiations", "actors"}
    ],
    path("", include((negotiation_patterns, "negotiations"))),
]
