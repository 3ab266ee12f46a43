from django.urls import path  # noqa: F401

app_name = "actors"

# Analysts' pages.
record_patterns = []

# Editors' pages.
editor_patterns = []

urlpatterns = record_patterns + editor_patterns
