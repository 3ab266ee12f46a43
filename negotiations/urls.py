from django.urls import path  # noqa: F401

from negotiations.views import records, search, sources

app_name = "negotiations"

# The dashboard and the timeline.
state_patterns = []

# Record pages, sources and search.
record_patterns = [
    path("offers/<int:pk>/", records.offer_detail, name="offer"),
    path("indictments/<int:pk>/", records.indictment_detail, name="indictment"),
    path("channels/<int:pk>/", records.channel_detail, name="channel"),
    path("events/<int:pk>/", records.event_detail, name="event"),
    path("positions/<int:pk>/", records.position_detail, name="position"),
    path("sources/<int:pk>/", sources.source_detail, name="source"),
    path("search/", search.search, name="search"),
]

# Editors' pages.
editor_patterns = []

urlpatterns = state_patterns + record_patterns + editor_patterns
