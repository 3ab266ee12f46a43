from django.urls import path  # noqa: F401

app_name = "negotiations"

# The dashboard and the timeline.
state_patterns = []

# Record pages, sources and search.
record_patterns = []

# Editors' pages.
editor_patterns = []

urlpatterns = state_patterns + record_patterns + editor_patterns
