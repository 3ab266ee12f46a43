from django.urls import path

from negotiations.views import dashboard, timeline

app_name = "negotiations"

# The dashboard and the timeline.
state_patterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("timeline/csv/", timeline.timeline_csv, name="timeline_csv"),
]

# Record pages, sources and search.
record_patterns = []

# Editors' pages.
editor_patterns = []

urlpatterns = state_patterns + record_patterns + editor_patterns
